from django.core.management.base import BaseCommand

from shop.orders.services import reservations_expire


class Command(BaseCommand):
    help = "Cancel unpaid orders whose stock reservation ran out and put their stock back on sale."

    def handle(self, *args, **options):
        count = reservations_expire()
        self.stdout.write(f"{count} expired reservation(s) released.")
