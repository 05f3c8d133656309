"""Search keys: one folding of Kazakh, Russian and Latin spellings, so that they match each other.

A reader looking for Tokayev may type Тоқаев (Kazakh), Токаев (Russian), Tokayev or Tokaev.
PostgreSQL's ``unaccent`` does not fold Kazakh letters, so every searchable text is stored with a
*search key* computed here, in Python, by one function, and a query is folded the same way before
it is compared with the keys.

``search_key`` works in five steps (docs/search.md has the same table for curators):

1. Unicode compatibility form (NFKC) and ``casefold``: full-width letters, ligatures, ß, capitals.
2. ``FOLDING_TABLE``: Kazakh letters become the Russian letters they are pronounced and
   transliterated like (қ→к, ң→н, ғ→г, ү→у, ұ→у, ө→о, ә→а, і→и, һ→х); then Cyrillic
   becomes Latin, in a scheme close to the English spellings of Kazakh and Russian names
   (ж→zh, х→kh, ц→ts, ч→ch, ш→sh, щ→shch, ю→yu, я→ya, й→y, ы→y, е/э/ё→e, ъ and ь dropped).
   The same table folds the Latin letters that stand for the same sounds: Kazakh's Latin
   alphabets write қ as q and ж as j (Qandy Qantar, Jomart), and Cyrillic has no x (кс).
3. Diacritics are dropped (NFKD, then combining marks removed): ë→e, ğ→g, ñ→n.
4. Apostrophes are removed (General’s → generals); anything else but a-z and 0-9
   (punctuation, hyphens, other scripts) becomes a space; runs of spaces collapse.
5. Four spelling rules, applied to each word until nothing changes, because English renders
   the same Cyrillic letters in more than one way:
   - a ``y`` at the start of a word or after a vowel, and before a vowel, is dropped: English
     writes е, ё, ю, я there as ye, yo, yu, ya (Tokayev, Yerlan), our table writes е as e
     (Токаев → tokaev);
   - any other ``y`` after a vowel, and a ``y`` ending a word, becomes ``i``: й is written y or
     i (Sergey, Sergei), and ий/ый endings y, iy or ii (Dmitry, Dmitriy, Dmitrii);
   - a doubled letter becomes single: English doubles a с between vowels so it is not read as z
     (Kassym, Massimov for Касым, Масимов), and ий, ый and ии end up doubled by the rules above;
   - ``kh`` becomes ``k``: Russian writes х where Kazakh writes қ (Казахстан, Қазақстан), and
     English writes kh for х (Kazakhstan): all four give "kazakstan".

The result contains only ``[a-z0-9 ]``, is idempotent (folding a key gives the same key), and
never raises. Keys are for matching, not for display. The rules make some different words
collide (Maya and Мая both give "maa"): a search finds a little more than it should, never less.

Changing any of this changes every stored key: ship a migration that recomputes them
(``recompute_search_keys``), as 0003_search and 0013_search_documents do.
"""

# The table maps Cyrillic letters, which RUF001 takes for look-alikes of Latin ones.
# ruff: noqa: RUF001, RUF002, RUF003, S608
# (S608: the trigger SQL at the end is assembled from constants of this module, never input.)

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce

# One table. Kazakh letters map to Russian letters, Russian letters to Latin, a few Latin letters
# to the Latin spelling of the same sound; ``_TRANSLATION`` resolves the chains (қ → к → k).
FOLDING_TABLE: dict[str, str] = {
    # Kazakh → Russian Cyrillic
    "қ": "к",
    "ң": "н",
    "ғ": "г",
    "ү": "у",
    "ұ": "у",
    "ө": "о",
    "ә": "а",
    "і": "и",
    "һ": "х",
    # Other Cyrillic letters names are written with (Ukrainian, Belarusian) → Russian
    "ї": "йи",
    "є": "е",
    "ґ": "г",
    "ў": "у",
    # Russian Cyrillic → Latin
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Latin letters of Kazakh's Latin alphabets, and ones Cyrillic spells otherwise
    "q": "k",
    "j": "zh",
    "x": "ks",
    # Apostrophes are part of a word (General’s, Kazakh Latin of 2017): removed, not a space
    "'": "",
    "’": "",
    "ʼ": "",
    "ʻ": "",
    "`": "",
    # Latin letters NFKD leaves whole
    "ı": "i",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "ł": "l",
    # Kazakh Latin (2021) writes ш and ч as ş and ç: before diacritics go, or ş would be s
    "ş": "sh",
    "ç": "ch",
    "đ": "d",
    "ð": "d",
    "þ": "th",
}


def _resolve(letter: str, seen: frozenset[str] = frozenset()) -> str:
    """Follow the table until only letters it does not map remain (қ → к → k)."""
    if letter not in FOLDING_TABLE or letter in seen:
        return letter
    return "".join(_resolve(part, seen | {letter}) for part in FOLDING_TABLE[letter])


_TRANSLATION = str.maketrans({letter: _resolve(letter) for letter in FOLDING_TABLE})

