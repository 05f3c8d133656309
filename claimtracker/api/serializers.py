"""What each record looks like in the API, in full.

Every object carries its stable identifier, ``url`` (its API address) and ``page_url`` (its
public page); nested data is bounded, and the viewsets prefetch exactly what these read. The
brief references and lists embedded in records are in ``embedded.py``, the field machinery in
``fields.py``; docs/api.md ("Records", "Conventions") is the guide.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.reverse import reverse

from claimtracker.api import examples
from claimtracker.api.embedded import (
    ActorRefSerializer,
    ClaimRefSerializer,
    EvidenceRefSerializer,
    RecordCorrectionSerializer,
    RoleSerializer,
    SourceRefSerializer,
    StatementRefSerializer,
    TopicRefSerializer,
    actor_ref,
    corrections,
    history_hashes,
    source_ref,
    translations,
)
from claimtracker.api.fields import (
    EnumField,
    FilteredListUrlField,
    OptionalUrlField,
    PageUrlField,
    ReadSerializer,
    StatusField,
    api_url,
    choice_label,
    choice_words,
)
from claimtracker.archive.models import Capture, Outcome
from claimtracker.archive.selectors import ArchiveState, State, source_archive_state
from claimtracker.claims.chain import correction_target
from claimtracker.claims.models import (
    ActorKind,
    ActorName,
    ActorRelation,
    Claim,
    ClaimEvidence,
    ContradictionLink,
    Correction,
    Evidence,
    NameKind,
    RelationKind,
    Source,
    Stance,
    Statement,
    StatusChange,
    TopicName,
)

NO_STATUS_LABEL = "No status"


class LinkEndKind(models.TextChoices):
    STATEMENT = "statement", _("Statement")
    CLAIM = "claim", _("Claim")
    EVIDENCE = "evidence", _("Evidence")


# Actors


class ActorNameSerializer(ReadSerializer[ActorName]):
    """A name in one language and script, citing where it comes from."""

    kind = EnumField(
        NameKind, read_only=True, help_text="Primary, alias, transliteration or former name."
    )
    source = source_ref("Where this name, in this spelling, comes from.")

    class Meta:
        model = ActorName
        fields = ["value", "language", "script", "kind", "source"]


class ActorRoleSerializer(RoleSerializer):
    """A post held over time, citing its source."""

    source = source_ref("Where the post and its dates are stated.")

    class Meta(RoleSerializer.Meta):
        fields = [*RoleSerializer.Meta.fields, "source"]


class ActorRelationSerializer(ReadSerializer[ActorRelation]):
    """A family tie from this actor to another, as a source states it."""

    kind = EnumField(RelationKind, read_only=True, help_text="The tie.")
    kind_label = choice_label(
        "kind", "The tie in words, read as “<this actor> <kind_label> <other>”."
    )
    other = actor_ref("The actor this one is related to.")
    source = source_ref("Where the tie is stated.")

    class Meta:
        model = ActorRelation
        fields = ["kind", "kind_label", "other", "source"]


class InverseActorRelationSerializer(ActorRelationSerializer):
    """A family tie from another actor to this one, as a source states it."""

    subject = actor_ref("The actor related to this one.")
    kind_label = choice_label(
        "kind", "The tie in words, read as “<subject> <kind_label> <this actor>”."
    )

    class Meta(ActorRelationSerializer.Meta):
        fields = ["subject", "kind", "kind_label", "source"]


@extend_schema_serializer(examples=examples.ACTOR)
class ActorSerializer(ActorRefSerializer):
    """A person or an institution, with every recorded name, post and family tie."""

    kind = EnumField(ActorKind, read_only=True, help_text="A person or an institution.")
    names = ActorNameSerializer(
        many=True, read_only=True, help_text="Every recorded name, each citing its source."
    )
    roles = ActorRoleSerializer(
        many=True, read_only=True, help_text="Posts held over time, earliest first."
    )
    relations = ActorRelationSerializer(
        many=True, read_only=True, help_text="Family ties stated by sources, from this actor."
    )
    related_as_other = InverseActorRelationSerializer(
        source="relations_as_other",
        many=True,
        read_only=True,
        help_text="Family ties stated by sources, towards this actor.",
    )
    statements_url = FilteredListUrlField(
        "api:statement-list",
        "actor",
        "slug",
        help_text="This actor's statements, in the API (not embedded: the list can be long).",
    )
    claims_url = FilteredListUrlField(
        "api:claim-list", "actor", "slug", help_text="The claims this actor's statements assert."
    )
    corrections = corrections()

    class Meta(ActorRefSerializer.Meta):
        fields = [
            "slug",
            "url",
            "page_url",
            "kind",
            "name",
            "description",
            "names",
            "roles",
            "relations",
            "related_as_other",
            "statements_url",
            "claims_url",
            "corrections",
        ]


# Sources


class CaptureSerializer(serializers.Serializer[Capture]):
    """One fetch of a source's address by the archive (docs/archiving.md)."""

    HASHES = ("content", "text", "warc", "screenshot", "pdf", "manifest")

    id = serializers.IntegerField(
        help_text="Names its files on the site: /archive/captures/<id>/<screenshot|pdf|text|warc>/."
    )
    captured_at = serializers.DateTimeField(help_text="When the fetch finished.")
    outcome = serializers.ChoiceField(choices=Outcome.choices, help_text="How the fetch ended.")
    http_status = serializers.IntegerField(
        allow_null=True, help_text="The last response's HTTP status; null if none came."
    )
    final_address = serializers.CharField(help_text="Where redirects ended; empty if no answer.")
    content_sha256 = serializers.CharField(allow_null=True, help_text="The page as served.")
    text_sha256 = serializers.CharField(allow_null=True, help_text="Its extracted text.")
    warc_sha256 = serializers.CharField(allow_null=True, help_text="The WARC of the fetch.")
    screenshot_sha256 = serializers.CharField(allow_null=True, help_text="A PNG screenshot.")
    pdf_sha256 = serializers.CharField(allow_null=True, help_text="A PDF print of the page.")
    manifest_sha256 = serializers.CharField(
        allow_null=True,
        help_text="The capture's manifest (address, final address, status, time, tool versions, "
        "hashes). Each hash is a SHA-256 in hex, or null for an artefact not made.",
    )

    def to_representation(self, instance: Capture) -> dict[str, Any]:
        data = super().to_representation(instance)
        # SHA-256 in hex, or null for an artefact this capture did not make.
        for kind in self.HASHES:
            data[f"{kind}_sha256"] = data[f"{kind}_sha256"] or None
        return data


