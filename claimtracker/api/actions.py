"""The write actions several endpoints share, written once: ``publish``, ``corrections``, and
``translations`` with ``translation`` (adding or replacing, and removing, a translation).

An endpoint takes one by assigning it in its class body, naming what differs (the record's
serializer or input, and its name in the docs), and lists its permission in
``write_permissions``. docs/api.md ("Writing") describes them for clients.
"""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ErrorDetail, ValidationError
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


def translation_permissions(model: str) -> dict[str, str]:
    """``write_permissions`` of the translation actions, for the translation model's name. The
    service also asks for the change permission to replace a row, and for ``add_correction``
    once the record is public (a journalist translates drafts only, as in the admin)."""
    return {"translations": f"claims.add_{model}", "translation": f"claims.delete_{model}"}


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
        answer = CorrectionSerializer(correction, context=self.get_serializer_context())
        headers = {"Location": reverse("api:correction-detail", kwargs={"pk": correction.pk})}
        return Response(answer.data, status=status.HTTP_201_CREATED, headers=headers)

    return corrections


TRANSLATION_DESCRIPTION = (
    "Add a translation of one of the record's texts, or replace the one it has in the same "
    "language and script (every field as sent: `reviewed` left out clears an earlier review). "
    "A Kazakh text in Cyrillic regenerates the Kazakh Latin row beside it (origin "
    "`transliteration`), unless a curator wrote their own Latin row. Journalists translate "
    "drafts. Once the record is public (a status change's reason: once its claim is; a "
    "correction's note: always), a translation changes only with a public correction of the "
    "record (for a status change or a correction: a further correction of the record it is "
    "about), by a fact-checker or an editor: without `correction_note` it is a 400 naming that "
    "field, and a write that changes nothing is a 400 (`unchanged`). Answers with the record "
    "as its read endpoint shows it."
)
REMOVAL_DESCRIPTION = (
    "Remove one of the record's translations (its `id` is in the record's `translations`); a "
    "Kazakh Cyrillic row takes its generated Latin row with it. Once the record is public, "
    "this is a public correction: fact-checkers and editors, with `correction_note` in the "
    "query string."
)
CORRECTION_NOTE_PARAMETER = OpenApiParameter(
    "correction_note",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    description="The public note of the correction this removal makes; required once the "
    "record is public.",
)
TRANSLATION_ID_PARAMETER = OpenApiParameter(
    "translation_id",
    {"type": "integer", "minimum": 1},
    OpenApiParameter.PATH,
    description="The translation's `id`, as in the record's `translations`.",
)


def translations_action(
    input_class: type[writes.TranslationInput],
    serializer: type[ReadSerializer[Any]],
    singular: str,
) -> Any:
    """``POST <record>/translations/``: add or replace a translation, answering with the
    record."""

    @extend_schema(
        summary=f"Add or replace a translation of a {singular}",
        description=TRANSLATION_DESCRIPTION,
        request=input_class,
        responses=write_responses({200: serializer}, 404),
    )
    @action(detail=True, methods=["post"])
    def translations(
        self: ServiceWrites[Any], request: Request, *args: Any, **kwargs: Any
    ) -> Response:
        record = self.get_object()
        self.check_input(input_class).save_as(self.author(), record)
        return self.answer(record)

    return translations


def translation_action(singular: str) -> Any:
    """``DELETE <record>/translations/<translation_id>/``: remove one of its translations."""

    @extend_schema(
        summary=f"Remove a translation of a {singular}",
        description=REMOVAL_DESCRIPTION,
        parameters=[TRANSLATION_ID_PARAMETER, CORRECTION_NOTE_PARAMETER],
        request=None,
        responses=write_responses({204: None}, 404),
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"translations/(?P<translation_id>[0-9]+)",
        url_name="translation",
    )
    def translation(
        self: ServiceWrites[Any], request: Request, *args: Any, translation_id: str, **kwargs: Any
    ) -> Response:
        record = self.get_object()  # refuses any query parameter but correction_note
        row = get_object_or_404(record.translations.all(), pk=int(translation_id))
        if request.data:
            # A note sent in a body that DELETE does not read would be lost: say so instead.
            raise ValidationError(
                [ErrorDetail("Send correction_note in the query string: a removal has no body.")]
            )
        note = request.query_params.get(CORRECTION_NOTE_PARAMETER.name, "")
        services.translation_delete(by=self.author(), translation=row, correction_note=note)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # Read by filters.StrictFilterBackend, which refuses every other query parameter.
    translation.query_parameters = (CORRECTION_NOTE_PARAMETER.name,)  # type: ignore[attr-defined]
    return translation
