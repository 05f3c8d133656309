"""The shared bases of the API's endpoints: ``ReadViewSet`` for reading, ``ServiceWrites``.

Every endpoint lists and shows records with the project's filters, pagination, throttles and
renderers (settings.REST_FRAMEWORK), and answers conditional GETs with a weak ETag. Writing
endpoints add the acting account and the answer a client gets. docs/api.md describes both.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any, ClassVar

from django.contrib.auth.models import User
from django.core.cache import caches
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.utils.encoders import JSONEncoder

from claimtracker.api import filters, writes
from claimtracker.api.openapi import ReadableSchema
from claimtracker.web.caching import PAGE_CACHE, kept_key

logger = logging.getLogger(__name__)


def representation_etag(data: Any, request: Request) -> str:
    """A weak ETag over what the client receives: the data and the format it is rendered in.

    The data already reflects the reader (drafts, language), so two readers share an ETag only
    when they see the same thing.
    """
    payload = json.dumps(
        [request.accepted_renderer.format, data], cls=JSONEncoder, sort_keys=True
    ).encode()
    return f'W/"{hashlib.sha256(payload).hexdigest()[:40]}"'


def etag_matches(request: Request, etag: str) -> bool:
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    given = parse_etags(header)
    return "*" in given or etag.removeprefix("W/") in {tag.removeprefix("W/") for tag in given}


class ReadViewSet[M: Model](
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[M]
):
    """The shared base of every record endpoint: list and detail, strict filters, the
    project's cursor pagination, throttles and renderers (settings.REST_FRAMEWORK)."""

    # Action name -> the role permission it needs ("claims.add_statement"); empty: read-only.
    write_permissions: ClassVar[dict[str, str]] = {}
    filter_backends = [filters.StrictFilterBackend]
    schema = ReadableSchema()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A page of records; for a reader without credentials, kept under the record's ETag
        and the address (``web.caching.kept_key``) and given from there to the next reader of
        the same page. Throttles, permissions and filters have run by now; only building,
        serializing and rendering the page is saved. A write changes the ETag, so a kept page
        is never given after the record changed."""
        self.kept_key = None
        if request.accepted_renderer.format == "json":  # not the browsable page
            self.kept_key = kept_key(request._request, request.accepted_renderer.format)
        if self.kept_key is not None and (kept := caches[PAGE_CACHE].get(self.kept_key)):
            self.kept_key = None
            # Kept as the bytes it rendered to: reading back the data itself (a pickle of
            # thousands of values) and rendering it again cost more than the queries saved.
            content, content_type = kept
            response = Response()
            response.content = content  # counts as rendered: DRF will not render it again
            response["Content-Type"] = content_type
            return response
        return super().list(request, *args, **kwargs)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The record, with a weak ETag; 304 with no body when ``If-None-Match`` matches.

        The record is still read to compute the ETag: a 304 saves the transfer, not the query.
        """
        response = super().retrieve(request, *args, **kwargs)
        etag = representation_etag(response.data, request)
        if etag_matches(request, etag):
            response = Response(status=304)
        response["ETag"] = etag
        return response

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        # Token holders may see drafts: a shared cache must not give their answer to others.
        patch_vary_headers(response, ["Authorization"])
        key = getattr(self, "kept_key", None)
        if key is not None and response.status_code == 200:
            response.render()
            caches[PAGE_CACHE].set(key, (response.content, response["Content-Type"]))
        return response


class ServiceWrites[M: Model](ReadViewSet[M]):
    """Helpers for writes: the acting account, and the answer a client gets for a record."""

    def author(self) -> User:
        user = self.request.user
        if not isinstance(user, User):  # RolePermissions lets no anonymous write this far
            raise PermissionError("a write needs an account")
        return user

    def check_input[S: writes.StrictSerializer](self, input_class: type[S]) -> S:
        data = input_class(data=self.request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        return data

    def answer(
        self,
        record: Model,
        status_code: int = status.HTTP_200_OK,
        *,
        reread: QuerySet[Any] | None = None,
        serializer_class: type[BaseSerializer[Any]] | None = None,
        basename: str | None = None,
    ) -> Response:
        """The record as the read endpoints show it, re-read so nested data is complete.

        The write has committed by the time this runs, so whatever fails while building the
        answer (the re-read finds nothing because an editor deleted the draft meanwhile, a
        serializer bug), the client still gets the status of its write with what the
        transaction wrote: a 500 would tell it to try again, and the retry would write twice.
        ``reread`` and ``serializer_class`` default to this endpoint's; ``basename`` names the
        detail route of a record of another endpoint.
        """
        basename = basename or self.basename
        lookup = "pk" if basename != self.basename else self.lookup_field
        address = reverse(f"api:{basename}-detail", kwargs={lookup: getattr(record, lookup)})
        headers = {"Location": address} if status_code == status.HTTP_201_CREATED else {}
        show: type[BaseSerializer[Any]] = serializer_class or self.get_serializer_class()
        context = self.get_serializer_context()
        try:
            fresh = (self.get_queryset() if reread is None else reread).get(pk=record.pk)
            data = show(fresh, context=context).data
        except Exception:
            logger.exception(
                "Answering %s from what was written: re-reading it after the commit failed.",
                address,
            )
            data = self.as_written(record, show(record, context=context), address)
        return Response(data, status=status_code, headers=headers)

    def as_written(self, record: Model, serializer: BaseSerializer[Any], address: str) -> Any:
        """The record as the write left it in memory; failing that, where to read it."""
        try:
            return serializer.data
        except Exception:
            logger.exception("Answering %s with its address only.", address)
            return {"id": record.pk, "url": self.request.build_absolute_uri(address)}
