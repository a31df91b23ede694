"""An applicant's personal data across the incubation: export and deletion requests (UU PDP). Reads every
room, like graduation; nothing imports it but the URLs."""
