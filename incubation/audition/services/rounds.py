"""Creating a round from code (demo data, tests); staff normally create rounds in the Wagtail admin."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page

from incubation.audition.models import RequiredDocument, RoundCategory, RoundPage, RubricCriterion


@transaction.atomic
def round_create(
    *,
    parent: Page,
    title: str,
    opens_at,
    closes_on,
    criteria: list[dict],
    documents: list[dict],
    categories: list[str] = (),
    body=None,
    publish: bool = True,
    **fields,
) -> RoundPage:
    """Add a round page under `parent` with its rubric, required documents and eligible categories.

    `criteria`: dicts with name, weight, description and level_1..level_5 (weights must total 100)."""
    total = sum(c["weight"] for c in criteria)
    if total != 100:
        raise ValidationError(_("The rubric weights must add up to 100 (now %(total)s).") % {"total": total})
    page = RoundPage(
        title=title, slug=slugify(title), opens_at=opens_at, closes_on=closes_on, body=body or [], **fields
    )
    page.criteria = [RubricCriterion(sort_order=i, **c) for i, c in enumerate(criteria)]
    page.required_documents = [RequiredDocument(sort_order=i, **d) for i, d in enumerate(documents)]
    page.categories = [RoundCategory(sort_order=i, category=c) for i, c in enumerate(categories)]
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page
