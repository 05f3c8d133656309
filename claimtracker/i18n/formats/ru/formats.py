# Russian words and letters, which RUF001 and RUF002 take for look-alikes of Latin ones.
# ruff: noqa: RUF001, RUF002
# Only what Django's Russian formats lack; Django's own module supplies the rest.
import datetime

from django.utils import dateformat
from django.utils.dates import MONTHS


def date_from(year: int, month: int | None, day: int | None) -> str | None:
    """After "с" (since, from) and "до" (until) Russian declines a month: "с апреля 2023 г.",
    where a month on its own reads "Апрель 2023 г." (PartialDate.humanize_from). A year, and a
    full date with its month already in the genitive, read as PartialDate.humanize has them."""
    if month is None or day is not None:
        return None
    return dateformat.format(datetime.date(year, month, 1), "E Y г.")


date_until = date_from


def date_to(year: int, month: int | None, day: int | None) -> str | None:
    """After "по" (the end of "с … по …") and "на" (as of) Russian wants the accusative, which
    for a month is its nominative in lower case: "по январь 2024 г.", "по состоянию на январь
    2024 г.", where a month on its own reads "Январь 2024 г."."""
    if month is None or day is not None:
        return None
    return f"{MONTHS[month].lower()} {year} г."


def date_as_of(year: int, month: int | None, day: int | None) -> str | None:
    """After "на" (as of) a month as after "по"; a year alone takes "г." there ("по состоянию
    на 2024 г.", read "на 2024 год"), as every other Russian date on the site writes its year,
    where a bare "на 2024" reads as a number."""
    if month is None:
        return f"{year} г."
    return date_to(year, month, day)
