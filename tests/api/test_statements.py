"""/api/v1/statements/: who said what, when and where, per persona, with date-range filters."""

import datetime

import pytest

from claimtracker.claims.dates import PartialDate
from claimtracker.seeding.reference import load_reference_case
from tests.api.records import publish, rich_correction, rich_statement
from tests.factories import ActorFactory, ClaimFactory, StatementFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/statements/"


def detail(statement):
    return f"/api/v1/statements/{statement.pk}/"


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


# Who sees what


def test_an_anonymous_reader_lists_published_statements_only(anonymous, fact_checker):
    published = publish(StatementFactory(), fact_checker)
    StatementFactory()

    assert ids(anonymous.get(LIST)) == [published.pk]


def test_a_draft_statement_is_not_found_for_an_anonymous_reader(anonymous):
    assert anonymous.get(detail(StatementFactory())).status_code == 404


@pytest.mark.parametrize("persona", ["journalist", "fact_checker", "editor"])
def test_staff_in_a_role_read_draft_statements(readers, persona):
    draft = StatementFactory()

    response = readers[persona].get(detail(draft))

    assert response.status_code == 200
    assert response.json()["published_at"] is None


def test_staff_without_a_role_do_not_read_draft_statements(readers):
    assert readers["outsider"].get(detail(StatementFactory())).status_code == 404


def test_a_statement_lists_only_the_published_claims_it_asserts_to_an_anonymous_reader(
    anonymous, as_user, editor, fact_checker
):
    statement = rich_statement(fact_checker)

    public = anonymous.get(detail(statement)).json()["claims"]
    curated = as_user(editor).get(detail(statement)).json()["claims"]

    assert len(public) == 1
    assert len(curated) == 2


# What a statement says


def test_a_statement_cites_its_speaker_role_sources_and_date_at_the_sources_precision(
    anonymous, fact_checker
):
    statement = rich_statement(fact_checker)

    body = anonymous.get(detail(statement)).json()

    assert body["speaker"]["slug"] == statement.speaker.slug
    assert body["speaker"]["url"] == f"http://testserver/api/v1/actors/{statement.speaker.slug}/"
    assert body["speaker_role"]["title"] == "President"
    assert body["speaker_role"]["organisation"]["slug"] == statement.speaker_role.organisation.slug
    assert body["source"]["id"] == statement.source_id
    assert body["first_appearance"]["id"] == statement.first_appearance_id
    assert body["stated_on"] == "2022-01"
    assert body["page_url"] == f"http://testserver/statements/{statement.pk}/"


def test_an_undated_statement_keeps_the_sources_words_and_bound(anonymous, fact_checker):
    statement = publish(
        StatementFactory(
            stated_on_wording="in his latest interview",
            stated_not_after=datetime.date(2024, 1, 11),
        ),
        fact_checker,
    )

    body = anonymous.get(detail(statement)).json()

    assert body["stated_on"] is None
    assert body["stated_on_wording"] == "in his latest interview"
    assert body["stated_not_after"] == "2024-01-11"
    assert body["speaker_role"] is None
    assert body["first_appearance"] is None


# Filters


def test_statements_filter_by_actor(anonymous, fact_checker):
    speaker = ActorFactory()
    theirs = publish(StatementFactory(speaker=speaker), fact_checker)
    publish(StatementFactory(), fact_checker)

    assert ids(anonymous.get(LIST, {"actor": speaker.slug})) == [theirs.pk]


def test_statements_filter_by_language_tag_and_its_subtags(anonymous, fact_checker):
    kazakh = publish(StatementFactory(language="kk"), fact_checker)
    kazakh_cyrillic = publish(StatementFactory(language="kk-Cyrl"), fact_checker)
    publish(StatementFactory(language="ru"), fact_checker)
    publish(StatementFactory(language="kkx"), fact_checker)

    assert set(ids(anonymous.get(LIST, {"language": "kk"}))) == {kazakh.pk, kazakh_cyrillic.pk}
    assert ids(anonymous.get(LIST, {"language": "KK-cyrl"})) == [kazakh_cyrillic.pk]


