import sys

from django.core.management.base import BaseCommand

from adimarko.core.demo import DEMO_LOGINS, DEMO_PASSWORD
from adimarko.demo.orchestrator import build_demo


class Command(BaseCommand):
    help = "Build or refresh the Adi Marko demo data (deterministic and idempotent)."

    def handle(self, *args, **options):
        interactive = sys.stdout.isatty()

        def progress(message: str) -> None:
            if interactive:
                self.stdout.write(f"\r\033[K  {message}", ending="")
                self.stdout.flush()

        totals = build_demo(progress)
        if interactive:
            self.stdout.write("")
        summary = ", ".join(f"{key}: {value}" for key, value in totals.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({summary})."))
        for login in DEMO_LOGINS:
            roles = ", ".join(role.value for role in login.roles)
            self.stdout.write(f"  {login.email:<26} {DEMO_PASSWORD}  ({roles})")
