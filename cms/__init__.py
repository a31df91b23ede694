"""The Wagtail site shell: home page, standard pages, shared blocks and navigation."""
