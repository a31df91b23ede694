"""Audition pages: applicants (/audisi/), juries (/juri/) and staff (/staf/audisi/)."""
