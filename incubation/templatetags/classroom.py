from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def classroom_url(context) -> str:
    """The classroom's address in the active language (/kelas/, /en/kelas/ where translated) for people who
    may open at least one course, else ""."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    if "_classroom_url" not in user.__dict__:
        from incubation.classroom.selectors import courses_for_user
        from incubation.models import CourseIndexPage

        url = ""
        index = CourseIndexPage.objects.live().filter(locale__language_code="id").first()
        if index is not None and courses_for_user(user).exists():
            url = index.localized.get_url(request)
        user.__dict__["_classroom_url"] = url
    return user.__dict__["_classroom_url"]
