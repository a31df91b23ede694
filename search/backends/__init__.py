"""The two search backends; search.service picks one per request and falls back to the database."""
