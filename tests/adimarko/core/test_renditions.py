"""Renditions are made ahead of time (upload, import, seed, backfill) and never while a page is served
(adimarko/core/renditions.py)."""

import io

import pytest
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.template import Context, Template
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.images.rect import Rect

from adimarko.core import renditions
from adimarko.core.renditions import PRODUCT_PHOTO_SETS, RENDITION_SETS, SITE_IMAGE_SETS, specs_of
from shop import services
from tests.factories import image_bytes
from tests.shop.factories import product, upload

pytestmark = pytest.mark.django_db


def _image(size=(800, 600), title="Sawah"):
    content = io.BytesIO(image_bytes("JPEG", size))
    return get_image_model().objects.create(title=title, file=ImageFile(content, name="sawah.jpg"))


def _made(image) -> set[str]:
    return set(image.renditions.values_list("filter_spec", flat=True))


@pytest.fixture
def resizes(monkeypatch):
    """Counts rendition generations (Wagtail's Filter.run) and calls through."""
    count = {"n": 0}
    run = Filter.run

    def counted(filter_self, *args, **kwargs):
        count["n"] += 1
        return run(filter_self, *args, **kwargs)

    monkeypatch.setattr(Filter, "run", counted)
    return count


def test_a_stored_product_photo_gets_every_product_rendition_on_commit(django_capture_on_commit_callbacks):
    item = product()
    with django_capture_on_commit_callbacks(execute=True):
        photo = services.product_photo_add(product=item, by=None, file=upload(), alt_text="Kopi")
    assert _made(photo.image) == set(specs_of(*PRODUCT_PHOTO_SETS))


def test_a_missing_rendition_is_the_original_at_the_rendition_size_and_is_queued_once(
    resizes, django_capture_on_commit_callbacks
):
    image = _image((800, 600))
    with django_capture_on_commit_callbacks() as queued:
        shown = renditions.renditions_for(image, RENDITION_SETS["product-card"])
        renditions.renditions_for(image, RENDITION_SETS["product-card"])  # a second view queues nothing more
    assert resizes["n"] == 0 and _made(image) == set()
    (stand_in,) = shown.values()
    assert stand_in.url == image.file.url
    assert (stand_in.width, stand_in.height) == (320, 320)  # fill-320x320, computed without decoding
    assert len(queued) == 1
    queued[0]()  # the task (immediate backend in tests) makes the missing renditions
    assert _made(image) == set(RENDITION_SETS["product-card"])
    assert resizes["n"] == 4
    made = renditions.renditions_for(image, RENDITION_SETS["product-card"])
    assert [r.url.rsplit(".", 2)[-2:] for r in made.values()] == [
        ["format-webp", "webp"],
        ["format-webp", "webp"],
        ["format-jpeg", "jpg"],
        ["format-jpeg", "jpg"],
    ]


def test_a_picture_with_a_missing_rendition_does_not_announce_the_original_as_webp(
    django_capture_on_commit_callbacks,
):
    image = _image()
    template = Template('{% load renditions %}{% responsive_image image "product-card" alt="Kopi" %}')
    with django_capture_on_commit_callbacks():
        html = template.render(Context({"image": image}))
    assert "<source" not in html and "image/webp" not in html
    assert f'src="{image.file.url}"' in html and 'width="320"' in html and 'alt="Kopi"' in html


def test_prefetched_renditions_are_used_without_a_query(django_assert_num_queries):
    image = _image((1600, 1200))
    renditions.renditions_generate(image=image, specs=RENDITION_SETS["hero"])
    from django.db.models import prefetch_related_objects

    prefetch_related_objects([image], renditions.renditions_prefetch("renditions", RENDITION_SETS["hero"]))
    with django_assert_num_queries(0):
        shown = renditions.renditions_for(image, RENDITION_SETS["hero"])
    assert [(r.width, r.height) for r in shown.values()] == [(480, 320), (960, 640)]


