"""The pieces embedded in other records' representations: brief references to a source, an
actor, a topic, a claim, a piece of evidence or a statement; a post held; and the
``translations`` and ``corrections`` lists, withdrawal time and history hashes that several
records carry. The full records are in ``serializers.py``; docs/api.md ("Records") is the guide.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework import serializers

from claimtracker.api.fields import (
    EnumField,
    PageUrlField,
    ReadSerializer,
    actor_name,
    api_url,
    choice_label,
    current_status,
    current_status_label,
    topic_name,
    web_url,
)
from claimtracker.claims.models import (
    Actor,
    ActorRole,
    Claim,
    Correction,
    CorrectionKind,
    Evidence,
    EvidenceKind,
    QuoteMode,
    Source,
    Statement,
    Topic,
)


def source_ref(help_text: str, **kwargs: Any) -> Any:
    """A nested source. Typed Any because the field is called ``source``, which mypy takes for
    the ``Field.source`` attribute it shadows on the serializer class."""
    return SourceRefSerializer(read_only=True, help_text=help_text, **kwargs)


def actor_ref(help_text: str, **kwargs: Any) -> ActorRefSerializer:
    return ActorRefSerializer(read_only=True, help_text=help_text, **kwargs)


def withdrawn_at() -> serializers.DateTimeField:
    return serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="When it was withdrawn, with a public note (see `corrections`); null if it "
        "stands. A withdrawn record stays readable, but no longer supports anything.",
    )


def history_hashes() -> tuple[serializers.CharField, serializers.CharField]:
    """``previous_hash`` and ``hash`` of a history entry (docs/export.md, "Verifying the
    history")."""
    return (
        serializers.CharField(
            read_only=True,
            help_text="The hash of the previous entry of the same record's history; empty for "
            "its first.",
        ),
        serializers.CharField(
            read_only=True,
            help_text="SHA-256 (hex) of previous_hash and this entry's content, chaining the "
            "record's history: recompute it to check nothing was changed.",
        ),
    )


# Translations, as every translated record embeds them (docs/api.md, "Translations")


class TranslationSerializer(serializers.Serializer[Any]):
    """One text of a record in another language: English is the original and the source of
    truth; a translation says who or what made it and whether a curator reviewed it."""

    id = serializers.IntegerField(
        read_only=True,
        help_text="Names it for removal: DELETE <record>/translations/<id>/ (docs/api.md).",
    )
    field = serializers.CharField(read_only=True, help_text="Which text of the record.")
    language = serializers.CharField(read_only=True, help_text="BCP 47 language tag: ru, kk.")
    script = serializers.CharField(
        read_only=True, help_text="ISO 15924 script: Cyrl, or Latn for Kazakh in Latin script."
    )
    text = serializers.CharField(read_only=True, help_text="The translated text.")
    origin = serializers.CharField(
        read_only=True,
        help_text="human, machine, or transliteration (Kazakh Latin generated from the Cyrillic "
        "by the 2021 alphabet, never typed).",
    )
    translated_by = serializers.CharField(
        read_only=True, help_text="Who or what translated it; may be empty."
    )
    reviewed = serializers.BooleanField(
        source="is_reviewed",
        read_only=True,
        help_text="Whether a curator checked it against the original.",
    )
    reviewed_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="When it was reviewed; null if not."
    )


def translations(what: str = "texts") -> TranslationSerializer:
    return TranslationSerializer(
        many=True,
        read_only=True,
        help_text=f"Its {what} in other languages (Russian, Kazakh in Cyrillic and Latin).",
    )


# Corrections, as every corrected record embeds them


class CorrectionChangeSerializer(serializers.Serializer[Any]):
    """One field a correction edited, as text before and after."""

    field = serializers.CharField(read_only=True, help_text="The field's name in the API.")
    label = serializers.CharField(  # type: ignore[assignment]
        read_only=True, help_text="The field's name in words."
    )
    before = serializers.CharField(read_only=True, help_text="Its text before; empty if none.")
    after = serializers.CharField(read_only=True, help_text="Its text after; empty if none.")


