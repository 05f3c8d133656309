"""Bulk export over HTTP: the collection files, their index, and the ClaimReview feed.

Exports are public: anyone may download them, and they hold published records only, whoever
asks. Each file streams from a snapshot of its own (``streaming.export_stream``); the snapshot
time and the data licence travel in headers. Streaming is flat in memory under a WSGI server
(gunicorn); an ASGI server would make Django buffer these synchronous streams whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.http import HttpResponseBase, StreamingHttpResponse
from django.urls import reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claimtracker.api.export.collections import COLLECTIONS, utc_timestamp
from claimtracker.api.export.streaming import (
    CONTENT_TYPES,
    DOWNLOAD_FORMATS,
    export_stream,
    in_chunks,
)
from claimtracker.claims.claimreview import (
    SCHEMA_ORG,
    claim_review,
    claims_for_review,
    publisher_name,
    site_url,
)
from claimtracker.web.caching import public_page

# Claims per query (and per prefetch) in the ClaimReview feed.
FEED_BATCH_SIZE = 500

ERROR_RESPONSE = inline_serializer(
    name="ExportError",
    fields={
        "errors": serializers.ListField(
            child=inline_serializer(
                name="ExportErrorItem",
                fields={
                    "code": serializers.CharField(),
                    "message": serializers.CharField(),
                    "field": serializers.CharField(allow_null=True),
                },
            )
        )
    },
)


RESPONSE_HEADERS = [
    OpenApiParameter(
        "X-Snapshot-Time",
        OpenApiTypes.DATETIME,
        OpenApiParameter.HEADER,
        response=[200],
        description="When the snapshot the file was read from was taken (UTC).",
    ),
    OpenApiParameter(
        "X-Data-Licence",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200],
        description="The licence the data is published under, e.g. CC BY 4.0.",
    ),
    OpenApiParameter(
        "Link",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200],
        description='The licence\'s text: `<url>; rel="license"`.',
    ),
    OpenApiParameter(
        "Content-Disposition",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200],
        description="A dated filename, e.g. claimtracker-claims-2026-11-25.csv.",
    ),
]


class FixedContentNegotiation(BaseContentNegotiation):
    """An export's type is in its address: ``Accept`` and ``?format=`` change nothing, and
    errors are always JSON."""

    def select_parser(self, request: Request, parsers: Iterable[BaseParser]) -> BaseParser | None:
        return next(iter(parsers), None)

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, str(renderer.media_type)


class ExportView(APIView):
    """Shared by the export views: read-only, JSON errors, and public: no authentication at all,
    since everyone gets the same public files (and a stale token must not stop a download)."""

    http_method_names = ["get", "head", "options"]
    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = FixedContentNegotiation

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        # Validated and cached as the public pages are (the record's revision; a CDN keeps a
        # file until a write purges it): an unchanged file is a 304 without running its COPY.
        return public_page(super().as_view(**initkwargs))


def with_licence(response: HttpResponseBase) -> HttpResponseBase:
    response["X-Data-Licence"] = settings.DATA_LICENCE
    response["Link"] = f'<{settings.DATA_LICENCE_URL}>; rel="license"'
    return response


class ExportIndexView(ExportView):
    @extend_schema(
        operation_id="export_index",
        summary="List the export files",
        description="Every collection with its columns and the addresses of its NDJSON, CSV and "
        "Excel CSV files, the ClaimReview feed, and the data licence. See docs/export.md.",
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="The export index.")},
        tags=["export"],
    )
    def get(self, request: Request) -> HttpResponseBase:
        def absolute(name: str, **kwargs: str) -> str:
            return request.build_absolute_uri(reverse(f"api:export:{name}", kwargs=kwargs))

        data = {
            "licence": {"name": settings.DATA_LICENCE, "url": settings.DATA_LICENCE_URL},
            "collections": [
                {
                    "name": collection.name,
                    "columns": collection.column_names,
                    **{
                        file_format: absolute(
                            "file", collection=collection.name, file_format=file_format
                        )
                        for file_format in DOWNLOAD_FORMATS
                    },
                }
                for collection in COLLECTIONS.values()
            ],
            "claimreview": absolute("claimreview"),
        }
        return with_licence(Response(data))


class ExportFileView(ExportView):
    @extend_schema(
        operation_id="export_file",
        summary="Download a collection",
        description="One collection, whole, streamed from a single consistent snapshot of the "
        "database: NDJSON (one JSON object per line), CSV (one header row) or `excel.csv` (the "
        "same CSV after a UTF-8 byte order mark, for Excel). In CSV, a text that begins with "
        "`=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` in front, so that no "
        "spreadsheet runs it as a formula; NDJSON holds every text verbatim. Published records "
        "only. `X-Snapshot-Time` says when the snapshot was taken, `X-Data-Licence` and "
        '`Link: <…>; rel="license"` under which licence the data is published. Columns are '
        "listed at /api/v1/export/ and described in docs/export.md.",
        parameters=[
            OpenApiParameter(
                "collection", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(COLLECTIONS)
            ),
            OpenApiParameter(
                "file_format",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(DOWNLOAD_FORMATS),
                description="The file format, written as the address's extension: `excel.csv` "
                "is the CSV file for Excel.",
            ),
            *RESPONSE_HEADERS,
        ],
        responses={
            (200, "application/x-ndjson"): OpenApiResponse(
                OpenApiTypes.STR,
                description="The collection's file, streamed.",
                examples=[
                    OpenApiExample(
                        "claims.ndjson",
                        value='{"id":7,"slug":"outside-terrorists","text":"…","status":"refuted",…}\n',
                    )
                ],
            ),
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description="The collection's file, streamed; for `excel.csv`, after a UTF-8 "
                "byte order mark.",
            ),
            404: OpenApiResponse(ERROR_RESPONSE, description="No such collection or format."),
        },
        tags=["export"],
    )
    def get(self, request: Request, collection: str, file_format: str) -> HttpResponseBase:
        chosen = COLLECTIONS.get(collection)
        if chosen is None or file_format not in DOWNLOAD_FORMATS:
            raise unknown_export()
        taken_at, stream = export_stream(chosen, file_format)
        body: Iterable[bytes] = stream
        if request.method == "HEAD":
            # Servers read and drop a HEAD response's body: do not run the COPY for nothing.
            stream.close()
            body = []
        response = StreamingHttpResponse(body, content_type=CONTENT_TYPES[file_format])
        response["X-Snapshot-Time"] = utc_timestamp(taken_at)
        filename = f"claimtracker-{collection}-{utc_timestamp(taken_at)[:10]}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return with_licence(response)


class ClaimReviewFeedView(ExportView):
    @extend_schema(
        operation_id="export_claimreview",
        summary="ClaimReview feed",
        description="A schema.org DataFeed (JSON-LD), as the Data Commons fact-check feed is: "
        "`sdLicense` is the data licence, `sdPublisher` the publishing organisation, and "
        "`dataFeedElement` lists one ClaimReview per published claim that has a status, oldest "
        "claim first; each is what the claim's page embeds.",
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                {
                    "type": "object",
                    "properties": {
                        "@context": {"type": "string"},
                        "@type": {"type": "string", "enum": ["DataFeed"]},
                        "sdLicense": {"type": "string", "format": "uri"},
                        "sdPublisher": {"type": "object"},
                        "dataFeedElement": {"type": "array", "items": {"type": "object"}},
                    },
                },
                description="The feed, streamed.",
            )
        },
        tags=["export"],
    )
    def get(self, request: Request) -> HttpResponseBase:
        body = [] if request.method == "HEAD" else in_chunks(claim_review_feed())
        response = StreamingHttpResponse(body, content_type="application/ld+json; charset=utf-8")
        return with_licence(response)


def claim_review_feed() -> Iterator[bytes]:
    """The feed as a schema.org DataFeed, one review per line, read in batches of claims.

    Runs a fixed number of queries per ``FEED_BATCH_SIZE`` claims, on Django's connection, as
    the response is streamed.
    """
    head = {
        "@context": SCHEMA_ORG,
        "@type": "DataFeed",
        "name": f"{publisher_name()} ClaimReview feed",
        "url": site_url() + reverse("api:export:claimreview"),
        "sdLicense": settings.DATA_LICENCE_URL,
        "sdPublisher": {"@type": "Organization", "name": publisher_name(), "url": site_url() + "/"},
    }
    opening = json.dumps(head, ensure_ascii=False)[:-1] + ', "dataFeedElement": ['
    with translation.override(settings.LANGUAGE_CODE):
        separator = b"\n"
        yield opening.encode()
        for claim in claims_for_review().iterator(chunk_size=FEED_BATCH_SIZE):
            review = claim_review(claim, language=settings.LANGUAGE_CODE)
            yield separator + json.dumps(review, ensure_ascii=False).encode()
            separator = b",\n"
        yield b"\n]}\n"


def unknown_export() -> NotFound:
    return NotFound(
        f"There is no such export. Collections: {', '.join(COLLECTIONS)}; "
        f"formats: {', '.join(DOWNLOAD_FORMATS)}; for example /api/v1/export/claims.csv.",
        code="unknown_export",
    )


@extend_schema(exclude=True)
class UnknownExportView(ExportView):
    def get(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        raise unknown_export()
