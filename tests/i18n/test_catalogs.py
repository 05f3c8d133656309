"""The translation catalogs: complete, consistent with their sources, and compiled."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

from claimtracker.i18n.catalogs import convert_translations, read_catalog
from claimtracker.i18n.transliteration import to_kazakh_latin

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGS = ["ru", "kk", "kk_Latn"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
# A plural's English singular may lack the count its plural has ("this draft"), and vice versa.
PLURAL_COUNTS = {"%(counter)s", "%(count)d"}


def po(locale: str) -> str:
    return (LOCALE / locale / "LC_MESSAGES" / "django.po").read_text()


@pytest.mark.parametrize("locale", CATALOGS)
def test_every_interface_string_is_translated(locale):
    untranslated = [key for key, text in read_catalog(po(locale)).items() if not text]

    assert untranslated == []


@pytest.mark.parametrize("locale", CATALOGS)
def test_translations_keep_every_placeholder_of_their_english(locale):
    wrong = []
    for key, text in read_catalog(po(locale)).items():
        msgid = key[0] if isinstance(key, tuple) else key.split("\x04")[-1]
        if isinstance(key, tuple) and key[1] == 0 and locale != "ru":
            continue  # Kazakh's "one" form may say "this draft" without the number
        expected = set(PLACEHOLDER.findall(msgid))
        found = set(PLACEHOLDER.findall(text))
        allowed = expected | PLURAL_COUNTS if isinstance(key, tuple) else expected
        if not expected <= found | PLURAL_COUNTS or not found <= allowed:
            wrong.append(msgid)
    assert wrong == []


def test_kazakh_latin_is_the_transliteration_of_kazakh_and_never_edited_by_hand():
    # manage.py transliterate_catalog writes it; an edit by hand would be lost, so it fails here.
    assert po("kk_Latn") == convert_translations(po("kk"), to_kazakh_latin, language="kk_Latn")


def test_kazakh_latin_has_no_cyrillic_letter():
    cyrillic = re.compile(r"[\u0400-\u04FF]")
    assert [text for text in read_catalog(po("kk_Latn")).values() if cyrillic.search(text)] == []


@pytest.mark.parametrize("locale", CATALOGS)
def test_the_compiled_catalog_matches_its_source(locale):
    # The .mo files are committed (docs/i18n.md): this fails when a .po changed without
    # `make messages` compiling it again.
    with (LOCALE / locale / "LC_MESSAGES" / "django.mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
    compiled_translations = {key: text for key, text in catalog.items() if key != ""}

    assert compiled_translations == read_catalog(po(locale))


def test_a_long_message_wrapped_over_lines_is_transliterated_like_any_other():
    # Its msgid starts with an empty `msgid ""`, as the header does; only the header keeps its text.
    source = (
        'msgid ""\nmsgstr ""\n"Language: kk\\n"\n\n'
        'msgid ""\n"A long English message, "\n"wrapped."\nmsgstr ""\n"Қазақстан "\n"Тоқаев"\n'
    )

    converted = convert_translations(source, to_kazakh_latin, "kk_Latn")

    assert '"Language: kk_Latn\\n"' in converted
    assert '"Qazaqstan "\n"Toqaev"' in converted
