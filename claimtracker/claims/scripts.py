"""Which script a reader's language is read in, and a text brought into it when it can be.

Only Kazakh has two scripts among the interface languages: /kk/ reads Cyrillic, /kk-latn/ the
2021 Latin alphabet. A Cyrillic text shown to a /kk-latn/ reader (a name with no Latin spelling
on record yet) is transliterated as the services would store it, never left in Cyrillic.
"""

from __future__ import annotations

from claimtracker.i18n.transliteration import to_kazakh_latin

LATIN, CYRILLIC = "Latn", "Cyrl"

# The script each interface language reads in (settings.LANGUAGES' codes).
READER_SCRIPT = {"en": LATIN, "ru": CYRILLIC, "kk": CYRILLIC, "kk-latn": LATIN}


def script_of(code: str) -> str:
    return READER_SCRIPT.get(code.lower(), LATIN)


def in_reader_script(text: str, script: str, code: str) -> str:
    """``text`` (written in ``script``) as a reader of ``code`` reads it."""
    if code.lower() == "kk-latn" and script == CYRILLIC:
        return to_kazakh_latin(text)
    return text


def language_tag(language: str, script: str) -> str:
    """The BCP 47 tag of a text in ``language`` written in ``script``, for ``lang``: Kazakh in
    Latin script is kk-Latn; a language in its usual script needs no subtag (ru, kk, en)."""
    if language.lower() == "kk" and script == LATIN:
        return "kk-Latn"
    return language
