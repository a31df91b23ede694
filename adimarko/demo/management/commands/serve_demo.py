from django.conf import settings
from django.core.management.commands.runserver import Command as RunserverCommand

from adimarko.core.demo import DEMO_LOGINS, DEMO_PASSWORD


class Command(RunserverCommand):
    help = "The demo's development server (`adimarko demo`): its start-up ends with the URL and the logins."

    def on_bind(self, server_port):
        super().on_bind(server_port)
        host = f"[{self.addr}]" if self._raw_ipv6 else ("0.0.0.0" if self.addr == "0" else self.addr)
        self.stdout.write("")
        if settings.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend":
            self.stdout.write(
                f"Emails sent by the demo: {settings.EMAIL_FILE_PATH}/ (one .log file per sending)"
            )
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            roles = ", ".join(["superuser"] * login.superuser + [role.value for role in login.roles])
            self.stdout.write(f"  {login.email:<26} {roles}")
        self.stdout.write(
            self.style.SUCCESS(f"Adi Marko demo: {self.protocol}://{host}:{server_port}/"), ending="\n"
        )