@pytest.fixture
def dated(fact_checker):
    """Published statements at each precision, by their date (or wording)."""

    def statement(**fields):
        return publish(StatementFactory(**fields), fact_checker).pk

    return {
        "2022": statement(stated_on=PartialDate(2022)),
        "2023": statement(stated_on=PartialDate(2023)),
        "2023-03-31": statement(stated_on=PartialDate(2023, 3, 31)),
        "2023-04": statement(stated_on=PartialDate(2023, 4)),
        "2023-04-17": statement(stated_on=PartialDate(2023, 4, 17)),
        "2023-04-30": statement(stated_on=PartialDate(2023, 4, 30)),
        "2023-05-01": statement(stated_on=PartialDate(2023, 5, 1)),
        "2024": statement(stated_on=PartialDate(2024)),
        "undated, not after 2023-04-20": statement(stated_not_after=datetime.date(2023, 4, 20)),
        "undated": statement(stated_on_wording="once"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # From a month: whatever certainly falls in that month or later. "2023" may be January.
        (
            {"stated_from": "2023-04"},
            ["2023-04", "2023-04-17", "2023-04-30", "2023-05-01", "2024"],
        ),
        # From a year: the year itself counts, at any precision.
        (
            {"stated_from": "2023"},
            ["2023", "2023-03-31", "2023-04", "2023-04-17", "2023-04-30", "2023-05-01", "2024"],
        ),
        # To a month: up to its last day; "2023" may be December. An undated statement counts
        # when its "not after" bound falls in the range.
        (
            {"stated_to": "2023-04"},
            [
                "2022",
                "2023-03-31",
                "2023-04",
                "2023-04-17",
                "2023-04-30",
                "undated, not after 2023-04-20",
            ],
        ),
        ({"stated_to": "2023-04-17"}, ["2022", "2023-03-31", "2023-04-17"]),
        # Both bounds: within April 2023, at any precision.
        (
            {"stated_from": "2023-04", "stated_to": "2023-04"},
            ["2023-04", "2023-04-17", "2023-04-30"],
        ),
        ({"stated_from": "2023-04-17", "stated_to": "2023-04-30"}, ["2023-04-17", "2023-04-30"]),
        # Year 1 and year 9999 are bounds like any other: from year 1, every dated statement;
        # up to 9999, those and the undated one said not after a day.
        (
            {"stated_from": "0001"},
            [
                "2022",
                "2023",
                "2023-03-31",
                "2023-04",
                "2023-04-17",
                "2023-04-30",
                "2023-05-01",
                "2024",
            ],
        ),
        (
            {"stated_to": "9999"},
            [
                "2022",
                "2023",
                "2023-03-31",
                "2023-04",
                "2023-04-17",
                "2023-04-30",
                "2023-05-01",
                "2024",
                "undated, not after 2023-04-20",
            ],
        ),
        (
            {"stated_from": "0001", "stated_to": "9999-12-31"},
            [
                "2022",
                "2023",
                "2023-03-31",
                "2023-04",
                "2023-04-17",
                "2023-04-30",
                "2023-05-01",
                "2024",
            ],
        ),
    ],
)
def test_a_statement_matches_a_date_range_only_when_its_date_is_certainly_inside(
    anonymous, dated, query, expected
):
    found = ids(anonymous.get(LIST, {**query, "page_size": 50}))

    assert sorted(found) == sorted(dated[name] for name in expected)


def test_tokayevs_statements_up_to_year_9999_are_all_of_them_and_from_year_1_none(
    anonymous, role_groups
):
    load_reference_case()
    tokayev = {"actor": "kassym-jomart-tokayev", "page_size": 50}

    everything = ids(anonymous.get(LIST, tokayev))
    to_year_9999 = ids(anonymous.get(LIST, {**tokayev, "stated_to": "9999"}))
    from_year_1 = ids(anonymous.get(LIST, {**tokayev, "stated_from": "0001"}))

    # His sources give no date, only that he spoke by 11 January 2024.
    assert len(everything) == 6
    assert sorted(to_year_9999) == sorted(everything)
    assert from_year_1 == []


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("stated_from", "2023-4"),
        ("stated_from", "April 2023"),
        ("stated_to", "2023-02-30"),
        ("stated_to", "20230"),
        ("language", "english language"),
        ("actor", "nobody"),
    ],
)
def test_a_malformed_statement_filter_is_a_400_naming_the_parameter(anonymous, parameter, value):
    response = anonymous.get(LIST, {parameter: value})

    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["field"] == parameter


# Corrections


def test_an_anonymous_reader_sees_the_russian_translation_of_a_correction_note(
    anonymous, fact_checker
):
    correction = rich_correction(fact_checker)

    body = anonymous.get(detail(correction.statement)).json()

    (embedded,) = (item for item in body["corrections"] if item["id"] == correction.pk)
    assert embedded["note"] == "The place was added."
    assert [
        (translation["field"], translation["language"], translation["script"], translation["text"])
        for translation in embedded["translations"]
    ] == [("note", "ru", "Cyrl", "Добавлено место.")]


def test_a_correction_carries_the_same_translations_in_its_record_as_on_its_own(
    anonymous, fact_checker
):
    correction = rich_correction(fact_checker)

    embedded = anonymous.get(detail(correction.statement)).json()["corrections"]
    own = anonymous.get(f"/api/v1/corrections/{correction.pk}/").json()

    assert [item["translations"] for item in embedded if item["id"] == correction.pk] == [
        own["translations"]
    ]


# Query counts


def test_the_statement_list_runs_as_many_queries_for_many_statements_as_for_one(
    anonymous, fact_checker, django_assert_num_queries
):
    # Corrected statements, so that the corrections' translated notes are read too.
    rich_correction(fact_checker)
    # The page with speakers, roles, organisations and sources joined, then the speakers'
    # names, the corrections, their notes' translations, the organisations' names and the
    # claims asserted. (First the record's stamp: an anonymous reader's page is kept under it,
    # web.caching.)
    with django_assert_num_queries(7):
        one = anonymous.get(LIST)
    for _ in range(4):
        rich_correction(fact_checker)

    with django_assert_num_queries(7):
        many = anonymous.get(LIST)

    assert (len(ids(one)), len(ids(many))) == (1, 5)


def test_a_draft_claims_draft_statement_stays_out_of_the_list_until_the_claim_is_published(
    anonymous, fact_checker
):
    statement = StatementFactory()
    claim = ClaimFactory(statements=[statement])

    assert ids(anonymous.get(LIST)) == []

    # Publishing the claim publishes the statement asserting it: a published claim never rests
    # on a statement readers cannot see.
    publish(claim, fact_checker)

    assert ids(anonymous.get(LIST)) == [statement.pk]
