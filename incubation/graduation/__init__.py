"""Graduation: the rules a participant must meet, graduating, certificates and their public verification,
the alumni storefront, and the organiser's pages that read every room below (participants, dashboard)."""
