"""Assignments: the participant's page (/inkubasi/tugas/<lesson>/), private files, the trainer's review queue
and review page (/pelatih/tugas/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from adimarko.core.formfields import ID_MAX, parse_whole_number
from adimarko.core.pagination import paginate
from adimarko.core.permissions import require
from adimarko.core.views.files import private_file
from adimarko.core.web import add_service_errors
from incubation.classroom.models import LessonPage
from incubation.coaching import permissions as rules
from incubation.coaching.forms import ReviewForm, SubmissionForm
from incubation.coaching.models import AssignmentSubmission, SubmissionFile
from incubation.coaching.selectors import assignment_lessons, cohorts_run_by, review_queue, submission_history
from incubation.coaching.services import assignments as services
from incubation.cohorts.permissions import can_run_cohort, enrollment_for


def _assignment_lesson(lesson_id: int) -> LessonPage:
    lesson = LessonPage.objects.live().filter(pk=lesson_id, requires_submission=True).first()
    if lesson is None or rules.lesson_cohort(lesson) is None:
        raise Http404(_("This assignment does not exist."))
    return lesson


@login_required
@require_http_methods(["GET", "POST"])
def assignment_detail(request, lesson_id):
    lesson = _assignment_lesson(lesson_id)
    cohort = rules.lesson_cohort(lesson)
    enrollment = enrollment_for(request.user, cohort)
    if enrollment is None or not enrollment.has_access:
        if can_run_cohort(request.user, cohort)[0]:
            return redirect(f"{reverse('assignment_queue')}?lesson={lesson.pk}")
        raise PermissionDenied(
            _("Only participants of %(cohort)s can open this assignment.") % {"cohort": cohort}
        )
    history = list(submission_history(enrollment=enrollment, lesson=lesson))
    latest = history[0] if history else None
    allowed, reason = rules.can_submit_assignment(request.user, lesson)
    refusal = reason if not allowed else services.submission_refusal(latest)
    form = SubmissionForm(request.POST or None, request.FILES or None) if not refusal else None
    if request.method == "POST":
        if refusal:
            messages.error(request, refusal)
            return redirect("assignment_detail", lesson.pk)
        if form.is_valid():
            try:
                services.submission_create(
                    lesson=lesson,
                    enrollment=enrollment,
                    by=request.user,
                    text=form.cleaned_data["text"],
                    documents=form.cleaned_data["documents"],
                    photos=form.cleaned_data["photos"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your work was submitted. Your trainer will review it."))
                return redirect("assignment_detail", lesson.pk)
        if form.errors and (request.FILES.getlist("documents") or request.FILES.getlist("photos")):
            form.add_error(None, _("Nothing was saved. Your text is kept; please choose the files again."))
    return render(
        request,
        "incubation/coaching/assignments/detail.html",
        {
            "lesson": lesson,
            "cohort": cohort,
            "enrollment": enrollment,
            "history": history,
            "latest": latest,
            "form": form,
            "refusal": refusal,
        },
    )


@login_required
def assignment_file(request, pk):
    """Stream a submission's file to the participant, the cohort's trainers or staff; never a public URL."""
    record = get_object_or_404(
        SubmissionFile.objects.select_related(
            "submission__enrollment__cohort", "submission__enrollment__business"
        ),
        pk=pk,
    )
    require(rules.can_view_submission(request.user, record.submission))
    return private_file(request, record.file, content_type=record.content_type)


def _int(value) -> int | None:
    """A query parameter naming a row id: digits 0-9 within the id range, else None (ignored)."""
    try:
        number = parse_whole_number(value)
    except ValueError:
        return None
    return number if 1 <= number <= ID_MAX else None


@login_required
def assignment_queue(request):
    require(rules.can_train(request.user))
    cohorts = cohorts_run_by(request.user)
    cohort = cohorts.filter(pk=_int(request.GET.get("cohort"))).first() if request.GET.get("cohort") else None
    lessons = assignment_lessons([cohort] if cohort else cohorts)
    lesson_id = _int(request.GET.get("lesson"))
    lesson = next((item for item in lessons if item.pk == lesson_id), None)
    page = paginate(request, review_queue(user=request.user, cohort=cohort, lesson=lesson), per_page=25)
    return render(
        request,
        "incubation/coaching/assignments/queue.html",
        {"page": page, "cohorts": cohorts, "cohort": cohort, "lessons": lessons, "lesson": lesson},
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_review(request, pk):
    submission = get_object_or_404(
        AssignmentSubmission.objects.select_related("enrollment__cohort", "enrollment__business", "lesson"),
        pk=pk,
    )
    require(rules.can_review_submission(request.user, submission))
    history = list(submission_history(enrollment=submission.enrollment, lesson=submission.lesson))
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_review(
                submission=submission,
                by=request.user,
                decision=form.cleaned_data["decision"],
                feedback=form.cleaned_data["feedback"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your review was saved and the participant was notified."))
            return redirect("assignment_queue")
    return render(
        request,
        "incubation/coaching/assignments/review.html",
        {
            "submission": submission,
            "history": history,
            "form": form if submission.status == AssignmentSubmission.Status.SUBMITTED else None,
            "cohort": submission.enrollment.cohort,
        },
    )
