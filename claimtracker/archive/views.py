"""Archived copies for readers: served so that nothing in them can run on our site.

Each response carries a ``sandbox`` policy (a unique origin, no scripts, no forms) with nothing
allowed to load, and ``nosniff``; the PDF and the WARC are attachments. Only copies of
published sources are served: a draft's captures stay private like the draft.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from claimtracker.archive.models import Capture
from claimtracker.archive.storage import archive_storage, blob_name

# kind: (media type, file name extension, download rather than show)
KINDS = {
    "screenshot": ("image/png", "png", False),
    "pdf": ("application/pdf", "pdf", True),
    "text": ("text/plain; charset=utf-8", "txt", False),
    "warc": ("application/warc", "warc.gz", True),
}
SANDBOX = "sandbox; default-src 'none'; img-src 'self'; style-src 'none'"


@require_safe
def artefact(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    capture = get_object_or_404(Capture.objects.filter(source__published_at__isnull=False), pk=pk)
    sha256 = capture.artefacts.get(kind)
    if kind not in KINDS or not sha256:
        raise Http404
    media_type, extension, attachment = KINDS[kind]
    response = FileResponse(
        archive_storage().open(blob_name(sha256), "rb"),
        content_type=media_type,
        as_attachment=attachment,
        filename=f"source-{capture.source_id}-capture-{capture.pk}.{extension}",
    )
    if not attachment:
        response.headers["Content-Disposition"] = "inline"
    response.headers["Content-Security-Policy"] = SANDBOX
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Named by its hash, so it never changes.
    response.headers["ETag"] = f'"{sha256}"'
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
