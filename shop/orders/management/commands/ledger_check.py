from django.core.management.base import BaseCommand, CommandError

from adimarko.core.money import format_rupiah
from shop.orders.ledger import ledger_check


class Command(BaseCommand):
    help = "Prove the seller ledger balances against paid orders, refunds and payouts (exit 1 if not)."

    def handle(self, *args, **options):
        report = ledger_check()
        self.stdout.write(
            f"{report.seller_orders} seller orders, {report.sellers} sellers: credited "
            f"{format_rupiah(report.credited)}, refunded {format_rupiah(report.refunded)}, paid out "
            f"{format_rupiah(report.paid_out)}, owed {format_rupiah(report.owed)}"
        )
        for problem in report.problems:
            self.stderr.write(problem)
        if not report.ok:
            raise CommandError(f"The ledger does not balance: {len(report.problems)} problem(s).")
        self.stdout.write(self.style.SUCCESS("The ledger balances."))
