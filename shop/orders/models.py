"""Cart, orders, payments, the seller ledger and payouts (issue 3, second half)."""