# PostgreSQL full-text search configuration for claim texts: claims are written in English.
TEXT_SEARCH_CONFIG = "english"
# The configuration for a text in each language PostgreSQL can stem; any other language
# (Kazakh has no stemmer in PostgreSQL) is split into words as written ("simple"), and found
# through the folded key by prefix (docs/search.md, "Languages").
LANGUAGE_CONFIGS = {"en": "english", "ru": "russian"}
FOLDED_CONFIG = "simple"

_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
_VOWELS = "aeiou"
# Step 5, in order; each rule shortens a word or leaves it as it is, so the loop ends.
_GLIDE_Y = re.compile(rf"(?:^|(?<=[{_VOWELS}]))y(?=[{_VOWELS}])")
_SEMIVOWEL_Y = re.compile(rf"(?<=[{_VOWELS}])y|y$")
# Letters only: 2022 must stay 2022.
_DOUBLED = re.compile(r"([a-z])\1+")
# Russian writes х where Kazakh writes қ (Казахстан, Қазақстан), and English kh for both.
_KH = re.compile(r"kh")


def _spell(word: str) -> str:
    while True:
        before = word
        word = _GLIDE_Y.sub("", word)
        word = _SEMIVOWEL_Y.sub("i", word)
        word = _DOUBLED.sub(r"\1", word)
        word = _KH.sub("k", word)
        if word == before:
            return word


def search_key(text: str) -> str:
    """Fold ``text`` for matching: Тоқаев, Токаев, Tokayev and Tokaev all give "tokaev"."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", text).casefold())
    folded = folded.translate(_TRANSLATION)
    decomposed = unicodedata.normalize("NFKD", folded)
    # NFKD may reveal letters the table maps (a decomposed й is и plus a breve, handled above
    # because NFC composed it first); translate again so a stripped letter is folded too.
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(
        _TRANSLATION
    )
    words = _NOT_ALPHANUMERIC.sub(" ", stripped.lower()).split()
    return " ".join(word for word in (_spell(word) for word in words) if word)


def search_words(query: str, limit: int = 8) -> list[str]:
    """The distinct folded words of a reader's query, at most ``limit`` of them, longest first.

    Longest first, because when a query is cut to ``limit`` words the long ones narrow the
    results most.
    """
    words = dict.fromkeys(search_key(query).split())
    return sorted(words, key=len, reverse=True)[:limit]


class SearchKeyField(models.TextField):  # type: ignore[type-arg]
    """A search key computed from other fields of the row, every time the row is written.

    ``pre_save`` runs on ``save()`` and on ``bulk_create`` alike (the admin, the services, the
    reference case loader and the synthetic data generator), so a key is never stale; ``save()``
    with ``update_fields`` adds the key when it names a source field (``SearchKeyed``).
    ``QuerySet.update()`` and ``bulk_update()`` bypass fields' ``pre_save``: never use them on
    a source field without recomputing the key.
    """

    def __init__(self, *args: Any, sources: Sequence[str] = (), **kwargs: Any) -> None:
        self.sources = tuple(sources)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault(
            "help_text", "Computed from " + ", ".join(self.sources) + " for search; not edited."
        )
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["sources"] = list(self.sources)
        for key in ("editable", "blank", "default", "help_text"):
            kwargs.pop(key, None)
        return name, path, args, kwargs

    def compute(self, instance: models.Model) -> str:
        return key_of(getattr(instance, source) for source in self.sources)

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = self.compute(model_instance)
        setattr(model_instance, self.attname, value)
        return value


def key_of(values: Iterable[str | None]) -> str:
    """One key for several texts of a row, e.g. a statement's quote and its translation."""
    return " ".join(key for key in (search_key(value or "") for value in values) if key)


