"""Payment gateways. Each external system is owned by one module: stripe.py (cards), later qris.py."""
