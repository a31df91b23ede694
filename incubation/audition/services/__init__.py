"""Writes of the audition, one module per concept: rounds, applications, jury, decisions."""
