"""The classroom (kelas): courses, modules and lessons as Wagtail pages, lesson blocks, quizzes and lesson
progress. Imports the cohorts and the audition, never coaching or graduation."""
