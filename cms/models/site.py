from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet

from adimarko.core.validators import validate_mobile_phone, whatsapp_url
from cms import blocks


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Identity of the site: logos, social links and the WhatsApp contact, edited in Settings."""

    organisation_name = models.CharField(
        _("organisation"), max_length=120, default="Disperindag Kabupaten Blitar"
    )
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    partner_logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("partner logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For example the regency's coat of arms, shown in the footer."),
    )
    default_share_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("default share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Used for link previews of pages without their own share image."),
    )
    whatsapp_number = models.CharField(
        _("WhatsApp number"), max_length=20, blank=True, validators=[validate_mobile_phone]
    )
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    tiktok_url = models.URLField(_("TikTok"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("logo"),
                FieldPanel("partner_logo"),
                FieldPanel("default_share_image"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [FieldPanel("whatsapp_number"), FieldPanel("email"), FieldPanel("address")], heading=_("Contact")
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
                FieldPanel("tiktok_url"),
            ],
            heading=_("Social media"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def whatsapp_url(self) -> str:
        return whatsapp_url(self.whatsapp_number) if self.whatsapp_number else ""

    @property
    def social_links(self) -> list[tuple[str, str]]:
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
            ("TikTok", self.tiktok_url),
        ]
        return [(name, url) for name, url in links if url]


@register_snippet
class SiteNavigation(TranslatableMixin, models.Model):
    """The header menu and the footer of one language. Staff translate it like a page."""

    header_links = StreamField([("link", blocks.LinkBlock())], verbose_name=_("header menu"), blank=True)
    footer_links = StreamField([("link", blocks.LinkBlock())], verbose_name=_("footer links"), blank=True)
    footer_text = RichTextField(_("footer text"), blank=True, features=["bold", "italic", "link"])

    panels = [FieldPanel("header_links"), FieldPanel("footer_links"), FieldPanel("footer_text")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("navigation")
        verbose_name_plural = _("navigation")

    def __str__(self):
        return str(_("Navigation (%(language)s)") % {"language": self.locale.get_display_name()})

    @classmethod
    def for_active_language(cls):
        """The navigation of the visitor's language, else that of the default language, else None (one
        query)."""
        active, default = translation.get_language(), settings.LANGUAGE_CODE
        navigations = {
            navigation.locale.language_code: navigation
            for navigation in cls.objects.filter(locale__language_code__in={active, default}).select_related(
                "locale"
            )
        }
        return navigations.get(active) or navigations.get(default)
