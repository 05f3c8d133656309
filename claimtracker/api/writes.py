"""What clients may send, and the service call each write becomes.

Input serializers here only read and check the request body, then hand it to a service of
``claimtracker.claims.services``, which writes in one transaction of its own, so a refused
request leaves nothing behind. Fields a serializer does not declare are refused, not
ignored: a misspelt field name must not silently drop what the client meant to say.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, ValidationError

from claimtracker.api.fields import EnumField
from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import (
    END_KINDS,
    Actor,
    ActorRole,
    Claim,
    ClaimStatus,
    ClaimTranslation,
    ContentTranslation,
    ContradictionLink,
    Correction,
    CorrectionKind,
    CorrectionTranslation,
    Evidence,
    EvidenceKind,
    EvidenceTranslation,
    QuoteMode,
    Script,
    Source,
    Statement,
    StatusChange,
    StatusChangeTranslation,
    Topic,
    TopicTranslation,
    TranslationOrigin,
)
from claimtracker.claims.services.translations import Translated
from claimtracker.claims.weburls import validate_web_url


class TextField(serializers.CharField):
    """Text, and only text: a number or a list where words belong is a mistake to report, not
    something to turn into a string."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictSerializer(serializers.Serializer[Any]):
    """Refuses fields it does not declare, naming each one."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise ValidationError(
                    {
                        name: [ErrorDetail("This field is not known.", code="unknown_field")]
                        for name in unknown
                    }
                )
        return super().to_internal_value(data)


@extend_schema_field(
    {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$", "example": "2023-04"}
)
class PartialDateField(serializers.Field[PartialDate, str, str, Any]):
    """A date at the precision the source gives: "2023", "2023-04" or "2023-04-17"."""

    default_error_messages = {"invalid": "Enter a date as 2023, 2023-04 or 2023-04-17."}

    def to_internal_value(self, data: Any) -> PartialDate:
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            return PartialDate.parse(data)
        except ValueError:
            self.fail("invalid")

    def to_representation(self, value: PartialDate) -> str:
        return value.isoformat()


class SourceInput(StrictSerializer):
    url = TextField(
        required=False,
        allow_null=True,
        max_length=2000,
        validators=[validate_web_url],
        help_text="http(s) only. A source with the same address (once normalised) is reused; "
        "with no address, one with the same title, publisher and date is.",
    )
    title = TextField(max_length=500)
    publisher = TextField(required=False, allow_blank=True, max_length=300)
    author = TextField(required=False, allow_blank=True, max_length=300)
    published_on = PartialDateField(required=False, allow_null=True)
    language = TextField(max_length=35)
    archive_url = TextField(
        required=False, allow_blank=True, max_length=2000, validators=[validate_web_url]
    )
    accessed_on = serializers.DateField(required=False, allow_null=True)


class StatementInput(StrictSerializer):
    speaker = serializers.SlugRelatedField(slug_field="slug", queryset=Actor.objects.all())
    speaker_role = serializers.PrimaryKeyRelatedField(
        queryset=ActorRole.objects.all(), required=False, allow_null=True
    )
    mode = serializers.ChoiceField(choices=QuoteMode.choices, default=QuoteMode.DIRECT)
    quote = TextField(trim_whitespace=False)
    language = TextField(max_length=35)
    translation = TextField(required=False, allow_blank=True)
    translation_language = TextField(required=False, allow_blank=True, max_length=35)
    # DRF's metaclass moves declared fields off the class, so these names do not shadow the
    # serializer's own `context` and `source` attributes; mypy cannot know that.
    context = TextField(  # type: ignore[assignment]
        required=False, allow_blank=True, trim_whitespace=False
    )
    stated_on = PartialDateField(required=False, allow_null=True)
    stated_on_wording = TextField(required=False, allow_blank=True, max_length=200)
    stated_not_after = serializers.DateField(required=False, allow_null=True)
    place = TextField(required=False, allow_blank=True, max_length=300)
    source = SourceInput(  # type: ignore[assignment]
        required=False,
        help_text="A new source, or one already recorded: found by its address, or with no "
        "address by its title, publisher and date.",
    )
    source_id = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), required=False, help_text="An existing source."
    )
    first_appearance_id = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), required=False, allow_null=True
    )

    def validate_quote(self, value: str) -> str:
        # Kept verbatim, spaces included; but a quote of nothing but spaces says nothing.
        if not value.strip():
            raise ValidationError("A statement needs the quoted words.", code="blank")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("source" in attrs) == ("source_id" in attrs):
            raise ValidationError(
                {"source": [ErrorDetail("Give either source or source_id.", code="required")]}
            )
        return attrs

    def save_as(self, by: User) -> Statement:
        # The API names related records by id; the service takes the source, or new source
        # fields, and writes both in one transaction.
        data = dict(self.validated_data)
        return services.statement_create(
            by=by,
            source=data.pop("source_id", None),
            new_source=data.pop("source", None),
            first_appearance=data.pop("first_appearance_id", None),
            **data,
        )


class ClaimInput(StrictSerializer):
    slug = serializers.SlugField(max_length=120)
    text = TextField()
    statements = serializers.PrimaryKeyRelatedField(
        queryset=Statement.objects.all(), many=True, required=False
    )
    topics = serializers.SlugRelatedField(
        slug_field="slug", queryset=Topic.objects.all(), many=True, required=False
    )

    def save_as(self, by: User) -> Claim:
        return services.claim_create(by=by, **self.validated_data)


class StatusChangeInput(StrictSerializer):
    new_status = serializers.ChoiceField(choices=ClaimStatus.choices)
    expected_status = serializers.ChoiceField(
        choices=[("", "no status"), *ClaimStatus.choices],
        allow_blank=True,
        help_text="The status you saw. If the claim's status has changed since, the answer is "
        "409 and nothing is recorded.",
    )
    reason = TextField(
        help_text=f"Why, for the public: a sentence of at least {services.REASON_MIN_LENGTH} "
        "characters (reason_too_short)."
    )
    as_of = PartialDateField(
        required=False,
        allow_null=True,
        help_text="The date the assessment holds as of; today when left out. Neither in the "
        "future (as_of_future) nor before the earliest statement asserting the claim "
        "(as_of_before_statement), compared at each date's precision.",
    )
    evidence = serializers.PrimaryKeyRelatedField(
        queryset=Evidence.objects.all(),
        many=True,
        required=False,
        help_text="Ids of evidence linked to this claim. confirmed, partly_confirmed and refuted "
        "cite at least one published, not withdrawn piece (evidence_required); disputed at "
        "least one linked as contradicting the claim (contradicting_evidence_required).",
    )

    def save_as(self, by: User, claim: Claim) -> StatusChange:
        return services.claim_change_status(by=by, claim=claim, **self.validated_data)


class LinkEndInput(StrictSerializer):
    kind = serializers.ChoiceField(choices=sorted(END_KINDS))
    id = serializers.IntegerField(min_value=1)

    MODELS: dict[str, type[models.Model]] = {
        "statement": Statement,
        "claim": Claim,
        "evidence": Evidence,
    }

    def validate(self, attrs: dict[str, Any]) -> Any:
        model = self.MODELS[attrs["kind"]]
        try:
            return model._default_manager.get(pk=attrs["id"])
        except ObjectDoesNotExist:
            raise ValidationError(
                {"id": [ErrorDetail(f"No {attrs['kind']} has this id.", code="does_not_exist")]}
            ) from None


class ContradictionLinkInput(StrictSerializer):
    first = LinkEndInput()
    second = LinkEndInput()
    explanation = TextField()

    def save_as(self, by: User) -> ContradictionLink:
        return services.contradiction_link_create(by=by, **self.validated_data)


# Corrections of published statements and evidence (services.record_correct, record_withdraw)


class StatementChanges(StrictSerializer):
    """The fields of a statement a correction may set; give only those that change."""

    speaker = serializers.SlugRelatedField(
        slug_field="slug", queryset=Actor.objects.all(), required=False
    )
    speaker_role = serializers.PrimaryKeyRelatedField(
        queryset=ActorRole.objects.all(), required=False, allow_null=True
    )
    mode = serializers.ChoiceField(choices=QuoteMode.choices, required=False)
    quote = TextField(required=False, trim_whitespace=False)
    language = TextField(required=False, max_length=35)
    translation = TextField(required=False, allow_blank=True)
    translation_language = TextField(required=False, allow_blank=True, max_length=35)
    context = TextField(  # type: ignore[assignment]
        required=False, allow_blank=True, trim_whitespace=False
    )
    stated_on = PartialDateField(required=False, allow_null=True)
    stated_on_wording = TextField(required=False, allow_blank=True, max_length=200)
    stated_not_after = serializers.DateField(required=False, allow_null=True)
    place = TextField(required=False, allow_blank=True, max_length=300)
    source_id = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all(), required=False)
    first_appearance_id = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), required=False, allow_null=True
    )


class EvidenceChanges(StrictSerializer):
    """The fields of a piece of evidence a correction may set; give only those that change."""

    kind = EnumField(EvidenceKind, required=False)
    title = TextField(required=False, max_length=300)
    summary = TextField(required=False)
    occurred_on = PartialDateField(required=False, allow_null=True)
    occurred_on_wording = TextField(required=False, allow_blank=True, max_length=200)
    occurred_not_after = serializers.DateField(required=False, allow_null=True)
    source_id = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all(), required=False)


class CorrectionInput(StrictSerializer):
    kind = EnumField(
        CorrectionKind,
        default=CorrectionKind.CORRECTION,
        help_text="`correction` edits the fields in `changes`; `withdrawal` withdraws the "
        "record for good (it stays public, marked, with the note) and takes no `changes`.",
    )
    note = TextField(help_text="For the public: what was wrong, and what is right now. Required.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        withdrawal = attrs["kind"] == CorrectionKind.WITHDRAWAL
        if withdrawal and attrs.get("changes"):
            raise ValidationError(
                {"changes": [ErrorDetail("A withdrawal changes no field.", code="invalid")]}
            )
        if not withdrawal and not attrs.get("changes"):
            raise ValidationError(
                {"changes": [ErrorDetail("Say which fields change.", code="required")]}
            )
        return attrs

    def save_as(self, by: User, record: Statement | Evidence | Claim) -> Correction:
        data = self.validated_data
        if data["kind"] == CorrectionKind.WITHDRAWAL:
            return services.record_withdraw(by=by, record=record, note=data["note"])
        # The API names related records by id, as StatementInput does.
        changes = {
            name.removesuffix("_id"): value for name, value in data.get("changes", {}).items()
        }
        return services.record_correct(by=by, record=record, changes=changes, note=data["note"])


class StatementCorrectionInput(CorrectionInput):
    changes = StatementChanges(required=False)


class EvidenceCorrectionInput(CorrectionInput):
    changes = EvidenceChanges(required=False)


class ClaimChanges(StrictSerializer):
    """What a correction of a claim may set: its text, and the statements and topics it is
    linked to (each list replaces the current one). Its evidence links change in the admin."""

    text = TextField(required=False)
    statements = serializers.PrimaryKeyRelatedField(
        queryset=Statement.objects.all(), many=True, required=False
    )
    topics = serializers.SlugRelatedField(
        slug_field="slug", queryset=Topic.objects.all(), many=True, required=False
    )


class ClaimCorrectionInput(CorrectionInput):
    changes = ClaimChanges(required=False)


# Translations of records' texts (services.translation_save, translation_delete)


def translated_field(model: type[ContentTranslation]) -> serializers.ChoiceField:
    """Which text of the record: a choice of the model's translatable fields, defaulting to
    the only one where there is one."""
    if len(model.FIELDS) == 1:
        return serializers.ChoiceField(
            choices=model.FIELDS, default=model.FIELDS[0], help_text="Which text of the record."
        )
    return serializers.ChoiceField(choices=model.FIELDS, help_text="Which text of the record.")


class TranslationInput(StrictSerializer):
    """One text of a record in another language: added, or replacing the record's translation
    of that text in the same language and script."""

    language = TextField(max_length=35, help_text="BCP 47 language tag: ru, kk.")
    script = EnumField(
        Script,
        default=Script.CYRILLIC,
        help_text="ISO 15924 script: Cyrl, or Latn for Kazakh in Latin script.",
    )
    text = TextField(help_text="The translated text.")
    # Transliterations are generated from the Kazakh Cyrillic, never sent.
    origin = serializers.ChoiceField(
        choices=[TranslationOrigin.HUMAN, TranslationOrigin.MACHINE],
        default=TranslationOrigin.HUMAN,
        help_text="human or machine. Kazakh Latin rows of origin transliteration are generated "
        "from the Kazakh Cyrillic; send a Latin row of your own (human) to replace one.",
    )
    translated_by = TextField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Who or what translated it: a person's name, or the machine translation used.",
    )
    reviewed = serializers.BooleanField(
        default=False,
        help_text="You checked it against the original; false clears an earlier review.",
    )
    correction_note = TextField(
        allow_blank=True,
        default="",
        help_text="For a published record (for a status change: of a published claim; for a "
        "correction: always), the public note of the correction this write makes; required "
        "there, ignored for a draft.",
    )

    def save_as(self, by: User, record: Translated) -> ContentTranslation:
        return services.translation_save(by=by, record=record, **self.validated_data)


class ClaimTranslationInput(TranslationInput):
    field = translated_field(ClaimTranslation)


class EvidenceTranslationInput(TranslationInput):
    field = translated_field(EvidenceTranslation)


class TopicTranslationInput(TranslationInput):
    field = translated_field(TopicTranslation)


class StatusChangeTranslationInput(TranslationInput):
    field = translated_field(StatusChangeTranslation)


class CorrectionTranslationInput(TranslationInput):
    field = translated_field(CorrectionTranslation)
