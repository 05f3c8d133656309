# Kazakh in Latin script: as Kazakh in Cyrillic (formats/kk, which Django reads after this
# module), with the year's mark "j." (jyl) in Latin script.
from collections.abc import Callable

from claimtracker.i18n.formats.kk import formats as kazakh
from claimtracker.i18n.transliteration import to_kazakh_latin

DATE_FORMAT = "j E Y \\j."
DATETIME_FORMAT = "j E Y \\j. H:i"
YEAR_MONTH_FORMAT = "F Y \\j."


# The declined dates are the Cyrillic ones transliterated ("2024 jylğy qañtardan"), so the two
# scripts cannot drift apart. Each is defined here, or formats/kk would answer in Cyrillic.
type DateWords = Callable[[int, int | None, int | None], str]


def _in_latin(cyrillic: DateWords) -> DateWords:
    def words(year: int, month: int | None, day: int | None) -> str:
        return to_kazakh_latin(cyrillic(year, month, day))

    return words


date_from = _in_latin(kazakh.date_from)
date_until = _in_latin(kazakh.date_until)
date_to = _in_latin(kazakh.date_to)
date_on = _in_latin(kazakh.date_on)
date_as_of = _in_latin(kazakh.date_as_of)
