"""The Content-Security-Policy header: django-csp's middleware with one relaxed policy for Wagtail's admin.

The site and the API docs get `CONTENT_SECURITY_POLICY` (no inline script or style). Wagtail's admin ships
inline scripts and styles, so paths under `CONTENT_SECURITY_POLICY_ADMIN["URL_PREFIXES"]` get its directives
in place of the strict ones; every other directive (object-src, base-uri, form-action...) stays.
"""

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.middleware import PolicyParts
from django.conf import settings


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        admin = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None)
        if admin and not report_only and request.path_info.startswith(tuple(admin["URL_PREFIXES"])):
            parts.replace = {**admin["DIRECTIVES"], **(parts.replace or {})}
        return parts
