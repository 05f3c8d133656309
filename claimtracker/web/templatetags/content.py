"""A record's text as the reader reads it: its translation when one was fetched, else the original.

    {% load content %}
    {% in_reader_language claim "text" as shown %}
    <h1 lang="{{ shown.lang }}">{{ shown.text }}</h1>{% include "includes/translated_mark.html" %}

Reads only what the view fetched (``claimtracker/claims/selectors_translations.py``): an
annotation ``tr_<field>`` on the row or its prefetched ``translations``. It never queries, so a
page that fetched none shows the original, with its own ``lang``. Quotes are never passed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from claimtracker.claims.models import Script, TranslationOrigin
from claimtracker.claims.scripts import language_tag
from claimtracker.claims.selectors_translations import ORIGINAL_LANGUAGE, reader_code
from claimtracker.i18n.languages import html_lang
from claimtracker.i18n.transliteration import to_kazakh_latin

register = template.Library()


@dataclass(frozen=True)
class Shown:
    """What a page shows of one text: the words, their language tag, and whence they come."""

    text: str
    lang: str
    translated: bool = False
    machine: bool = False
    transliterated: bool = False
    reviewed: bool = False
    page_lang: str = ORIGINAL_LANGUAGE

    def __str__(self) -> str:
        return self.text

    @property
    def lang_attr(self) -> str:
        """` lang="…"` when the text's language is not the page's, else nothing: English pages
        stay as they were, and every text in another language says which."""
        if self.lang == self.page_lang:
            return ""
        return format_html(' lang="{}"', self.lang)


def _shown(row: dict[str, Any], cyrillic_origin: str | None, code: str) -> Shown:
    """A translation row as shown to a reader of ``code``."""
    text, script, origin = row["text"], row["script"], row["origin"]
    transliterated = origin == TranslationOrigin.TRANSLITERATION
    machine = origin == TranslationOrigin.MACHINE or (
        transliterated and cyrillic_origin == TranslationOrigin.MACHINE
    )
    if code == "kk-latn" and script == Script.CYRILLIC:
        # No Latin row yet: the same transliteration the services store.
        text, script, transliterated = to_kazakh_latin(text), Script.LATIN, True
        machine = origin == TranslationOrigin.MACHINE
    return Shown(
        text=text,
        lang=language_tag(row["language"], script),
        translated=True,
        machine=machine,
        transliterated=transliterated,
        reviewed=bool(row.get("reviewed")),
        page_lang=html_lang(code),
    )


def _prefetched(record: Any, field: str) -> list[dict[str, Any]] | None:
    cache = getattr(record, "_prefetched_objects_cache", {})
    if "translations" not in cache:
        return None
    return [
        {
            "text": row.text,
            "language": row.language,
            "script": row.script,
            "origin": row.origin,
            "reviewed": row.reviewed_at is not None,
        }
        for row in cache["translations"]
        if row.field == field
    ]


@register.simple_tag
def in_reader_language(record: Any, field: str = "text", annotated: Any = None) -> Shown:
    """``record``'s ``field`` in the active language if a translation was fetched, else as
    written (English, the originals' language). ``annotated`` hands in a translation annotated
    on another row (``translation_annotation``'s JSON), e.g. a correction's on its evidence."""
    code = reader_code(get_language())
    original = Shown(
        text=str(getattr(record, field, "") or ""),
        lang=ORIGINAL_LANGUAGE,
        page_lang=html_lang(code),
    )
    if record is None or code == ORIGINAL_LANGUAGE or not original.text:
        return original
    annotated = annotated or getattr(record, f"tr_{field}", None)
    rows = [annotated] if annotated else _prefetched(record, field)
    if not rows:
        return original
    cyrillic = next((row for row in rows if row["script"] == Script.CYRILLIC), None)
    return _shown(rows[0], cyrillic["origin"] if cyrillic else None, code)
