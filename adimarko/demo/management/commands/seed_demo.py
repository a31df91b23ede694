import logging
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

        # Wagtail logs every page it creates, edits and publishes at INFO (~200 lines in the demo): shown only
        # with --verbosity 2 or more, so the summary and the logins are not buried.
        wagtail_log = logging.getLogger("wagtail")
        level = wagtail_log.level
        if options["verbosity"] < 2:
            wagtail_log.setLevel(logging.WARNING)
        try:
            totals = build_demo(progress)
        finally:
            wagtail_log.setLevel(level)
        if interactive:
            self.stdout.write("")
        summary = ", ".join(f"{key}: {value}" for key, value in totals.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({summary})."))
        for login in DEMO_LOGINS:
            roles = ", ".join(role.value for role in login.roles)
            self.stdout.write(f"  {login.email:<26} {DEMO_PASSWORD}  ({roles})")
