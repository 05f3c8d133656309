"""Dates at the precision a source gives them.

Sources say "in April 2023" or "early January 2022", not a day. A ``PartialDate`` keeps the year,
an optional month and an optional day, and nothing it was not told: there is never a filler day 1.
It is stored as ISO 8601 reduced precision ("2023", "2023-04", "2023-04-17"), so the text column
sorts chronologically, with a year-only date before the months of that year.

The source's own wording ("last year", "in September") and an upper bound ("not after
2024-01-11") live in fields next to the date, because they are about the citation, not the
calendar.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Value
from django.db.models.functions import Left, Length
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# ASCII digits only: \d alone would also read Arabic-Indic or full-width digits as a year.
ISO_REDUCED = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$", re.ASCII)
# The same shape for the database check constraint (POSIX regex, no named groups).
ISO_REDUCED_SQL = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range 1-9999")
        if self.month is None:
            if self.day is not None:
                raise ValueError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is out of range 1-12")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"{self.year}-{self.month:02d} has no day {self.day}")

    def sort_key(self) -> tuple[int, int, int]:
        # A year alone sorts before the months of that year, as its ISO text does.
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        """Read "2023", "2023-04" or "2023-04-17"; raise ValueError on anything else."""
        match = ISO_REDUCED.match(value.strip())
        if not match:
            raise ValueError(f"{value!r} is not a date like 2023, 2023-04 or 2023-04-17")
        month, day = match["month"], match["day"]
        return cls(int(match["year"]), int(month) if month else None, int(day) if day else None)

    @classmethod
    def from_date(cls, value: datetime.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def isoformat(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def earliest(self) -> datetime.date:
        """The first day this date could mean, for comparisons with exact dates."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> datetime.date:
        """The last day this date could mean."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return datetime.date(self.year, month, day)

    def humanize(self) -> str:
        """Words at the date's precision, in the active language's own date formats
        (docs/i18n.md): "2022", "April 2023", "17 April 2023" in English."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return formats.date_format(datetime.date(self.year, self.month, 1), "YEAR_MONTH_FORMAT")
        return formats.date_format(datetime.date(self.year, self.month, self.day), "DATE_FORMAT")

    def humanize_from(self) -> str:
        """The date after "since" or "from": a month in the genitive in Russian, the whole date in
        the ablative before Kazakh бастап ("2023 жылғы сәуірден"); docs/i18n.md."""
        return self._humanize_in("date_from")

    def humanize_until(self) -> str:
        """The date after "up to": a month in the genitive in Russian, the whole date in the
        dative before Kazakh дейін ("2023 жылғы сәуірге")."""
        return self._humanize_in("date_until")

    def humanize_to(self) -> str:
        """The end of "from … to …": a month in the accusative after Russian "по" (its
        nominative in lower case, "по январь"), in the dative before Kazakh дейін, as after
        "up to"."""
        return self._humanize_in("date_to")

    def humanize_on(self) -> str:
        """The day something happened, with no preposition ("first seen changed …"): the
        locative in Kazakh ("2024 жылғы 5 қаңтарда"). A day reads as ``humanize`` has it in
        Russian ("замечено 5 января"), where a month alone would need "в"; only days (of
        archive captures) are said this way."""
        return self._humanize_in("date_on")

    def humanize_as_of(self) -> str:
        """The date after "as of": a month in the accusative after Russian "на" ("по состоянию
        на январь"), the date describing the situation in Kazakh ("2024 жылғы 11 қаңтардағы
        жағдай бойынша"); also the date of an archived copy, which shows the page as of then."""
        return self._humanize_in("date_as_of")

    def _humanize_in(self, phrase: str) -> str:
        # The case of a date depends on the words around it, so each method names its phrase and
        # the language's format module may decline the date for it: a function of (year, month,
        # day) giving the words, or None where ``humanize`` already reads right.
        for module in formats.get_format_modules():
            declined = getattr(module, phrase, None)
            if declined is not None:
                words: str | None = declined(self.year, self.month, self.day)
                return words or self.humanize()
        return self.humanize()

    def __str__(self) -> str:
        return self.isoformat()


def validate_partial_date(value: str) -> None:
    try:
        PartialDate.parse(value)
    except ValueError as error:
        raise ValidationError(str(error), code="invalid_partial_date") from None


