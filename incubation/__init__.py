"""Audition (rounds, applications, reviews) and incubation (cohorts, courses, progress, certificates)."""
