from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from incubation.models import DecisionTemplate


class DecisionTemplateViewSet(SnippetViewSet):
    model = DecisionTemplate
    icon = "mail"
    menu_label = _("Decision templates")
    list_display = ["name", "outcome", "reason"]
    list_filter = ["outcome"]


register_snippet(DecisionTemplateViewSet)
