"""Settings are split by environment: base, dev (default), test and production.

Every integration reads the environment and is off by default, so a fresh clone runs on SQLite with
database search and no external services.
"""
