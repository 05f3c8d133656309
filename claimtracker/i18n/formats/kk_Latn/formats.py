# Kazakh in Latin script: as Kazakh in Cyrillic (formats/kk, which Django reads after this
# module), with the year's mark "j." (jyl) in Latin script.
from claimtracker.i18n.formats.kk import formats as kazakh
from claimtracker.i18n.transliteration import to_kazakh_latin

DATE_FORMAT = "j E Y \\j."
DATETIME_FORMAT = "j E Y \\j. H:i"
YEAR_MONTH_FORMAT = "F Y \\j."


# The declined dates are the Cyrillic ones transliterated ("2024 jylğy qañtardan"), so the two
# scripts cannot drift apart. Each is defined here, or formats/kk would answer in Cyrillic.
def date_from(year: int, month: int | None, day: int | None) -> str:
    return to_kazakh_latin(kazakh.date_from(year, month, day))


def date_until(year: int, month: int | None, day: int | None) -> str:
    return to_kazakh_latin(kazakh.date_until(year, month, day))


def date_to(year: int, month: int | None, day: int | None) -> str:
    return to_kazakh_latin(kazakh.date_to(year, month, day))


def date_on(year: int, month: int | None, day: int | None) -> str:
    return to_kazakh_latin(kazakh.date_on(year, month, day))


def date_as_of(year: int, month: int | None, day: int | None) -> str:
    return to_kazakh_latin(kazakh.date_as_of(year, month, day))
