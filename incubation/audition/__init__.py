"""Audition (audisi): rounds as Wagtail pages, applications, screening, jury assignments and scores,
decisions.

The ground room of incubation: it imports no other room. Rooms above: cohorts → classroom → coaching →
graduation (see docs and the import-linter contract in pyproject.toml)."""
