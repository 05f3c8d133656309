"""The interface in four languages: English, Russian, Kazakh in Cyrillic and in Latin script.

The language list (settings.LANGUAGES), Kazakh Latin transliteration, the language prefixes of
the public site and the language switch. docs/i18n.md describes the whole.
"""