def test_backfill_makes_the_missing_renditions_with_the_right_sets_and_is_idempotent(
    django_capture_on_commit_callbacks,
):
    item = product()
    with django_capture_on_commit_callbacks(execute=False):  # stored, but its task never ran
        photo = services.product_photo_add(product=item, by=None, file=upload(), alt_text="Kopi")
    hero = _image(title="Hero")
    assert _made(photo.image) == _made(hero) == set()
    out, err = io.StringIO(), io.StringIO()
    call_command("renditions_backfill", stdout=out, stderr=err)
    assert _made(photo.image) == set(specs_of(*PRODUCT_PHOTO_SETS))
    assert _made(hero) == set(specs_of(*SITE_IMAGE_SETS))
    made = len(specs_of(*PRODUCT_PHOTO_SETS)) + len(specs_of(*SITE_IMAGE_SETS))
    assert f"{made} renditions made for 2 images." in out.getvalue()
    assert "renditions: 100%" in err.getvalue()  # the progress bar
    out = io.StringIO()
    call_command("renditions_backfill", stdout=out, stderr=io.StringIO())
    assert "0 renditions made for 2 images." in out.getvalue()


def test_a_broken_source_file_does_not_stop_the_backfill():
    broken = _image(title="Rusak")
    broken.file.storage.delete(broken.file.name)
    fine = _image(title="Utuh")
    out = io.StringIO()
    call_command("renditions_backfill", stdout=out, stderr=io.StringIO())
    assert _made(broken) == set() and _made(fine) == set(specs_of(*SITE_IMAGE_SETS))


def test_every_spec_in_the_list_is_valid():
    for spec in specs_of(*RENDITION_SETS):
        assert Filter(spec=spec).operations  # parses; an unknown operation raises


@pytest.mark.parametrize("set_name", ["product-card", "page-image", "card"])
def test_the_markup_is_wagtails_picture(set_name):
    from wagtail.images.models import Picture

    from adimarko.core.templatetags.renditions import picture_html

    image = _image((1600, 1200))
    renditions.renditions_generate(image=image, specs=RENDITION_SETS[set_name])
    shown = renditions.renditions_for(image, RENDITION_SETS[set_name])
    attrs = {"sizes": "(min-width: 48rem) 16rem, 45vw", "loading": "lazy", "alt": 'Kopi "Sirah" & gula'}
    expected = dict(attrs)
    if len(shown) == 1:
        # One rendition: no srcset, so no sizes either (Wagtail keeps it, which the HTML checker refuses).
        expected.pop("sizes")
    assert picture_html(shown, dict(attrs)) == str(Picture(shown, expected))


def test_a_single_rendition_has_no_sizes_without_srcset():
    from adimarko.core.templatetags.renditions import picture_html

    image = _image((1600, 1200))
    renditions.renditions_generate(image=image, specs=RENDITION_SETS["card"])
    shown = renditions.renditions_for(image, RENDITION_SETS["card"])
    assert len(shown) == 1
    html = picture_html(shown, {"sizes": "100vw", "alt": ""})
    assert "sizes=" not in html and "srcset=" not in html and html.startswith("<picture><img ")


@pytest.mark.parametrize("case", ["all made", "one missing", "focal point moved since"])
def test_renditions_read_as_values_are_the_ones_renditions_for_shows(
    case, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """A listing reads renditions as values (stored_renditions, one query for every image): the picture is the
    one `renditions_for` gives the image instance, including a stand-in for a missing or stale rendition."""
    from adimarko.core.templatetags.renditions import picture_html

    specs = RENDITION_SETS["product-card"]
    image = _image((800, 600))
    renditions.renditions_generate(image=image, specs=specs if case != "one missing" else specs[:3])
    if case == "focal point moved since":  # the fill renditions were cropped around another point
        image.set_focal_point(Rect.from_point(100, 80, 40, 40))
        image.save()
    row = get_image_model().objects.filter(pk=image.pk).values(*renditions.IMAGE_VALUES).get()
    attrs = {"sizes": "45vw", "alt": "Kopi"}
    with django_capture_on_commit_callbacks() as queued, django_assert_num_queries(1):
        from_values = renditions.stored_renditions({image.pk: row}, specs)
    expected = picture_html(renditions.renditions_for(image, specs), dict(attrs))
    assert picture_html(from_values[image.pk], dict(attrs)) == expected
    assert ("image/webp" in expected) is (case == "all made")
    assert len(queued) == (0 if case == "all made" else 1)
