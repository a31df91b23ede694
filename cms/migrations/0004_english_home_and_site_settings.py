from django.db import migrations


def create_english_home(apps, schema_editor):
    """Site settings, the English locale and an English translation of the home page (slug `home`), so /en/
    is a page of its own that staff translate, and English pages get /en/ addresses."""
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("cms.HomePage")
    ContentType = apps.get_model("contenttypes.ContentType")

    # Site settings exist from the start, so no page view has to create them (no write on a GET).
    SiteSettings = apps.get_model("cms.SiteSettings")
    for site in apps.get_model("wagtailcore.Site").objects.all():
        SiteSettings.objects.get_or_create(site=site)

    english, _ = Locale.objects.get_or_create(language_code="en")
    home = HomePage.objects.filter(depth=2).exclude(locale=english).order_by("path").first()
    if home is None or HomePage.objects.filter(translation_key=home.translation_key, locale=english).exists():
        return
    root = Page.objects.get(depth=1)
    last = Page.objects.filter(depth=2).order_by("-path").first()
    step = int(last.path[-4:], 36) + 1
    suffix = ""
    while step:
        step, digit = divmod(step, 36)
        suffix = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[digit] + suffix
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    HomePage.objects.create(
        title=home.title,
        draft_title=home.title,
        slug="home",
        content_type=content_type,
        path=f"{root.path}{suffix.rjust(4, '0')}",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=english,
        translation_key=home.translation_key,
        live=True,
        featured_product_count=home.featured_product_count,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [("cms", "0003_public_site")]
    operations = [migrations.RunPython(create_english_home, migrations.RunPython.noop)]
