"""Template tags of the public site: navigation, language links, SEO head and JSON-LD."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page

from cms import jsonld
from cms.models import SiteNavigation, SiteSettings

register = template.Library()

OG_LOCALES = {"id": "id_ID", "en": "en_US"}


def _wagtail_page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


def _home_url(language_code: str, request=None) -> str:
    """The home page of a language: Wagtail serves each locale's translation of the site root at the
    language's prefix ("/", "/en/"), so no database lookup is needed."""
    with translation.override(language_code):
        return reverse("wagtail_serve", args=[""])


def live_translations(page, request) -> list:
    """The live translations of `page` (itself included) with their locales, read once per request: the
    language switcher and the page head's hreflang links both show them."""
    key = f"_cms_translations_{page.pk}"
    if request is not None and hasattr(request, key):
        return getattr(request, key)
    translations = list(page.get_translations(inclusive=True).live().select_related("locale"))
    if request is not None:
        setattr(request, key, translations)
    return translations


def page_translations(page, request) -> dict[str, str]:
    """language code -> URL of each live translation of `page` (itself included)."""
    return {item.locale.language_code: item.get_url(request) for item in live_translations(page, request)}


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language, to this page's translation (or the translated path of a Django view, or the
    home page of that language when the page is not translated)."""
    request = context.get("request")
    page = _wagtail_page(context)
    current = translation.get_language()
    urls = page_translations(page, request) if page is not None else {}
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None:
            url = urls.get(code) or _home_url(code, request)
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = _home_url(code, request)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@register.simple_tag(takes_context=True)
def home_url(context):
    return _home_url(translation.get_language(), context.get("request"))


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """The navigation of the visitor's language, read once per request (header and footer share it)."""
    request = context.get("request")
    if request is None:
        return SiteNavigation.for_active_language()
    key = f"_cms_navigation_{translation.get_language()}"
    if not hasattr(request, key):
        setattr(request, key, SiteNavigation.for_active_language())
    return getattr(request, key)


@register.simple_tag(takes_context=True)
def seo(context):
    """Canonical URL, hreflang alternates and OpenGraph values of the current page or view."""
    request = context["request"]
    page = _wagtail_page(context)
    language = translation.get_language()
    site_settings = SiteSettings.for_request(request)
    alternates = {}
    image = site_settings.default_share_image
    description = ""
    if page is not None:
        canonical = page.get_full_url(request)
        # The site's configured host (Wagtail Site), like the canonical URL: one address per page.
        alternates = {
            item.locale.language_code: item.get_full_url(request) for item in live_translations(page, request)
        }
        specific = page.specific
        image = (specific.get_share_image() if hasattr(specific, "get_share_image") else None) or image
        description = specific.get_meta_description() if hasattr(specific, "get_meta_description") else ""
        og_type = "article" if page.specific_class.__name__ == "NewsPage" else "website"
    else:
        canonical = request.build_absolute_uri(request.path)
        og_type = "website"
    return {
        "description": description
        or gettext(
            "Adi Marko: online marketing audition and incubation for small and medium industries of "
            "Kabupaten Blitar."
        ),
        "canonical": canonical,
        "alternates": sorted(alternates.items()),
        "x_default": alternates.get(settings.LANGUAGE_CODE, ""),
        "og_type": og_type,
        "og_locale": OG_LOCALES.get(language, language),
        "og_image": jsonld.image_url(request, image),
    }


@register.simple_tag(takes_context=True)
def organization_jsonld(context):
    request = context["request"]
    return jsonld.render(
        jsonld.organization(
            request=request,
            site_settings=SiteSettings.for_request(request),
            home_url=_home_url(translation.get_language(), request),
        )
    )


@register.simple_tag(takes_context=True)
def breadcrumb_jsonld(context, page):
    return jsonld.render(
        jsonld.breadcrumb_list(request=context["request"], pages=[*page.get_breadcrumbs(), page])
    )


@register.simple_tag(takes_context=True)
def news_article_jsonld(context, page):
    request = context["request"]
    return jsonld.render(
        jsonld.news_article(request=request, page=page, site_settings=SiteSettings.for_request(request))
    )


@register.simple_tag(takes_context=True)
def product_jsonld(context, product, url=""):
    return jsonld.render(jsonld.product(request=context["request"], product=product, url=url))


@register.simple_tag
def faq_jsonld(page):
    return jsonld.render(jsonld.faq_page(questions=[block.value for block in page.questions]))
