"""A sendfile backend for nginx (SENDFILE_BACKEND = "adimarko.core.sendfile_nginx"), used by Wagtail's
document serve view and by adimarko.core.views.files: after the permission check Django answers with an empty
response carrying `X-Accel-Redirect: SENDFILE_URL/<path under SENDFILE_ROOT>`, and nginx streams the file from
an `internal` location that no client can request directly (docs/security/uploads.md).
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpResponse


def sendfile(request, filename, **kwargs):
    root = Path(settings.SENDFILE_ROOT).resolve()
    path = Path(filename).resolve()
    if root not in path.parents:
        raise Http404("File outside SENDFILE_ROOT.")
    response = HttpResponse()
    response["X-Accel-Redirect"] = (
        settings.SENDFILE_URL.rstrip("/") + "/" + quote(path.relative_to(root).as_posix())
    )
    return response
