"""The shared bases of the API's endpoints: ``ReadViewSet`` for reading, ``ServiceWrites``.

Every endpoint lists and shows records with the project's filters, pagination, throttles and
renderers (settings.REST_FRAMEWORK), and answers conditional GETs with a weak ETag. Writing
endpoints add the acting account and the answer a client gets. docs/api.md describes both.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, ClassVar

from django.contrib.auth.models import User
from django.db.models import Model
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from claimtracker.api import filters, writes
from claimtracker.api.openapi import ReadableSchema


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

    def answer(self, record: M, status_code: int = status.HTTP_200_OK) -> Response:
        """The record as the read endpoints show it, re-read so nested data is complete."""
        fresh = self.get_queryset().get(pk=record.pk)
        headers = {}
        if status_code == status.HTTP_201_CREATED:
            lookup = getattr(fresh, self.lookup_field)
            headers["Location"] = reverse(
                f"api:{self.basename}-detail", kwargs={self.lookup_field: lookup}
            )
        return Response(self.get_serializer(fresh).data, status=status_code, headers=headers)
