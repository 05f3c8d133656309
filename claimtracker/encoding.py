"""Refuse requests whose text is not valid UTF-8, before any form or serializer reads it.

Django decodes query strings and urlencoded bodies with ``errors="replace"``: an undecodable
byte silently becomes U+FFFD, and a form would then save "caf�" as a source title. A quote
must be stored exactly as sent or not at all, so such a request gets a 400 instead. (JSON
bodies are already refused by the API's parser.)
"""

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

from claimtracker.api.errors import error_response, is_api

FORM = "application/x-www-form-urlencoded"


def is_valid_utf8(encoded: bytes) -> bool:
    try:
        unquote_to_bytes(encoded.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class RefuseInvalidUtf8Middleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "").encode("latin-1", "replace")
        form = request.content_type == FORM and request.method not in {"GET", "HEAD"}
        # request.body respects DATA_UPLOAD_MAX_MEMORY_SIZE, so this reads no more than a form.
        if not is_valid_utf8(query) or (form and not is_valid_utf8(request.body)):
            message = _("This request contains text that is not valid UTF-8. Nothing was saved.")
            if is_api(request):
                return error_response(400, "invalid_utf8", message)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
