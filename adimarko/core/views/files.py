"""Serving private uploads after a permission check.

Files in STORAGES["private"] have no public URL. A view checks permission and answers with `private_file`:
the content type of the checked content, `X-Content-Type-Options: nosniff`, no caching by shared caches. In
production with SENDFILE=nginx the file itself is sent by nginx from an internal location (X-Accel-Redirect).
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from adimarko.core.models import Certification
from adimarko.core.permissions import can_view_certification_document, require
from adimarko.core.uploads import content_type_of

SAFE_INLINE_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/webp"}


def private_file(request, field_file, *, content_type: str | None = None):
    """A response streaming `field_file` (checked content types inline, anything else as a download)."""
    if not field_file:
        raise Http404(_("This file is no longer available."))
    storage = field_file.storage
    try:
        handle = storage.open(field_file.name, "rb")
    except FileNotFoundError:
        raise Http404(_("This file is no longer available.")) from None
    if content_type is None:
        content_type = content_type_of(handle)
    inline = content_type in SAFE_INLINE_TYPES
    content_type = content_type if inline else "application/octet-stream"
    backend = getattr(settings, "SENDFILE_BACKEND", "")
    path = _local_path(storage, field_file.name) if backend else None
    if path:
        handle.close()
        response = import_module(backend).sendfile(request, path)
    else:
        response = FileResponse(handle)
    response["Content-Type"] = content_type
    response["Content-Disposition"] = "inline" if inline else "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _local_path(storage, name: str) -> str | None:
    try:
        return storage.path(name)
    except NotImplementedError:
        return None


@login_required
def certification_document(request, pk):
    """A certification's scan, for the business's members and staff."""
    certification = get_object_or_404(Certification.objects.select_related("business"), pk=pk)
    require(can_view_certification_document(request.user, certification))
    return private_file(request, certification.document)