class SourceArchiveSerializer(serializers.Serializer[ArchiveState]):
    """What the archive knows of a source: its state and every capture, oldest first."""

    state = serializers.ChoiceField(
        choices=[State.NOT_ARCHIVED, State.FAILED, State.ARCHIVED, State.CHANGED, State.GONE],
        help_text="archived: unchanged since its first capture (the copy as cited); changed or "
        "gone: a later capture found other content, or a 404/410; failed: never captured.",
    )
    since = serializers.DateTimeField(
        allow_null=True, help_text="When it was first seen changed or gone; else null."
    )
    captures = CaptureSerializer(many=True, help_text="Every capture, oldest first.")


@extend_schema_serializer(examples=examples.SOURCE)
class SourceSerializer(SourceRefSerializer):
    """Where something was published or observed: what every other record cites."""

    archive_url = OptionalUrlField(
        help_text="A copy in a web archive, in case the original changes or disappears; null if "
        "none is recorded."
    )
    corrections = corrections()
    archive = serializers.SerializerMethodField(
        help_text="This deployment's own captures of the source's web address, with hashes."
    )

    @extend_schema_field(SourceArchiveSerializer)
    def get_archive(self, source: Source) -> dict[str, Any]:
        # Reads the prefetched captures (SourceViewSet.get_queryset).
        return SourceArchiveSerializer(source_archive_state(source)).data

    class Meta(SourceRefSerializer.Meta):
        fields = [
            "id",
            "url",
            "page_url",
            "title",
            "publisher",
            "author",
            "published_on",
            "language",
            "web_url",
            "archive_url",
            "accessed_on",
            "corrections",
            "archive",
        ]


# Statements


@extend_schema_serializer(examples=examples.STATEMENT)
class StatementSerializer(StatementRefSerializer):
    """Who said what, when and where, quoted verbatim from the source it was taken from."""

    speaker_role = RoleSerializer(
        read_only=True,
        allow_null=True,
        help_text="The post the speaker held when the statement was made; null if unknown.",
    )
    source = source_ref("Where this quote was taken from.")
    first_appearance = source_ref(
        "Where it was first said or printed, if known and different from the source.",
        allow_null=True,
    )
    claims = ClaimRefSerializer(
        many=True, read_only=True, help_text="The claims this statement asserts."
    )
    corrections = corrections()

    class Meta(StatementRefSerializer.Meta):
        fields = [
            "id",
            "url",
            "page_url",
            "speaker",
            "speaker_role",
            "mode",
            "quote",
            "language",
            "translation",
            "translation_language",
            "context",
            "stated_on",
            "stated_on_wording",
            "stated_not_after",
            "place",
            "source",
            "first_appearance",
            "claims",
            "published_at",
            "withdrawn_at",
            "corrections",
        ]


# Evidence


