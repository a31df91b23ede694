"""schema.org JSON-LD for the public site: plain dicts built from our models, rendered by `cms_tags`."""

import json

from django.utils.html import format_html
from django.utils.safestring import SafeString

from adimarko.core.renditions import PRODUCT_SHARE_SPEC, RENDITION_SETS, rendition_for

SCHEMA = "https://schema.org"
SHARE_SPEC = RENDITION_SETS["share"][0]
LOGO_SPEC = RENDITION_SETS["logo"][0]
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def render(data: dict) -> SafeString:
    """A `<script type="application/ld+json">` element; <, > and & are escaped so text cannot end it."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(payload))


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if url else ""


def image_url(request, image, spec: str = SHARE_SPEC) -> str:
    """The absolute URL of a rendition from the one list (adimarko.core.renditions): found among the
    prefetched renditions or in the database, never made here (a missing one is the original, queued)."""
    return _absolute(request, rendition_for(image, spec).url) if image is not None else ""


def organization(*, request, site_settings, home_url: str) -> dict:
    data = {
        "@context": SCHEMA,
        "@type": "Organization",
        "name": "Adi Marko",
        "alternateName": "Audisi dan Inkubasi Marketing Online",
        "url": _absolute(request, home_url),
        "parentOrganization": {"@type": "GovernmentOrganization", "name": site_settings.organisation_name},
        "areaServed": "Kabupaten Blitar",
    }
    if site_settings.logo_id:
        data["logo"] = image_url(request, site_settings.logo, LOGO_SPEC)
    if same_as := [url for _name, url in site_settings.social_links]:
        data["sameAs"] = same_as
    contact = {
        key: value
        for key, value in (("telephone", site_settings.whatsapp_number), ("email", site_settings.email))
        if value
    }
    if contact:
        data["contactPoint"] = {"@type": "ContactPoint", "contactType": "customer support", **contact}
    return data


def breadcrumb_list(*, request, pages) -> dict:
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": page.title,
                "item": page.get_full_url(request),
            }
            for position, page in enumerate(pages, start=1)
        ],
    }


def news_article(*, request, page, site_settings) -> dict:
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.get_meta_description(),
        "datePublished": page.date.isoformat(),
        "inLanguage": page.locale.language_code,
        "mainEntityOfPage": page.get_full_url(request),
        "author": {"@type": "Person", "name": page.author_name}
        if page.author_name
        else {"@type": "Organization", "name": site_settings.organisation_name},
        "publisher": {"@type": "Organization", "name": "Adi Marko"},
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if image := page.get_share_image():
        data["image"] = [image_url(request, image)]
    if site_settings.logo_id:
        data["publisher"]["logo"] = {
            "@type": "ImageObject",
            "url": image_url(request, site_settings.logo, LOGO_SPEC),
        }
    return data


def faq_page(*, questions) -> dict:
    """FAQPage from QuestionBlock values (question, rich-text answer)."""
    from django.utils.html import strip_tags

    return {
        "@context": SCHEMA,
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": question["question"],
                "acceptedAnswer": {"@type": "Answer", "text": strip_tags(str(question["answer"])).strip()},
            }
            for question in questions
        ],
    }


def product(*, request, product, url: str = "") -> dict:
    """A Product with its IDR offer and, once reviewed, its aggregate rating (Google's merchant fields)."""
    url = url or request.build_absolute_uri(request.path)
    data = {
        "@context": SCHEMA,
        "@type": "Product",
        "name": product.name,
        "sku": product.sku,
        "description": product.description,
        "brand": {"@type": "Brand", "name": product.business.name},
        "category": product.category.display_name,
        "offers": {
            "@type": "Offer",
            "url": url,
            "priceCurrency": "IDR",
            "price": str(product.price),
            "itemCondition": "https://schema.org/NewCondition",
            "availability": "https://schema.org/InStock"
            if product.in_stock
            else "https://schema.org/OutOfStock",
            "seller": {"@type": "Organization", "name": product.business.name},
        },
    }
    if photo := product.primary_photo:
        data["image"] = [image_url(request, photo.image, PRODUCT_SHARE_SPEC)]
    if product.rating_count and product.rating_average is not None:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": str(product.rating_average),
            "reviewCount": product.rating_count,
            "bestRating": "5",
            "worstRating": "1",
        }
    return data
