"""A day inside a sentence, in the case its phrase needs: ``{{ when|date_in:"from" }}`` before
"since". The words come from ``PartialDate``'s phrase methods (docs/i18n.md, "Dates inside a
phrase"), so a datetime reads as a curated date does in the same phrase."""

import datetime
from collections.abc import Callable

from django import template

from claimtracker.claims.dates import PartialDate

register = template.Library()

PHRASES: dict[str, Callable[[PartialDate], str]] = {
    "from": PartialDate.humanize_from,
    "until": PartialDate.humanize_until,
    "to": PartialDate.humanize_to,
    "on": PartialDate.humanize_on,
    "as_of": PartialDate.humanize_as_of,
}


# expects_localtime: a datetime arrives in the reader's time zone, as the date filter has it.
@register.filter(expects_localtime=True)
def date_in(value: datetime.date | PartialDate | None, phrase: str) -> str:
    if value in (None, ""):
        return ""
    words = PHRASES[phrase]  # an unknown phrase is a template's mistake: fail loudly
    if isinstance(value, datetime.date):
        value = PartialDate.from_date(value)
    return words(value)