class StanceSerializer(ReadSerializer[ClaimEvidence]):
    """How a piece of evidence bears on a claim, as either end shows it."""

    stance_label = choice_label("stance", "The stance in words.")

    class Meta:
        model = ClaimEvidence
        fields = ["stance", "stance_label", "note"]


class EvidenceClaimSerializer(StanceSerializer):
    """A claim a piece of evidence bears on, and how."""

    claim = ClaimRefSerializer(read_only=True, help_text="The claim.")
    stance = EnumField(
        Stance, read_only=True, help_text="Whether the evidence supports, contradicts or frames it."
    )

    class Meta(StanceSerializer.Meta):
        fields = ["claim", *StanceSerializer.Meta.fields]


@extend_schema_serializer(examples=examples.EVIDENCE)
class EvidenceSerializer(EvidenceRefSerializer):
    """An investigation, ruling, testimony, statement, reporting, document or observation."""

    source = source_ref("Where the evidence was published or observed.")
    claims = EvidenceClaimSerializer(
        source="claim_links",
        many=True,
        read_only=True,
        help_text="The claims this evidence bears on, and how.",
    )
    corrections = corrections()
    translations = translations("title and summary")

    class Meta(EvidenceRefSerializer.Meta):
        fields = [
            "id",
            "url",
            "page_url",
            "kind",
            "kind_label",
            "title",
            "summary",
            "occurred_on",
            "occurred_on_wording",
            "occurred_not_after",
            "source",
            "claims",
            "published_at",
            "withdrawn_at",
            "corrections",
            "translations",
        ]


# Status changes and claims


class StatusHistorySerializer(ReadSerializer[StatusChange]):
    """One change of a claim's status, as embedded in the claim's history."""

    url = api_url("statuschange")
    old_status = StatusField(help_text="The status before; null: no status.")
    old_status_label = serializers.SerializerMethodField(
        help_text="The status before, in words (“No status” when there was none)."
    )
    new_status = StatusField(help_text="The status this change set.")
    new_status_label = choice_label("new_status", "The status set, in words.")
    evidence = EvidenceRefSerializer(
        many=True, read_only=True, help_text="The evidence this change rests on."
    )
    previous_hash, hash = history_hashes()
    translations = translations("reason")

    class Meta:
        model = StatusChange
        fields = [
            "id",
            "url",
            "old_status",
            "old_status_label",
            "new_status",
            "new_status_label",
            "recorded_at",
            "as_of",
            "reason",
            "evidence",
            "previous_hash",
            "hash",
            "translations",
        ]

    def get_old_status_label(self, change: StatusChange) -> str:
        return choice_words(change, "old_status") if change.old_status else NO_STATUS_LABEL


@extend_schema_serializer(examples=examples.STATUS_CHANGE)
class StatusChangeSerializer(StatusHistorySerializer):
    """One change of a claim's status: append-only, never edited, never deleted."""

    page_url = PageUrlField(
        help_text="The change in its claim's public page (the claim's page with an anchor)."
    )
    claim = ClaimRefSerializer(read_only=True, help_text="The claim whose status changed.")

    class Meta(StatusHistorySerializer.Meta):
        fields = ["id", "url", "page_url", "claim", *StatusHistorySerializer.Meta.fields[2:]]


class ClaimEvidenceSerializer(StanceSerializer):
    """A piece of evidence that bears on a claim, and how."""

    evidence = EvidenceRefSerializer(read_only=True, help_text="The evidence.")
    stance = EnumField(
        Stance, read_only=True, help_text="Whether it supports, contradicts or frames the claim."
    )

    class Meta(StanceSerializer.Meta):
        fields = ["evidence", *StanceSerializer.Meta.fields]


@extend_schema_serializer(examples=examples.CLAIM)
class ClaimSerializer(ClaimRefSerializer):
    """A checkable proposition, the statements that assert it, the evidence that bears on it,
    and every change of its status."""

    topics = TopicRefSerializer(
        many=True, read_only=True, help_text="The narratives or events the claim belongs to."
    )
    statements = StatementRefSerializer(
        many=True, read_only=True, help_text="The statements that assert this claim."
    )
    evidence = ClaimEvidenceSerializer(
        source="evidence_links",
        many=True,
        read_only=True,
        help_text="The evidence that bears on this claim, with its stance.",
    )
    status_changes = StatusHistorySerializer(
        many=True, read_only=True, help_text="Every change of status, oldest first."
    )
    contradiction_links_url = FilteredListUrlField(
        "api:contradictionlink-list",
        "claim",
        "slug",
        help_text="The contradiction links with this claim at either end, in the API.",
    )
    corrections = corrections()
    translations = translations("text")

    class Meta(ClaimRefSerializer.Meta):
        fields = [
            "slug",
            "url",
            "page_url",
            "text",
            "status",
            "status_label",
            "status_changed_at",
            "topics",
            "statements",
            "evidence",
            "status_changes",
            "contradiction_links_url",
            "published_at",
            "corrections",
            "translations",
        ]


