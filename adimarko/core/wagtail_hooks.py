from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet


class LoginLockoutViewSet(SnippetViewSet):
    """Failed logins counted by django-axes (docs/security/throttling.md). Staff lift a lockout early by
    deleting its rows; they cannot add or change them (the group has view and delete permissions only)."""

    model = AccessAttempt
    icon = "lock"
    menu_label = _("Login lockouts")
    add_to_settings_menu = True
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    search_backend_name = None
    ordering = ["-attempt_time"]
    inspect_view_enabled = True
    inspect_view_fields = ["username", "ip_address", "failures_since_start", "attempt_time", "path_info"]


register_snippet(LoginLockoutViewSet)


@hooks.register("after_create_user")
def user_created_in_admin(request, user):
    """A user staff create in the admin speaks Indonesian there until they choose otherwise."""
    from adimarko.core.services import user_language_default

    user_language_default(user=user)
