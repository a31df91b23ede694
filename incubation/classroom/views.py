"""Classroom actions under /inkubasi/kelas/: complete a lesson, answer a quiz, search lessons; and the
trainers' "new course" page in the Wagtail admin. The course pages themselves are Wagtail pages (/kelas/)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from adimarko.core.pagination import paginate
from adimarko.core.permissions import is_staff
from adimarko.core.web import add_service_errors, call_service
from incubation.classroom import services
from incubation.classroom.models import LessonPage
from incubation.classroom.quiz import answers_from_post, lesson_quiz, quiz_display
from incubation.classroom.selectors import lesson_search
from incubation.cohorts.models import Cohort

SEARCH_PAGE_SIZE = 20


def _lesson_for_action(request, pk) -> LessonPage:
    lesson = get_object_or_404(LessonPage.objects.live(), pk=pk)
    refusal = lesson.check_material_access(request)
    if refusal is not None:
        raise PermissionDenied(_("Log in first."))
    return lesson


def _render_lesson(request, lesson: LessonPage, **extra):
    context = lesson.get_context(request)
    context.update(extra)
    return TemplateResponse(request, lesson.get_template(request), context)


@login_required
@require_POST
def course_lesson_complete(request, pk):
    lesson = _lesson_for_action(request, pk)
    if not call_service(
        request, services.lesson_complete, lesson=lesson, user=request.user, success=_("Lesson completed.")
    ):
        return redirect(lesson.url)
    following = lesson.get_context(request)["next_lesson"]
    return redirect(following.url if following else lesson.course.url)


@login_required
@require_POST
def course_quiz_submit(request, pk):
    lesson = _lesson_for_action(request, pk)
    quiz = lesson_quiz(lesson)
    if quiz is None:
        messages.error(request, _("This lesson has no quiz."))
        return redirect(lesson.url)
    raw = answers_from_post(request.POST)
    try:
        result = services.quiz_submit(lesson=lesson, user=request.user, answers=raw)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return _render_lesson(request, lesson, quiz_display=quiz_display(quiz, raw=raw, errors=errors))
    # The quiz section itself shows the score, what was right and the explanations.
    return _render_lesson(request, lesson, quiz_display=quiz_display(quiz, raw=raw, result=result))


def course_search(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    query = request.GET.get("q", "").strip()[:100]
    page = None
    if query:
        page = paginate(request, lesson_search(request.user, query), per_page=SEARCH_PAGE_SIZE)
    return render(request, "incubation/classroom/courses/search.html", {"query": query, "results": page})


class CourseCreateForm(forms.Form):
    cohort = forms.ModelChoiceField(label=gettext_lazy("Cohort"), queryset=Cohort.objects.none())
    title = forms.CharField(label=gettext_lazy("Course title"), max_length=255)
    intro = forms.CharField(label=gettext_lazy("Introduction"), widget=forms.Textarea, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = (
            Cohort.objects.all() if is_staff(user) else Cohort.objects.for_trainer(user)
        )


@require_http_methods(["GET", "POST"])
def course_admin_create(request):
    """Wagtail admin: a trainer starts a course for one of their cohorts, then edits it in the page editor."""
    form = CourseCreateForm(request.POST or None, user=request.user)
    if not form.fields["cohort"].queryset.exists():
        raise PermissionDenied(_("Only trainers of a cohort and Disperindag staff create courses."))
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_create(
                cohort=form.cleaned_data["cohort"],
                title=form.cleaned_data["title"],
                intro=form.cleaned_data["intro"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Course created. Add modules and lessons, then submit it for approval.")
            )
            return redirect("wagtailadmin_pages:edit", course.pk)
    return render(request, "incubation/classroom/courses/admin_create.html", {"form": form})
