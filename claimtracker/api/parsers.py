from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from claimtracker.api.errors import PayloadTooLarge


class BoundedJSONParser(JSONParser):
    """JSON, refused with 413 before it is read when the body is larger than Django's
    DATA_UPLOAD_MAX_MEMORY_SIZE (DRF reads the stream itself, so Django's own check on
    ``request.body`` never runs)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = (parser_context or {}).get("request")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0) if request else 0
        except ValueError:
            length = 0
        if limit is not None and length > limit:
            raise PayloadTooLarge(
                f"The request body is {length} bytes; the limit is {limit} bytes."
            )
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            # Python's json parser recurses once per nesting level; no API input nests deeper
            # than a few levels, so this is an attack, not data.
            raise ParseError(
                "JSON parse error - the document is nested too deeply.", code="parse_error"
            ) from None
