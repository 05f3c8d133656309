"""The translations a reader of the active language sees, fetched with the records they translate.

Pages show a record's text in the reader's language when a translation exists (the
``in_reader_language`` template tag, ``claimtracker/web/templatetags/content.py``), which reads
only what these selectors fetched: a prefetch of the record's ``translations`` in the reader's
language (one query per kind of record; none at all on English pages, the originals' language)
or, for lists, an annotation on the rows themselves (no query). The tag never queries.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import JSONObject
from django.utils.translation import get_language

from claimtracker.claims.models import (
    ClaimTranslation,
    ContentTranslation,
    CorrectionTranslation,
    EvidenceTranslation,
    Script,
    StatusChangeTranslation,
    TopicTranslation,
)
from claimtracker.i18n.transliteration import to_kazakh_latin

# The language every record is written in first; it is the source of truth (docs/i18n.md).
ORIGINAL_LANGUAGE = "en"


def reader_code(code: str | None = None) -> str:
    return (code or get_language() or ORIGINAL_LANGUAGE).lower()


def reader_condition(code: str | None = None) -> Q | None:
    """Which translation rows a reader of ``code`` may be shown; None for the originals' readers.

    /kk-latn/ readers get both Kazakh scripts, Latin first (``reader_order``): a Cyrillic row
    with no Latin one yet is transliterated for them as it is shown.
    """
    code = reader_code(code)
    language, _, script = code.partition("-")
    if language == ORIGINAL_LANGUAGE:
        return None
    if code == "kk-latn":
        return Q(language__iexact="kk")
    if script == "":
        return Q(language__iexact=language) & ~Q(script=Script.LATIN)
    return Q(language__iexact=language)


# Latin before Cyrillic ("Latn" > "Cyrl"), so a curator's or generated Latin row wins for
# /kk-latn/; other readers' rows are in one script.
READER_ORDER = ("field", "-script")


def reader_translations(model: type[ContentTranslation], code: str | None = None) -> QuerySet[Any]:
    """``model``'s rows a reader of ``code`` sees; an empty queryset (no query) for English."""
    condition = reader_condition(code)
    rows = model._default_manager.order_by(*READER_ORDER)
    return rows.none() if condition is None else rows.filter(condition)


def prefetch_translations(
    model: type[ContentTranslation], lookup: str = "translations", code: str | None = None
) -> Prefetch[Any]:
    """Prefetch a record's ``translations`` in the reader's language (``lookup`` may reach
    them through a relation: ``"evidence__translations"``)."""
    return Prefetch(lookup, queryset=reader_translations(model, code))


def translation_annotation(
    model: type[ContentTranslation],
    field: str,
    record: Any = None,
    name: str = "",
    code: str | None = None,
) -> dict[str, Subquery]:
    """``{"tr_<field>": ...}`` to annotate rows of a list with their translation of ``field``
    (a JSON object: text, language, script, origin; NULL when none), in the same query.

    ``record`` is the expression of the translated record's id (default: the row's own pk);
    ``name`` the row's attribute the template tag is asked for, when not ``field``.
    Empty for English readers, so their lists query exactly as before.
    """
    condition = reader_condition(code)
    if condition is None:
        return {}
    rows = (
        model._default_manager.filter(
            condition, field=field, **{model.RECORD: record or OuterRef("pk")}
        )
        .order_by(*READER_ORDER)
        .values(
            json=JSONObject(
                text=F("text"), language=F("language"), script=F("script"), origin=F("origin")
            )
        )[:1]
    )
    return {f"tr_{name or field}": Subquery(rows)}


def prefetch_paths(*paths: tuple[str, type[ContentTranslation]]) -> list[Prefetch[Any]]:
    """Prefetches of translations reached through relations a page already prefetches, e.g.
    ``("status_changes__translations", StatusChangeTranslation)``: list them after those."""
    return [prefetch_translations(model, path) for path, model in paths]


def claim_page_translations() -> list[Prefetch[Any]]:
    """The translations the claim page shows: its text, its evidence's titles, its status
    reasons and the notes of its corrections (after ``ClaimDetailView``'s own prefetches)."""
    return prefetch_paths(
        ("translations", ClaimTranslation),
        ("evidence_links__evidence__translations", EvidenceTranslation),
        ("status_changes__translations", StatusChangeTranslation),
        ("status_changes__evidence__translations", EvidenceTranslation),
        ("corrections__translations", CorrectionTranslation),
    )


def evidence_page_translations() -> list[Prefetch[Any]]:
    """The evidence page's: its title and summary, the claims it bears on, its corrections."""
    return prefetch_paths(
        ("translations", EvidenceTranslation),
        ("claim_links__claim__translations", ClaimTranslation),
        ("corrections__translations", CorrectionTranslation),
    )


def topic_page_translations() -> list[Prefetch[Any]]:
    """The topic page's own: its description and corrections (its timeline has its own)."""
    return prefetch_paths(
        ("translations", TopicTranslation),
        ("corrections__translations", CorrectionTranslation),
    )


def carry_translation[Record](row: Any, claim: Record) -> Record:
    """Hand ``claim`` the translation of its text annotated on ``row`` (``tr_claim_text``, a
    link or status change that selected the claim with it), for the template tag to read."""
    if hasattr(row, "tr_claim_text"):
        claim.tr_text = row.tr_claim_text  # type: ignore[attr-defined]
    return claim


def prefetched_translation(
    record: Any, field: str, code: str | None = None
) -> tuple[str, str] | None:
    """(text, BCP 47 tag) of ``record``'s ``field`` for a reader of ``code``, from its prefetched
    ``translations`` (``prefetch_translations``); None when none was fetched. Never queries."""
    rows = [
        row
        for row in getattr(record, "_prefetched_objects_cache", {}).get("translations", [])
        if row.field == field
    ]
    if not rows:
        return None
    code = reader_code(code)
    row = rows[0]  # Latin first, for /kk-latn/ (READER_ORDER)
    if code == "kk-latn":
        text = row.text if row.script == Script.LATIN else to_kazakh_latin(row.text)
        return text, "kk-Latn"
    return row.text, row.language
