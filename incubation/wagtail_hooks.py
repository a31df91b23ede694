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


# --- Courses: trainers edit only their cohorts' material; their publishing goes through the workflow --------
from django.contrib import messages  # noqa: E402
from django.core.exceptions import PermissionDenied  # noqa: E402
from django.shortcuts import redirect  # noqa: E402
from django.urls import path, reverse  # noqa: E402
from wagtail import hooks  # noqa: E402
from wagtail.admin.menu import MenuItem  # noqa: E402

from adimarko.core.permissions import is_staff  # noqa: E402
from incubation.classroom.models import CourseMaterial  # noqa: E402
from incubation.cohorts.permissions import can_run_cohort  # noqa: E402
from incubation.models import Cohort, CourseIndexPage, CoursePage, ModulePage  # noqa: E402


def _course_cohort(page):
    specific = page.specific if not isinstance(page, CourseMaterial) else page
    if isinstance(specific, CourseMaterial):
        return True, specific.course_cohort()
    return False, None


def _require_course_rights(request, page):
    """Course material: only the course cohort's trainers and staff, whatever Wagtail's page permissions
    say (for example a trainer who owns a page of a cohort they no longer train)."""
    is_material, cohort = _course_cohort(page)
    if not is_material or is_staff(request.user):
        return
    if cohort is None:
        raise PermissionDenied(_("Only Disperindag staff edit material outside a course."))
    allowed, reason = can_run_cohort(request.user, cohort)
    if not allowed:
        raise PermissionDenied(reason)


@hooks.register("before_edit_page")
def course_before_edit(request, page):
    _require_course_rights(request, page)
    if request.method == "POST" and "action-publish" in request.POST and not is_staff(request.user):
        is_material, _cohort = _course_cohort(page)
        if is_material:
            messages.error(
                request, _("Course material is published through approval: submit it for moderation.")
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_create_page")
def course_before_create(request, parent_page, page_class):
    parent = parent_page.specific
    if isinstance(parent, CourseIndexPage) and not is_staff(request.user):
        return redirect("incubation_course_admin_create")
    if isinstance(parent, CoursePage | ModulePage):
        _require_course_rights(request, parent)
        if request.method == "POST" and "action-publish" in request.POST and not is_staff(request.user):
            # A new page is no shortcut around the workflow: nothing is created, the form shows again.
            messages.error(
                request, _("Course material is published through approval: submit it for moderation.")
            )
            return redirect(request.get_full_path())
    return None


@hooks.register("before_delete_page")
@hooks.register("before_copy_page")
@hooks.register("before_move_page")
@hooks.register("before_unpublish_page")
def course_before_change(request, page, *args, **kwargs):
    _require_course_rights(request, page)


@hooks.register("construct_page_action_menu")
def course_hide_direct_publish(menu_items, request, context):
    # The create view has no page yet, only its parent (a course or module is course material too).
    page = context.get("page") or context.get("parent_page")
    if page is None or is_staff(request.user):
        return
    is_material, _cohort = _course_cohort(page)
    if is_material:
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def course_after_save(request, page):
    from wagtail.models import GroupPagePermission

    from incubation.classroom.services import course_workflow_ensure
    from incubation.cohorts.services import course_permissions_sync, trainer_group_name

    specific = page.specific
    if isinstance(specific, CourseIndexPage):
        course_workflow_ensure()
    if isinstance(specific, CoursePage):
        # The course's cohort gains it; a cohort it was moved away from loses it.
        granted = set(GroupPagePermission.objects.filter(page=specific).values_list("group__name", flat=True))
        for cohort in Cohort.objects.all():
            if cohort.pk == specific.cohort_id or trainer_group_name(cohort) in granted:
                course_permissions_sync(cohort=cohort)


@hooks.register("register_admin_urls")
def course_admin_urls():
    from incubation.classroom.views import course_admin_create

    return [path("kelas/baru/", course_admin_create, name="incubation_course_admin_create")]


class TrainerMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff(request.user) or Cohort.objects.for_trainer(request.user).exists()


@hooks.register("register_admin_menu_item")
def course_admin_menu_item():
    return TrainerMenuItem(
        _("New course"), reverse("incubation_course_admin_create"), icon_name="doc-empty-inverse", order=250
    )


@hooks.register("before_serve_document")
def course_document_access(document, request):
    """A document used only in course material (a worksheet, a lesson document) is served to the people
    who may read that material; documents also used on public pages stay public."""
    from django.contrib.auth.views import redirect_to_login
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    from incubation.cohorts.permissions import can_view_course_material

    references = list(
        ReferenceIndex.get_references_to(document).values_list("base_content_type", "object_id")
    )
    if not references:
        return None
    page_type = ContentType.objects.get_for_model(Page)
    if any(content_type != page_type.pk for content_type, _id in references):
        return None
    pages = list(Page.objects.filter(pk__in={int(pk) for _type, pk in references}).specific())
    if not pages or not all(isinstance(page, CourseMaterial) for page in pages):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    reason = ""
    for page in pages:
        cohort = page.course_cohort()
        if is_staff(request.user):
            return None
        if cohort is not None:
            allowed, reason = can_view_course_material(request.user, cohort)
            if allowed:
                return None
    raise PermissionDenied(reason or _("This document belongs to course material."))
