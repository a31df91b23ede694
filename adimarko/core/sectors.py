"""The programme's sectors: one classification shared by audition applications and marketplace categories, so
impact figures can follow a sector from applicant to sale."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """What an IKM makes; used for eligibility, the ranking filter, the funnel report and impact figures."""

    FOOD = "food", _("Food and drink")
    SNACK = "snack", _("Snacks (keripik, kerupuk)")
    COFFEE = "coffee", _("Coffee, sugar and honey")
    HERBAL = "herbal", _("Herbal drinks (jamu)")
    CRAFT = "craft", _("Crafts")
    FASHION = "fashion", _("Fashion and textiles (batik, tenun)")
    OTHER = "other", _("Other")
