from django import template

from adimarko.core.roles import Role, has_role

register = template.Library()


@register.filter
def holds_role(user, role: str) -> bool:
    """{% if user|holds_role:"jury" %}"""
    return bool(user.is_authenticated and has_role(user, Role(role)))
