"""Writes of coaching: assignments (submissions and reviews) and mentoring (sessions and attendance)."""
