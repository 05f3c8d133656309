"""The write actions several endpoints share, written once: ``publish`` and ``corrections``.

An endpoint takes one by assigning it in its class body, naming what differs (the record's
serializer or correction input, and its name in the docs), and lists its permission in
``write_permissions``. docs/api.md ("Writing") describes both for clients.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from claimtracker.api import writes
from claimtracker.api.fields import ReadSerializer
from claimtracker.api.openapi import write_responses
from claimtracker.api.serializers import CorrectionSerializer
from claimtracker.api.viewsets import ServiceWrites
from claimtracker.claims import services

# The role permission each action needs, for the endpoints' write_permissions.
PUBLISH_PERMISSION = "claims.publish_records"
CORRECTION_PERMISSION = "claims.add_correction"

CORRECTION_DESCRIPTION = (
    "A published record is never silently edited or deleted: it is corrected or withdrawn "
    "with a public note (fact-checkers and editors). A `correction` sets the fields in "
    "`changes` (only those given; a correction that changes nothing is a 400) and records each "
    "field's text before and after; a `withdrawal` marks the record withdrawn for good: it "
    "stays public, marked, with the note, and no longer counts toward its claims. A draft is a "
    "400: edit it instead. Readers see every correction on the record's page and at "
    "/corrections/. Claims are corrected, never withdrawn (a withdrawal of a claim is a 400); "
    "their `statements` and `topics` lists replace the current ones."
)


def publish_action(serializer: type[ReadSerializer[Any]], singular: str) -> Any:
    """``POST <record>/publish/``: make a draft public, answering with the record."""

    @extend_schema(
        summary=f"Publish a {singular}",
        description="Make a draft public. Publishing is for good: a published record is "
        "corrected, never deleted or returned to draft. Publishing twice changes nothing.",
        request=None,
        responses=write_responses({200: serializer}, 404),
    )
    @action(detail=True, methods=["post"])
    def publish(self: ServiceWrites[Any], request: Request, *args: Any, **kwargs: Any) -> Response:
        record = services.record_publish(by=self.author(), record=self.get_object())
        return self.answer(record)

    return publish


def corrections_action(input_class: type[writes.CorrectionInput], singular: str) -> Any:
    """``POST <record>/corrections/``: correct or withdraw a published record, answering with
    the correction."""

    @extend_schema(
        summary=f"Correct or withdraw a published {singular}",
        description=CORRECTION_DESCRIPTION,
        request=input_class,
        responses=write_responses({201: CorrectionSerializer}, 404),
    )
    @action(detail=True, methods=["post"])
    def corrections(
        self: ServiceWrites[Any], request: Request, *args: Any, **kwargs: Any
    ) -> Response:
        correction = self.check_input(input_class).save_as(self.author(), self.get_object())
        return Response(CorrectionSerializer(correction).data, status=status.HTTP_201_CREATED)

    return corrections
