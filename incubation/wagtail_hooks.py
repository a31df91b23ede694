from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from incubation.models import DecisionTemplate


class DecisionTemplateViewSet(SnippetViewSet):
    model = DecisionTemplate
    icon = "mail"
    menu_label = "Decision templates"
    list_display = ["name", "outcome", "reason"]
    list_filter = ["outcome"]


register_snippet(DecisionTemplateViewSet)
