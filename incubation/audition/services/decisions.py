"""Staff decisions: shortlist, batches of accepted / waitlist / rejected with a message; emails on commit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from adimarko.core.mail import email_send
from adimarko.core.models import User
from incubation.audition.models import (
    Application,
    DecisionBatch,
    DecisionReason,
    DecisionTemplate,
    RoundPage,
    Status,
)
from incubation.audition.services.applications import record_event

OUTCOMES = (Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED)


class _SafeDict(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def render_decision_message(template: str, application: Application) -> str:
    """Fill `{business}`, `{owner}` and `{round}`; unknown placeholders stay as written."""
    values = _SafeDict(
        business=application.business.name, owner=application.owner_name, round=application.round.title
    )
    return template.format_map(values)


@transaction.atomic
def decision_template_save(*, name: str, outcome: str, reason: str, body: str) -> DecisionTemplate:
    """Create or update (by name) a decision message template."""
    template = DecisionTemplate.objects.filter(name=name).first() or DecisionTemplate(name=name)
    template.outcome, template.reason, template.body = outcome, reason, body.strip()
    template.full_clean()
    template.save()
    return template


@transaction.atomic
def application_shortlist(*, application: Application, shortlisted: bool) -> Application:
    if application.status != Status.ELIGIBLE:
        raise ValidationError(_("Only eligible applications can be shortlisted."))
    application.shortlisted = shortlisted
    application.save(update_fields=["shortlisted", "updated_at"])
    return application


def _send_decision_email(application_pk: int) -> None:
    application = Application.objects.with_related().get(pk=application_pk)
    recipients = sorted({m.user.email for m in application.business.memberships.select_related("user")})
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        email_send(
            subject=_("Decision on your application to %(round)s") % {"round": application.round.title},
            body=render_to_string("incubation/email/decision.txt", {"application": application}),
            to=recipients,
        )


@transaction.atomic
def decision_batch_apply(
    *, round: RoundPage, applications, outcome: str, reason: str, message: str, by: User, notify: bool = True
) -> DecisionBatch:
    """Decide several eligible applications at once. The message may use `{business}`, `{owner}`, `{round}`;
    each applicant is emailed after the transaction commits."""
    if outcome not in OUTCOMES:
        raise ValidationError({"outcome": _("Choose accepted, waiting list or not accepted.")})
    if reason not in DecisionReason.values:
        raise ValidationError({"reason": _("Choose a reason code.")})
    if not message.strip():
        raise ValidationError({"message": _("Write the message the applicants will read.")})
    ids = [a.pk for a in applications]
    if not ids:
        raise ValidationError(_("Select at least one application."))
    locked = list(
        Application.objects.select_for_update()
        .filter(pk__in=ids)
        .select_related("round", "business")
        .order_by("pk")
    )
    wrong = [a for a in locked if a.round_id != round.pk or a.status not in (Status.ELIGIBLE, *OUTCOMES)]
    if wrong or len(locked) != len(set(ids)):
        raise ValidationError(
            _("Only eligible applications of this round can be decided: %(codes)s")
            % {"codes": ", ".join(a.code for a in wrong) or "?"}
        )
    if outcome == Status.ACCEPTED:
        accepted_elsewhere = (
            Application.objects.filter(round=round, status=Status.ACCEPTED).exclude(pk__in=ids).count()
        )
        if accepted_elsewhere + len(locked) > round.quota:
            raise ValidationError(
                _("Accepting %(n)s more would exceed the quota of %(quota)s (already accepted: %(done)s).")
                % {"n": len(locked), "quota": round.quota, "done": accepted_elsewhere}
            )
    batch = DecisionBatch(round=round, outcome=outcome, reason=reason, message=message.strip(), decided_by=by)
    batch.full_clean()
    batch.save()
    now = timezone.now()
    for application in locked:
        application.status = outcome
        application.decision_reason = reason
        application.decision_message = render_decision_message(batch.message, application)
        application.decided_at = now
        application.decision_batch = batch
        application.save(
            update_fields=[
                "status",
                "decision_reason",
                "decision_message",
                "decided_at",
                "decision_batch",
                "updated_at",
            ]
        )
        record_event(
            application=application, status=outcome, actor=by, note=str(DecisionReason(reason).label)
        )
        if notify:
            transaction.on_commit(lambda pk=application.pk: _send_decision_email(pk))
    return batch
