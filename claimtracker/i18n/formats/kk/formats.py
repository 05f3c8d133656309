# Kazakh dates and numbers, which Django does not ship: "3 желтоқсан 2026 ж." reads as Kazakh
# writes it (the month in lower case, the year marked ж.), numbers with a space and a comma.
# Kazakh words in comments, which RUF003 takes for look-alikes of Latin ones.
# ruff: noqa: RUF003
DATE_FORMAT = "j E Y ж."
DATETIME_FORMAT = "j E Y ж. H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y ж."
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3

# Before a postposition Kazakh declines the date's last word: бастап (since, from) wants the
# ablative, дейін (until, up to) the dative, and a year before its month becomes attributive:
# "2024 жылғы 5 қаңтардан бастап". The ending follows the word's last vowel (back а о ұ ы, front
# ә е ө ү і) and its last sound: -нан/-нен after м н ң, -тан/-тен, -қа/-ке and -та/-те after a
# voiceless consonant, -дан/-ден, -ға/-ге and -да/-де otherwise. A day something happened on is
# in the locative ("5 қаңтарда"); the locative with -ғы/-гі makes the date describe a noun, as
# "as of" does ("5 қаңтардағы жағдай бойынша"). The words are a closed set (twelve months and
# жыл; numbers are digits), so the forms are written out, not derived.
MONTHS_ABLATIVE = (
    "қаңтардан",
    "ақпаннан",
    "наурыздан",
    "сәуірден",
    "мамырдан",
    "маусымнан",
    "шілдеден",
    "тамыздан",
    "қыркүйектен",
    "қазаннан",
    "қарашадан",
    "желтоқсаннан",
)
MONTHS_DATIVE = (
    "қаңтарға",
    "ақпанға",
    "наурызға",
    "сәуірге",
    "мамырға",
    "маусымға",
    "шілдеге",
    "тамызға",
    "қыркүйекке",
    "қазанға",
    "қарашаға",
    "желтоқсанға",
)
MONTHS_LOCATIVE = (
    "қаңтарда",
    "ақпанда",
    "наурызда",
    "сәуірде",
    "мамырда",
    "маусымда",
    "шілдеде",
    "тамызда",
    "қыркүйекте",
    "қазанда",
    "қарашада",
    "желтоқсанда",
)
MONTHS_ATTRIBUTIVE = (
    "қаңтардағы",
    "ақпандағы",
    "наурыздағы",
    "сәуірдегі",
    "мамырдағы",
    "маусымдағы",
    "шілдедегі",
    "тамыздағы",
    "қыркүйектегі",
    "қазандағы",
    "қарашадағы",
    "желтоқсандағы",
)


def _declined(
    year: int, month: int | None, day: int | None, *, year_alone: str, months: tuple[str, ...]
) -> str:
    if month is None:
        return f"{year} {year_alone}"
    on_day = "" if day is None else f"{day} "
    return f"{year} жылғы {on_day}{months[month - 1]}"


def date_from(year: int, month: int | None, day: int | None) -> str:
    """Before бастап: "2024 жылдан", "2024 жылғы қаңтардан", "2024 жылғы 5 қаңтардан"."""
    return _declined(year, month, day, year_alone="жылдан", months=MONTHS_ABLATIVE)


def date_until(year: int, month: int | None, day: int | None) -> str:
    """Before дейін: "2024 жылға", "2024 жылғы қаңтарға", "2024 жылғы 5 қаңтарға"."""
    return _declined(year, month, day, year_alone="жылға", months=MONTHS_DATIVE)


# "X бастап Y дейін": the end of a range takes дейін too.
date_to = date_until


def date_on(year: int, month: int | None, day: int | None) -> str:
    """The day something happened: "2024 жылы", "2024 жылғы қаңтарда", "2024 жылғы 5 қаңтарда"
    (a year takes its possessive, "жылы", as Kazakh says "in 2024")."""
    return _declined(year, month, day, year_alone="жылы", months=MONTHS_LOCATIVE)


def date_as_of(year: int, month: int | None, day: int | None) -> str:
    """Before "жағдай бойынша" (as of), describing the situation: "2024 жылғы", "2024 жылғы
    қаңтардағы", "2024 жылғы 11 қаңтардағы"."""
    return _declined(year, month, day, year_alone="жылғы", months=MONTHS_ATTRIBUTIVE)
