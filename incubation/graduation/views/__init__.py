"""Graduation pages: certificates (participants and public verification) and the staff cohort pages that
graduate, withdraw and show the organiser dashboard."""
