"""What approving course material publishes (Wagtail's `WAGTAIL_FINISH_WORKFLOW_ACTION`).

A trainer writes a course as drafts (the course, its modules, their lessons) and submits the course once.
When the moderation workflow approves it, Wagtail calls `publish_approved` instead of its own
`wagtail.workflows.publish_workflow_state`: the course is published as Wagtail would, then every module and
lesson under it with draft changes, in tree order (parents first), as the approver. A child's changes count
only when they were saved before the approver's step began, so nothing written after the approver started
reading is published unseen; later changes wait for their own submission. Approving a module covers its
lessons the same way; any other page is published exactly as Wagtail does.

Wagtail imports this module while its own models load: nothing here imports models at import time.
"""


def publish_approved(workflow_state, user=None):
    from wagtail.workflows import publish_workflow_state

    publish_workflow_state(workflow_state, user=user)
    covered_children_publish(workflow_state=workflow_state, user=user)


def covered_children_publish(*, workflow_state, user) -> list:
    """Publish the draft modules and lessons under an approved course or module; returns the pages."""
    from wagtail.models import Page, Revision, TaskState

    from incubation.classroom.models import CoursePage, LessonPage, ModulePage

    parent = workflow_state.content_object
    parent = getattr(parent, "specific", parent)
    if not isinstance(parent, CoursePage | ModulePage):
        return []
    approved = (
        TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_APPROVED)
        .order_by("-finished_at", "-pk")
        .first()
    )
    cutoff = approved.started_at if approved else workflow_state.created_at
    published = []
    children = (
        Page.objects.descendant_of(parent)
        .type(ModulePage, LessonPage)
        .filter(has_unpublished_changes=True)
        .order_by("path")
    )
    for child in children:
        revision = (
            Revision.objects.for_instance(child)
            .filter(created_at__lte=cutoff)
            .order_by("-created_at", "-pk")
            .first()
        )
        if revision is None or revision.pk == child.live_revision_id:
            continue
        revision.publish(user=user)
        published.append(child)
    return published
