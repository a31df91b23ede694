from django.conf import settings
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import ContactMessage, SiteNavigation


def fragment_cache():
    """The cache `{% cache %}` uses: `template_fragments` when configured, else the default one."""
    return caches["template_fragments" if "template_fragments" in settings.CACHES else "default"]


def navigation_fragments_forget() -> None:
    """Drop the cached header menu and footer of every language after staff change the navigation."""
    fragment_cache().delete_many(
        [
            make_template_fragment_key(name, [code])
            for name in ("cms_primary_nav", "cms_footer")
            for code, _name in settings.LANGUAGES
        ]
    )


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
@hooks.register("after_delete_snippet")
def _navigation_changed(request, instances):
    models = {
        type(instance) for instance in (instances if isinstance(instances, list | tuple) else [instances])
    }
    if SiteNavigation in models:
        navigation_fragments_forget()


class ContactMessageViewSet(SnippetViewSet):
    """Staff read contact messages in the admin; they arrive from the public form, never from the admin."""

    model = ContactMessage
    icon = "mail"
    menu_label = _("Contact messages")
    add_to_admin_menu = True
    list_display = ["subject", "name", "email", "created_at"]
    list_filter = ["page"]
    search_fields = ["subject", "name", "email", "message"]
    search_backend_name = None
    inspect_view_enabled = True


register_snippet(ContactMessageViewSet)
