"""Coaching: assignments that trainers review and mentoring sessions with attendance (QR check-in), and each
participant's whole progress (lessons, assignments, attendance). Imports classroom, cohorts and audition."""
