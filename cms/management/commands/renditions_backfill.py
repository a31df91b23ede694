"""Make the renditions that existing images lack (a deploy step, after `migrate`; safe to run again).

Product photos get the catalogue's sets, every other image the public site's sets
(adimarko.core.renditions.PRODUCT_PHOTO_SETS / SITE_IMAGE_SETS). New uploads need no backfill: their
renditions are queued when they are stored.
"""

from django.core.management.base import BaseCommand
from django.db.models import Prefetch
from tqdm import tqdm
from wagtail.images import get_image_model

from adimarko.core.renditions import PRODUCT_PHOTO_SETS, SITE_IMAGE_SETS, renditions_generate, specs_of
from shop.models import ProductPhoto


class Command(BaseCommand):
    help = "Make the missing renditions of every image (product photos and site images), with a progress bar."

    def add_arguments(self, parser):
        parser.add_argument("--chunk", type=int, default=200, help="images read per query (default 200)")

    def handle(self, *args, chunk=200, **options):
        product_specs, site_specs = specs_of(*PRODUCT_PHOTO_SETS), specs_of(*SITE_IMAGE_SETS)
        image_model = get_image_model()
        product_images = set(ProductPhoto.objects.values_list("image_id", flat=True))
        existing = image_model.get_rendition_model().objects.filter(
            filter_spec__in=product_specs + site_specs
        )
        images = image_model.objects.order_by("pk").prefetch_related(
            Prefetch("renditions", queryset=existing, to_attr="prefetched_renditions")
        )
        made = 0
        bar = tqdm(
            total=images.count(), unit="image", desc="renditions", file=self.stderr._out,
            disable=options["verbosity"] == 0,
        )  # fmt: skip
        for image in images.iterator(chunk_size=chunk):
            specs = product_specs if image.pk in product_images else site_specs
            made += renditions_generate(image=image, specs=specs)
            bar.update(1)
        bar.close()
        if options["verbosity"]:
            self.stdout.write(f"{made} renditions made for {bar.n} images.")
