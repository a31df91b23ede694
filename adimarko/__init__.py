"""Adi Marko: project settings, CLI and the shared domain (users, roles, businesses, regions)."""
