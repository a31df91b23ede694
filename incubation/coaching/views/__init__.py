"""Coaching pages: assignments (participants and the trainers' queue) and mentoring sessions."""
