"""Properties of PartialDate over every date Hypothesis can think of, not just the ones we did.

What dates.py and docs/domain.md promise: a date keeps only the precision it was given; its ISO
8601 reduced-precision text parses back to the same date; that text sorts chronologically, by the
first day the date could mean, with a year alone before the months of that year (and a month
before its days); anything else typed or sent is refused with a ValidationError, the error every
form, serializer and model's full_clean turns into a message rather than a 500.
"""

import calendar
import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimtracker.claims.dates import (
    ISO_REDUCED_SQL,
    PartialDate,
    PartialDateField,
    PartialDateFormField,
    describe_date,
    validate_partial_date,
)

# A fixed walk through the examples, so a CI run fails or passes the same way every time.
stable = settings(derandomize=True, max_examples=300, deadline=None)

PRECISIONS = ("year", "month", "day")


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    # st.dates() favours the edges (29 February, month ends, years 1 and 9999) that a hand-made
    # day range of 1-28 never reaches.
    day = draw(st.dates())
    precision = draw(st.sampled_from(PRECISIONS))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate.from_date(day)


def chronological_key(value: PartialDate) -> tuple[datetime.date, int]:
    """What "sorts chronologically" means: the first day it could mean, then the vaguer first."""
    return value.earliest(), PRECISIONS.index(value.precision)


# The ways a date arrives as text: a model's validator, an admin form field, a model field.
TEXT_READERS = {
    "validator": validate_partial_date,
    "form field": PartialDateFormField(required=False).clean,
    "model field": PartialDateField().to_python,
}


@stable
@given(partial_dates())
def test_a_partial_date_comes_back_unchanged_from_its_stored_text(value):
    field = PartialDateField()
    stored = field.get_prep_value(value)

    assert stored == value.isoformat()
    assert field.from_db_value(stored, None, None) == value
    assert field.to_python(stored) == value
    assert PartialDateFormField().clean(stored) == value
    assert value.precision == PRECISIONS[len(stored.split("-")) - 1]


@stable
@given(partial_dates())
def test_every_stored_text_passes_the_database_check(value):
    assert re.fullmatch(ISO_REDUCED_SQL, value.isoformat())


@stable
@given(partial_dates(), partial_dates())
@example(PartialDate(2022), PartialDate(2022, 1))
@example(PartialDate(2022, 1), PartialDate(2022, 1, 1))
@example(PartialDate(2021, 12, 31), PartialDate(2022))
@example(PartialDate(999), PartialDate(1000))
def test_stored_text_sorts_in_chronological_order(first, second):
    text_order = (first.isoformat() > second.isoformat()) - (first.isoformat() < second.isoformat())
    key_first, key_second = chronological_key(first), chronological_key(second)
    chronological_order = (key_first > key_second) - (key_first < key_second)

    assert text_order == chronological_order
    assert (first < second) == (chronological_order < 0)


@stable
@given(partial_dates())
def test_a_partial_date_means_a_span_of_days_it_lies_within(value):
    assert value.earliest() <= value.latest()
    assert value.latest() - value.earliest() < datetime.timedelta(days=366)
    assert PartialDate.from_date(value.earliest()) >= value


@stable
@given(
    year=st.integers(1, 9999),
    month=st.integers(1, 12),
    extra_days=st.integers(1, 70),
)
@example(year=2023, month=2, extra_days=2)  # 30 February
@example(year=2100, month=2, extra_days=1)  # not a leap year
def test_a_day_the_month_does_not_have_is_refused_with_a_validation_error(year, month, extra_days):
    day = calendar.monthrange(year, month)[1] + extra_days
    text = f"{year:04d}-{month:02d}-{day:02d}"

    for read in TEXT_READERS.values():
        with pytest.raises(ValidationError):
            read(text)


@stable
@given(
    text=st.one_of(
        st.from_regex(r"\A[0-9]{4}-(00|1[3-9]|[2-9][0-9])\Z"),  # month 00 or 13 and beyond
        st.from_regex(r"\A0000(-[0-9]{2}){0,2}\Z"),  # year 0
        st.from_regex(r"\A[0-9]{4}--[0-9]{2}\Z"),  # a day without a month
        st.from_regex(r"\A[0-9]{4}-[0-9]{2}-00\Z"),  # day 0
    )
)
def test_impossible_months_years_and_days_are_refused_with_a_validation_error(text):
    for read in TEXT_READERS.values():
        with pytest.raises(ValidationError):
            read(text)


@stable
@given(
    year=st.integers(1, 9999),
    month=st.none() | st.integers(-5, 20),
    day=st.integers(-5, 40),
)
def test_a_day_without_a_month_or_beyond_the_months_end_cannot_even_be_built(year, month, day):
    # In code the constructor is the guard: a ValueError, which every text path turns into a
    # ValidationError (the tests above).
    valid = (
        month is not None and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
    )
    if valid:
        assert PartialDate(year, month, day).precision == "day"
    else:
        with pytest.raises(ValueError, match=r"day|month"):
            PartialDate(year, month, day)


@stable
@given(st.text())
@example("2023-04-17\n")
@example("2023-4-17")
@example("17.04.2023")
@example("2023-04-17T00:00")
@example("\x00")
def test_any_text_is_either_a_date_or_a_validation_error_never_a_crash(text):
    for read in TEXT_READERS.values():
        try:
            parsed = read(text)
        except ValidationError:
            continue
        # Whatever is accepted is stored in the canonical form the database check allows.
        if isinstance(parsed, PartialDate):
            assert re.fullmatch(ISO_REDUCED_SQL, parsed.isoformat())
            assert PartialDate.parse(parsed.isoformat()) == parsed
        else:
            assert parsed is None  # the validator's result, or blank in a form


@stable
@given(
    value=st.none() | partial_dates(),
    wording=st.text(),
    not_after=st.none() | st.dates(),
)
def test_describing_a_date_never_fails_and_never_comes_out_empty(value, wording, not_after):
    words = describe_date(value, wording, not_after)

    assert words.strip()
    if value is not None:
        assert value.humanize() in words