def describe_date(
    value: PartialDate | None, wording: str = "", not_after: datetime.date | None = None
) -> str:
    """How a sourced date reads to the public: its precision, the source's words, its bound."""
    parts = []
    if value is not None:
        parts.append(value.humanize())
    if wording:
        parts.append(f"“{wording}”" if value is None else f"(“{wording}”)")
    if not_after is not None and value is None:
        # In words, like every date a reader sees; the ISO form stays for machines (the API).
        bound = PartialDate(not_after.year, not_after.month, not_after.day).humanize_from()
        parts.append(gettext("not after %(date)s") % {"date": bound})
    return " ".join(parts) or gettext("date unknown")


class PartialDateFormField(forms.CharField):
    default_error_messages = {"invalid": _("Enter a date as 2023, 2023-04 or 2023-04-17.")}

    def __init__(self, **kwargs: Any) -> None:
        # The cleaned value is a PartialDate, which a length validator cannot measure; the
        # input's maxlength attribute still keeps typing short.
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        # A format, not a sample date: a sample reads like a value already filled in.
        placeholder = _("YYYY, YYYY-MM or YYYY-MM-DD")
        return {**super().widget_attrs(widget), "maxlength": "10", "placeholder": placeholder}

    def prepare_value(self, value: Any) -> Any:
        return value.isoformat() if isinstance(value, PartialDate) else value

    def to_python(self, value: Any) -> PartialDate | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return PartialDate.parse(text)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None


class PartialDateField(models.Field):  # type: ignore[type-arg]
    """A ``PartialDate`` stored as ISO 8601 reduced precision text; NULL when unknown.

    Models add a CheckConstraint with ``ISO_REDUCED_SQL`` so the database refuses malformed
    text too (``partial_date_check`` builds it).
    """

    description = "A date at year, month or day precision"
    # What django-stubs should accept on assignment and return on access.
    _pyi_private_set_type: PartialDate | str | None
    _pyi_private_get_type: PartialDate | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["max_length"] = 10
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def get_internal_type(self) -> str:
        # A varchar(10) column: ISO text sorts chronologically and reads well in psql.
        return "CharField"

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        del kwargs["max_length"]
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        return None if value is None else PartialDate.parse(value)

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, PartialDate):
            return value
        if isinstance(value, datetime.date):
            return PartialDate.from_date(value)
        if value == "":
            return None
        try:
            return PartialDate.parse(str(value))
        except ValueError as error:
            raise ValidationError(str(error), code="invalid_partial_date") from None

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        return value if prepared else self.get_prep_value(value)

    def get_prep_value(self, value: Any) -> Any:
        value = self.to_python(value)
        return None if value is None else value.isoformat()

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else value.isoformat()

    def formfield(self, **kwargs: Any) -> Any:
        defaults: dict[str, Any] = {"form_class": PartialDateFormField}
        defaults.update(kwargs)
        return super().formfield(**defaults)


def certainly_on_or_after(field_name: str, day: datetime.date) -> models.Q:
    """The partial date in ``field_name`` certainly falls on ``day`` or later.

    ISO text at one precision compares like the dates it names, so compare the stored date with
    the day before ``day`` cut to the stored date's length: "2023-04" > "2023-03" (from
    "2023-03-31"), but "2023" is not > "2023", since 2023 may mean a day in March. Year 1 has
    no day before it: every date is on or after its first day.
    """
    if day == datetime.date.min:
        return models.Q(**{f"{field_name}__isnull": False})
    day_before = (day - datetime.timedelta(days=1)).isoformat()
    return models.Q(**{f"{field_name}__gt": Left(Value(day_before), Length(field_name))})


def certainly_on_or_before(field_name: str, day: datetime.date) -> models.Q:
    """The partial date in ``field_name`` certainly falls on ``day`` or earlier (see above);
    every date is on or before the last day of year 9999."""
    if day == datetime.date.max:
        return models.Q(**{f"{field_name}__isnull": False})
    day_after = (day + datetime.timedelta(days=1)).isoformat()
    return models.Q(**{f"{field_name}__lt": Left(Value(day_after), Length(field_name))})


def partial_date_check(field_name: str, model_name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field_name}__isnull": True})
        | models.Q(**{f"{field_name}__regex": ISO_REDUCED_SQL}),
        name=f"{model_name}_{field_name}_iso_reduced",
        violation_error_message=_("Enter a date as 2023, 2023-04 or 2023-04-17."),
    )