# Contradiction links


class LinkEndSerializer(serializers.Serializer[models.Model]):
    """One end of a contradiction link: a statement, a claim or a piece of evidence."""

    kind = serializers.SerializerMethodField(help_text="What the end is.")
    id = serializers.SerializerMethodField(help_text="A statement's or evidence's id; else null.")
    slug = serializers.SerializerMethodField(help_text="A claim's slug; else null.")
    url = serializers.SerializerMethodField(help_text="This end in the API.")
    page_url = PageUrlField()
    text = serializers.SerializerMethodField(
        help_text="A statement's quote, a claim's text or the evidence's title."
    )

    @extend_schema_field(EnumField(LinkEndKind))
    def get_kind(self, end: models.Model) -> str:
        return str(end._meta.model_name)

    def get_id(self, end: models.Model) -> int | None:
        return None if isinstance(end, Claim) else int(end.pk)

    def get_slug(self, end: models.Model) -> str | None:
        return end.slug if isinstance(end, Claim) else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, end: models.Model) -> str:
        lookup = end.slug if isinstance(end, Claim) else end.pk
        view_name = f"api:{self.get_kind(end)}-detail"
        return str(reverse(view_name, args=[lookup], request=self.context["request"]))

    def get_text(self, end: models.Model) -> str:
        if isinstance(end, Statement):
            return end.quote
        if isinstance(end, Claim):
            return end.text
        if isinstance(end, Evidence):
            return end.title
        raise TypeError(f"a contradiction link does not join {end._meta.model_name}")


@extend_schema_serializer(examples=examples.CONTRADICTION_LINK)
class ContradictionLinkSerializer(ReadSerializer[ContradictionLink]):
    """Two items that contradict each other, with the explanation readers see. Ends are in a
    canonical order (statements, then claims, then evidence; by id within a kind)."""

    url = api_url("contradictionlink")
    page_url = serializers.SerializerMethodField(
        help_text="Always null: a link has no page of its own; follow its ends' page_url."
    )
    a = LinkEndSerializer(source="end_a", read_only=True, help_text="The first end.")
    b = LinkEndSerializer(source="end_b", read_only=True, help_text="The second end.")

    class Meta:
        model = ContradictionLink
        fields = ["id", "url", "page_url", "a", "b", "explanation"]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_page_url(self, link: ContradictionLink) -> None:
        return None


# Topics


class TopicNameSerializer(ReadSerializer[TopicName]):
    """A topic's name in one language and script, citing where it comes from."""

    source = source_ref("Where this name comes from.")

    class Meta:
        model = TopicName
        fields = ["value", "language", "script", "source"]


@extend_schema_serializer(examples=examples.TOPIC)
class TopicSerializer(TopicRefSerializer):
    """A narrative or event that groups claims, e.g. the January 2022 events (Qandy Qantar)."""

    names = TopicNameSerializer(
        many=True, read_only=True, help_text="The topic's name in other languages."
    )
    claims_url = FilteredListUrlField(
        "api:claim-list", "topic", "slug", help_text="The claims under this topic, in the API."
    )
    corrections = corrections()
    translations = translations("description")

    class Meta(TopicRefSerializer.Meta):
        fields = [
            "slug",
            "url",
            "page_url",
            "name",
            "description",
            "names",
            "claims_url",
            "corrections",
            "translations",
        ]


# Corrections


class CorrectionSerializer(RecordCorrectionSerializer):
    """A public correction or withdrawal of a published record, naming the record."""

    url = api_url("correction")
    page_url = PageUrlField(help_text="The correction on the public corrections page.")
    record_type = serializers.SerializerMethodField(
        help_text="The kind of record corrected: statement, evidence, claim, source, actor or "
        "topic."
    )
    record_id = serializers.SerializerMethodField(help_text="The corrected record's id.")

    class Meta(RecordCorrectionSerializer.Meta):
        fields = [
            "id",
            "url",
            "page_url",
            "kind",
            "kind_label",
            "record_type",
            "record_id",
            "statement",
            "evidence",
            "note",
            "translations",
            "changes",
            "recorded_at",
            "previous_hash",
            "hash",
        ]

    @extend_schema_field(
        {"type": "string", "enum": ["statement", "evidence", "claim", "source", "actor", "topic"]}
    )
    def get_record_type(self, correction: Correction) -> str:
        return correction_target(correction)[0]

    def get_record_id(self, correction: Correction) -> int:
        return correction_target(correction)[1]