class OldestFirst(serializers.ListSerializer[Any]):
    """A record's history in the order it was written (its hash chain's order), whatever
    order the rows were fetched in; a prefetched list costs no query."""

    def to_representation(self, data: Any) -> list[Any]:
        entries = data.all() if isinstance(data, models.Manager) else data
        return super().to_representation(sorted(entries, key=_by_pk))


def _by_pk(entry: models.Model) -> int:
    return int(entry.pk)


class RecordCorrectionSerializer(ReadSerializer[Correction]):
    """A public correction or withdrawal, as embedded in the record it corrects."""

    kind = EnumField(CorrectionKind, read_only=True, help_text="Correction or withdrawal.")
    kind_label = choice_label("kind", "The kind in words.")
    changes = CorrectionChangeSerializer(
        many=True, read_only=True, help_text="For a correction, each field it edited."
    )
    translations = translations("note")
    previous_hash, hash = history_hashes()

    class Meta:
        model = Correction
        list_serializer_class = OldestFirst
        fields = [
            "id",
            "kind",
            "kind_label",
            "note",
            "translations",
            "changes",
            "recorded_at",
            "previous_hash",
            "hash",
        ]


def corrections() -> RecordCorrectionSerializer:
    return RecordCorrectionSerializer(
        many=True,
        read_only=True,
        help_text="Every public correction and withdrawal of this record, oldest first.",
    )


# Compact references, embedded in other records


class SourceRefSerializer(ReadSerializer[Source]):
    """A source, in brief; its ``url`` has the rest."""

    url = api_url("source")
    page_url = PageUrlField()
    web_url = web_url()

    class Meta:
        model = Source
        fields = ["id", "url", "page_url", "title", "publisher", "published_on", "web_url"]


class ActorRefSerializer(ReadSerializer[Actor]):
    """An actor, in brief; its ``url`` has the names, roles and ties."""

    url = api_url("actor", "slug")
    page_url = PageUrlField()
    name = actor_name()

    class Meta:
        model = Actor
        fields = ["slug", "url", "page_url", "name"]


class TopicRefSerializer(ReadSerializer[Topic]):
    """A topic, in brief."""

    url = api_url("topic", "slug")
    page_url = PageUrlField()
    name = topic_name()

    class Meta:
        model = Topic
        fields = ["slug", "url", "page_url", "name"]


class ClaimRefSerializer(ReadSerializer[Claim]):
    """A claim, in brief, with its current status; its ``url`` has the statements and
    evidence."""

    url = api_url("claim", "slug")
    page_url = PageUrlField()
    status = current_status()
    status_label = current_status_label()

    class Meta:
        model = Claim
        fields = ["slug", "url", "page_url", "text", "status", "status_label"]


class EvidenceRefSerializer(ReadSerializer[Evidence]):
    """A piece of evidence, in brief; its ``url`` has the summary and source."""

    url = api_url("evidence")
    page_url = PageUrlField()
    kind = EnumField(EvidenceKind, read_only=True, help_text="What sort of evidence it is.")
    kind_label = choice_label("kind", "The kind in words.")
    withdrawn_at = withdrawn_at()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "url",
            "page_url",
            "kind",
            "kind_label",
            "title",
            "occurred_on",
            "occurred_on_wording",
            "occurred_not_after",
            "withdrawn_at",
        ]


class StatementRefSerializer(ReadSerializer[Statement]):
    """A statement, in brief: who said what, when; its ``url`` has the context and sources."""

    url = api_url("statement")
    page_url = PageUrlField()
    speaker = actor_ref("Who said it.")
    mode = EnumField(
        QuoteMode, read_only=True, help_text="Whether the quote is the speaker's own words."
    )
    withdrawn_at = withdrawn_at()

    class Meta:
        model = Statement
        fields = [
            "id",
            "url",
            "page_url",
            "speaker",
            "mode",
            "quote",
            "language",
            "stated_on",
            "stated_on_wording",
            "stated_not_after",
            "withdrawn_at",
        ]


class RoleSerializer(ReadSerializer[ActorRole]):
    """A post held over time, e.g. “President” of an institution, from, to."""

    organisation = actor_ref(
        "The institution the post belongs to; null if the source names none.", allow_null=True
    )

    class Meta:
        model = ActorRole
        fields = ["title", "organisation", "start", "end", "note"]
