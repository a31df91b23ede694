"""Bring uploads stored before issue 15 in line with the upload rules (docs/security/uploads.md).

- Public uploads (business logos) whose extension does not match their content get a new random name with
  the content's extension (a PNG stored as `x.html` becomes `<hex>.png`).
- Private kinds (certification documents, application documents, assignment files, Wagtail documents) that
  still sit in the default (public) storage are moved into STORAGES["private"]; those with a wrong extension
  are renamed on the way. Wagtail documents keep their name (their download URL contains it).

Each file is copied first, then its row is updated in a transaction, then the old file is deleted: an
interruption leaves at worst an extra copy, never a row pointing at nothing. Running it again changes nothing.

Which fields it covers: each app registers its own in its AppConfig.ready() with
`adimarko.core.uploads.upload_kind_register` (the ground floor imports no feature).
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from adimarko.core.storage import private_files
from adimarko.core.uploads import UploadKind, extension_of, renamed_by_content, upload_kinds


def _extension(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _read(storage, name: str) -> bytes:
    with storage.open(name, "rb") as handle:
        return handle.read()


def secure_file(kind: UploadKind, pk: int, name: str, *, dry_run: bool) -> str:
    """Move/rename one stored file; returns what happened: unchanged, renamed, moved, missing."""
    target = private_files if kind.private else default_storage
    # An earlier run stopped between copying and deleting: drop the public copy if it is the same file.
    leftover = kind.private and target.exists(name) and default_storage.exists(name)
    if leftover and _read(target, name) == _read(default_storage, name):
        if not dry_run:
            default_storage.delete(name)
        return "moved"
    if target.exists(name):
        source, moving = target, False
    elif kind.private and default_storage.exists(name):
        source, moving = default_storage, True
    else:
        return "missing"
    content = ContentFile(_read(source, name))
    extension = extension_of(content)
    wanted = name
    if not kind.keep_name and _extension(name) != extension:
        wanted = renamed_by_content(name, content)
    if not moving and wanted == name:
        return "unchanged"
    outcome = "moved" if moving else "renamed"
    if dry_run:
        return outcome
    new_name = target.save(wanted, content)
    try:
        with transaction.atomic():
            updated = kind.model.objects.filter(pk=pk, **{kind.field: name}).update(**{kind.field: new_name})
    except Exception:
        target.delete(new_name)
        raise
    if not updated:  # the row changed meanwhile: keep the old file, drop the copy
        target.delete(new_name)
        return "unchanged"
    source.delete(name)
    return outcome


class Command(BaseCommand):
    help = (
        "Rename public uploads whose extension does not match their content and move private files "
        "(certification, application and assignment files, Wagtail documents) into private storage."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would change only.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        rows = [
            (kind, pk, name)
            for kind in upload_kinds()
            for pk, name in kind.model.objects.exclude(**{kind.field: ""})
            .exclude(**{f"{kind.field}__isnull": True})
            .values_list("pk", kind.field)
            .order_by("pk")
        ]
        counts: dict[str, int] = {}
        for kind, pk, name in tqdm(rows, desc="Uploads", unit="file", disable=verbosity < 1):
            outcome = secure_file(kind, pk, name, dry_run=dry_run)
            counts[outcome] = counts.get(outcome, 0) + 1
            if outcome != "unchanged" and verbosity > 1:
                self.stdout.write(f"{outcome}: {kind.label} #{pk} {name}")
            if outcome == "missing":
                self.stderr.write(f"Missing file for {kind.label} #{pk}: {name}")
        summary = ", ".join(f"{count} {outcome}" for outcome, count in sorted(counts.items())) or "no files"
        self.stdout.write(("Dry run: " if dry_run else "") + summary + ".")
