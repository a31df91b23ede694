"""The five roles of the programme, kept as Django groups so staff can manage them in the Wagtail admin.

A person can hold several roles (an applicant becomes a seller after graduating).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BUYER = "buyer", _("Buyer (Pembeli)")
    SELLER = "seller", _("Business / IKM (Pelaku usaha)")
    JURY = "jury", _("Jury (Juri/asesor)")
    TRAINER = "trainer", _("Trainer (Pelatih/mentor)")
    STAFF = "staff", _("Disperindag staff")


# Group names are stable identifiers shown to staff in the admin; do not rename without a migration.
GROUP_NAMES = {
    Role.BUYER: "Pembeli",
    Role.SELLER: "Pelaku Usaha",
    Role.JURY: "Juri",
    Role.TRAINER: "Pelatih",
    Role.STAFF: "Staf Disperindag",
}

# Django model permissions (app_label.codename) each role's group carries.
GROUP_PERMISSIONS = {
    Role.STAFF: [
        "wagtailadmin.access_admin",
        "adimarko.view_business",
        "adimarko.change_business",
        # The shipping table and the platform's QRIS are Wagtail snippets (shop/orders/wagtail_hooks.py).
        *(
            f"orders.{action}_{model}"
            for model in ("shippingrate", "qrisaccount")
            for action in ("add", "change", "delete", "view")
        ),
    ],
    Role.TRAINER: ["wagtailadmin.access_admin"],
}
# Public site (cms): staff translate pages, edit news categories, navigation and site settings, read messages.
GROUP_PERMISSIONS[Role.STAFF] += [
    "simple_translation.submit_translation",
    "cms.add_newscategory",
    "cms.change_newscategory",
    "cms.delete_newscategory",
    "cms.add_sitenavigation",
    "cms.change_sitenavigation",
    "cms.change_sitesettings",
    "cms.view_contactmessage",
]

# Audition: staff keep the decision message templates (Wagtail snippets).
GROUP_PERMISSIONS[Role.STAFF] += [
    f"incubation.{action}_decisiontemplate" for action in ("add", "change", "delete", "view")
]

# Login lockouts (django-axes): staff see them and lift one by deleting it (adimarko/core/wagtail_hooks.py).
GROUP_PERMISSIONS[Role.STAFF] += ["axes.view_accessattempt", "axes.delete_accessattempt"]

# Wagtail checks images and documents per collection: these are granted on the root collection.
GROUP_COLLECTION_PERMISSIONS = {
    Role.STAFF: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    Role.TRAINER: [
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ],
}

# Staff edit the whole site: page permissions on the tree root. Trainers get theirs per course later.
GROUP_PAGE_PERMISSIONS = {
    Role.STAFF: [
        "wagtailcore.add_page",
        "wagtailcore.change_page",
        "wagtailcore.publish_page",
        "wagtailcore.lock_page",
        "wagtailcore.unlock_page",
    ],
}


def user_roles(user) -> set[Role]:
    """The roles a user holds, read from the (prefetched or cached) group names."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_adimarko_roles", None)
    if cached is None:
        names = {group.name for group in user.groups.all()}
        cached = {role for role, name in GROUP_NAMES.items() if name in names}
        if user.is_superuser:
            cached.add(Role.STAFF)
        user._adimarko_roles = cached
    return cached


def has_role(user, role: Role) -> bool:
    return role in user_roles(user)