class SearchKeyed(models.Model):
    """Keeps ``search_key`` current when a row is saved with ``update_fields``."""

    class Meta:
        abstract = True

    def save(self, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            sources = getattr(self._meta.get_field("search_key"), "sources", ())
            if set(update_fields) & set(sources):
                kwargs["update_fields"] = {*update_fields, "search_key"}
        super().save(**kwargs)


def recompute_search_keys(model: type[models.Model], batch_size: int = 1000) -> int:
    """Recompute every row's key of ``model`` (a historical model in migrations); returns a count.

    Runs one query per ``batch_size`` rows to read and one per batch to write.
    """
    field = model._meta.get_field("search_key")
    sources = list(getattr(field, "sources", ()))
    manager = model._default_manager
    changed = []
    count = 0
    for row in manager.only("pk", "search_key", *sources).iterator(chunk_size=batch_size):
        key = key_of(getattr(row, source) for source in sources)
        if getattr(row, "search_key", None) != key:
            row.search_key = key  # type: ignore[attr-defined]
            changed.append(row)
        if len(changed) >= batch_size:
            count += len(changed)
            manager.bulk_update(changed, ["search_key"], batch_size=batch_size)
            changed = []
    if changed:
        count += len(changed)
        manager.bulk_update(changed, ["search_key"], batch_size=batch_size)
    return count


# Stored search documents. Every text is indexed twice: stemmed in its own language (weight A,
# ranked higher) and as its folded key in the "simple" configuration (weight B), which is what
# a query in another script or a Kazakh word meets. The expressions below are the stored
# columns' (``GeneratedField``), so they may only use immutable functions: a constant
# ``'russian'::regconfig`` per branch, never a configuration computed from a column.


def language_vector(text: str, language: str, weight: str = "A") -> Case:
    """``text`` stemmed by the configuration of its language (the column ``language``)."""
    branches = [
        When(
            Q(**{language: tag}) | Q(**{f"{language}__startswith": f"{tag}-"}),
            then=SearchVector(text, config=config, weight=weight),
        )
        for tag, config in LANGUAGE_CONFIGS.items()
    ]
    return Case(
        *branches,
        default=SearchVector(text, config=FOLDED_CONFIG, weight=weight),
        output_field=SearchVectorField(),
    )


def _concat(*vectors: Any) -> Any:
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = CombinedExpression(combined, "||", vector, output_field=SearchVectorField())
    return combined


def claim_document() -> Any:
    """A claim's stored document: its English text, its folded key, and the words of its
    translations (``translations_document``, kept by a trigger on the translations)."""
    return _concat(
        SearchVector("text", config=TEXT_SEARCH_CONFIG, weight="A"),
        SearchVector("search_key", config=FOLDED_CONFIG, weight="B"),
        Coalesce("translations_document", Value("", output_field=SearchVectorField())),
    )


def statement_document() -> Any:
    """A statement's stored document: the quote in its language, the translation in its own,
    and the folded key of both."""
    return _concat(
        language_vector("quote", "language"),
        language_vector("translation", "translation_language"),
        SearchVector("search_key", config=FOLDED_CONFIG, weight="B"),
    )


def _sql_config(language_sql: str) -> str:
    """SQL choosing a row's configuration from its language tag (in the trigger below)."""
    branches = " ".join(
        f"WHEN {language_sql} = '{tag}' OR {language_sql} LIKE '{tag}-%' THEN '{config}'::regconfig"
        for tag, config in LANGUAGE_CONFIGS.items()
    )
    return f"CASE {branches} ELSE '{FOLDED_CONFIG}'::regconfig END"


# The words of a claim's translations, gathered into ``claims_claim.translations_document``
# after every insert, update or delete of ClaimTranslation rows (migration
# 0013_search_documents). A trigger, not a generated column: a generated column sees
# only its own row. Each translation is stemmed in its language and folded, as the claim is.
# Statement-level triggers with transition tables, so a bulk insert of a million translations
# updates each claim once, not once per row.
TRANSLATIONS_DOCUMENT_SQL = f"""
CREATE OR REPLACE FUNCTION claims_claim_translations_document(claim bigint) RETURNS tsvector
LANGUAGE plpgsql STABLE AS $$
DECLARE
    document tsvector := '';
    translation record;
BEGIN
    FOR translation IN
        SELECT t.language, t.text, t.search_key FROM claims_claimtranslation t
        WHERE t.claim_id = claim ORDER BY t.id
    LOOP
        document := document
            || setweight(to_tsvector({_sql_config("translation.language")}, translation.text), 'A')
            || setweight(to_tsvector('{FOLDED_CONFIG}', translation.search_key), 'B');
    END LOOP;
    RETURN document;
END
$$;

CREATE OR REPLACE FUNCTION claims_claimtranslation_search() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE claims_claim SET translations_document = claims_claim_translations_document(id)
        WHERE id IN (SELECT claim_id FROM new_rows);
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE claims_claim SET translations_document = claims_claim_translations_document(id)
        WHERE id IN (SELECT claim_id FROM new_rows UNION SELECT claim_id FROM old_rows);
    ELSE
        UPDATE claims_claim SET translations_document = claims_claim_translations_document(id)
        WHERE id IN (SELECT claim_id FROM old_rows);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER claimtranslation_search_insert AFTER INSERT ON claims_claimtranslation
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION claims_claimtranslation_search();
CREATE TRIGGER claimtranslation_search_update AFTER UPDATE ON claims_claimtranslation
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION claims_claimtranslation_search();
CREATE TRIGGER claimtranslation_search_delete AFTER DELETE ON claims_claimtranslation
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION claims_claimtranslation_search();

UPDATE claims_claim SET translations_document = claims_claim_translations_document(id)
WHERE id IN (SELECT claim_id FROM claims_claimtranslation);
"""

DROP_TRANSLATIONS_DOCUMENT_SQL = """
DROP TRIGGER IF EXISTS claimtranslation_search_insert ON claims_claimtranslation;
DROP TRIGGER IF EXISTS claimtranslation_search_update ON claims_claimtranslation;
DROP TRIGGER IF EXISTS claimtranslation_search_delete ON claims_claimtranslation;
DROP FUNCTION IF EXISTS claims_claimtranslation_search();
DROP FUNCTION IF EXISTS claims_claim_translations_document(bigint);
"""
