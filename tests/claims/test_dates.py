"""Dates at the precision the source gives them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from claimtracker.claims.dates import PartialDate, describe_date
from claimtracker.claims.models import Statement
from tests.factories import StatementFactory


@st.composite
def partial_dates(draw):
    year = draw(st.integers(1, 9999))
    month = draw(st.none() | st.integers(1, 12))
    if month is None:
        return PartialDate(year)
    day = draw(st.none() | st.integers(1, 28))
    return PartialDate(year, month, day)


@given(partial_dates())
def test_every_partial_date_survives_its_iso_text(value):
    assert PartialDate.parse(value.isoformat()) == value


@given(partial_dates(), partial_dates())
def test_iso_text_sorts_like_the_dates_it_stands_for(first, second):
    assert (first.isoformat() < second.isoformat()) == (first < second)


@given(partial_dates())
def test_a_partial_date_spans_from_its_earliest_to_its_latest_day(value):
    assert value.earliest() <= value.latest()
    assert PartialDate.from_date(value.earliest()).year == value.year


@pytest.mark.parametrize(
    ("text", "words"),
    [("2022", "2022"), ("2023-04", "April 2023"), ("2024-01-11", "11 January 2024")],
)
def test_it_reads_and_shows_each_precision(text, words):
    value = PartialDate.parse(text)
    assert value.isoformat() == text
    assert value.humanize() == words


def test_a_month_is_never_given_a_filler_day():
    assert PartialDate.parse("2023-04").day is None
    assert PartialDate(2023, 4).latest() == datetime.date(2023, 4, 30)


@pytest.mark.parametrize(
    "text",
    [
        "2023-13",
        "2023-02-30",
        "23-04",
        "2023/04",
        "April 2023",
        "2023-4",
        "0000",
        "",
        # A year is typed in ASCII digits, as ISO 8601 writes it: not Arabic-Indic digits,
        # not full-width ones.
        "\u0662\u0660\u0662\u0663",
        "\uff12\uff10\uff12\uff13-\uff10\uff14",
    ],
)
def test_it_refuses_what_is_not_a_date(text):
    with pytest.raises(ValueError):  # noqa: PT011 - the message is the parse error's own
        PartialDate.parse(text)


def test_the_source_wording_and_bound_show_when_the_date_is_unknown():
    assert describe_date(None, "In September", datetime.date(2024, 1, 11)) == (
        "“In September” not after 11 January 2024"
    )
    assert describe_date(PartialDate(2023, 4), "In April 2023") == "April 2023 (“In April 2023”)"
    assert describe_date(None) == "date unknown"


@pytest.mark.django_db
def test_the_database_stores_and_orders_dates_at_their_precision():
    for text in ["2023-04-17", "2022", "2023", "2023-04", "2022-01"]:
        StatementFactory(stated_on=PartialDate.parse(text))
    stored = list(Statement.objects.order_by("stated_on").values_list("stated_on", flat=True))
    assert [value.isoformat() for value in stored] == [
        "2022",
        "2022-01",
        "2023",
        "2023-04",
        "2023-04-17",
    ]


@pytest.mark.django_db
def test_a_date_before_its_bound_is_required():
    statement = StatementFactory.build(
        stated_on=PartialDate(2024, 2), stated_not_after=datetime.date(2024, 1, 11)
    )
    statement.speaker.save()
    statement.source.save()
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert "stated_not_after" in error.value.message_dict


# Statements within a range: the rule the public list, actor pages and the API share


STORED = ["0001", "0001-01-01", "0001-12", "2023", "2023-04", "2023-04-17", "9999", "9999-12-31"]
BOUNDS = ["0001", "0001-01-01", "0001-01-02", "2023", "2023-04", "2023-04-17", "9999", "9999-12-31"]


@pytest.fixture
def stored_statements(db):
    """One statement per date in ``STORED``, and two undated: with a bound and without."""
    dated = {text: StatementFactory(stated_on=PartialDate.parse(text)).pk for text in STORED}
    bounded = StatementFactory(stated_not_after=datetime.date(2023, 4, 20)).pk
    StatementFactory()
    return dated, bounded


def within(start=None, end=None):
    return set(Statement.objects.stated_within(start, end).values_list("pk", flat=True))


@pytest.mark.parametrize("bound", BOUNDS)
def test_a_start_keeps_the_dates_certainly_on_or_after_it_year_1_included(stored_statements, bound):
    dated, _ = stored_statements
    start = PartialDate.parse(bound)

    expected = {
        pk for text, pk in dated.items() if PartialDate.parse(text).earliest() >= start.earliest()
    }
    assert within(start=start) == expected


@pytest.mark.parametrize("bound", BOUNDS)
def test_an_end_keeps_the_dates_certainly_on_or_before_it_year_9999_included(
    stored_statements, bound
):
    dated, bounded = stored_statements
    end = PartialDate.parse(bound)

    expected = {
        pk for text, pk in dated.items() if PartialDate.parse(text).latest() <= end.latest()
    }
    if datetime.date(2023, 4, 20) <= end.latest():
        expected.add(bounded)
    assert within(end=end) == expected


def test_from_year_1_to_year_9999_keeps_every_dated_statement_and_no_undated_one(
    stored_statements,
):
    dated, _ = stored_statements

    assert within(PartialDate(1), PartialDate(9999)) == set(dated.values())
