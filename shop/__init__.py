"""Marketplace: storefronts, catalogue, cart, checkout, payments (Stripe, QRIS) and the seller ledger."""
