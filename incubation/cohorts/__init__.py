"""Cohorts (angkatan): a round's accepted applicants enrolled together, their trainers and graduation rules.

Who is a participant, a cohort trainer or staff is decided here (permissions.py) for every room above it:
classroom, coaching and graduation. Imports only the audition."""
