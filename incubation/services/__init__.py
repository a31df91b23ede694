"""Writes of the audition (and later incubation). Import services from their concept modules."""
