"""Dates read as each language writes them, also after "since", "from", "to" and "up to"."""

# Russian and Kazakh words, which RUF001/RUF003 take for look-alikes of Latin letters.
# ruff: noqa: RUF001, RUF003

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from claimtracker.claims.dates import PartialDate, describe_date
from claimtracker.claims.models import ClaimStatus
from tests.factories import ActorFactory, StatementFactory
from tests.web.published import change_status, published_claim

# Each month before бастап (since, from: ablative) and before дейін (up to: dative), in Cyrillic
# and in the 2021 Latin alphabet, written out rather than computed, so the table is checked.
KAZAKH_MONTHS = [
    (1, "қаңтардан", "қаңтарға", "qañtardan", "qañtarğa"),
    (2, "ақпаннан", "ақпанға", "aqpannan", "aqpanğa"),
    (3, "наурыздан", "наурызға", "nauryzdan", "nauryzğa"),
    (4, "сәуірден", "сәуірге", "säuırden", "säuırge"),
    (5, "мамырдан", "мамырға", "mamyrdan", "mamyrğa"),
    (6, "маусымнан", "маусымға", "mausymnan", "mausymğa"),
    (7, "шілдеден", "шілдеге", "şıldeden", "şıldege"),
    (8, "тамыздан", "тамызға", "tamyzdan", "tamyzğa"),
    (9, "қыркүйектен", "қыркүйекке", "qyrküiekten", "qyrküiekke"),
    (10, "қазаннан", "қазанға", "qazannan", "qazanğa"),
    (11, "қарашадан", "қарашаға", "qaraşadan", "qaraşağa"),
    (12, "желтоқсаннан", "желтоқсанға", "jeltoqsannan", "jeltoqsanğa"),
]


@pytest.mark.parametrize(
    ("month", "ablative", "dative", "latin_ablative", "latin_dative"), KAZAKH_MONTHS
)
def test_in_kazakh_each_month_takes_the_case_its_postposition_needs(
    month, ablative, dative, latin_ablative, latin_dative
):
    value = PartialDate(2024, month)
    with translation.override("kk"):
        assert value.humanize_from() == f"2024 жылғы {ablative}"
        assert value.humanize_until() == f"2024 жылғы {dative}"
        # "X бастап Y дейін": the end of a range is in the dative too.
        assert value.humanize_to() == f"2024 жылғы {dative}"
    with translation.override("kk-latn"):
        assert value.humanize_from() == f"2024 jylğy {latin_ablative}"
        assert value.humanize_until() == f"2024 jylğy {latin_dative}"
        assert value.humanize_to() == f"2024 jylğy {latin_dative}"


@pytest.mark.parametrize(
    ("language", "text", "since", "until"),
    [
        ("kk", "2024", "2024 жылдан", "2024 жылға"),
        ("kk", "2024-01-05", "2024 жылғы 5 қаңтардан", "2024 жылғы 5 қаңтарға"),
        ("kk-latn", "2024", "2024 jyldan", "2024 jylğa"),
        ("kk-latn", "2024-01-05", "2024 jylğy 5 qañtardan", "2024 jylğy 5 qañtarğa"),
    ],
)
def test_in_kazakh_a_year_or_a_full_date_is_declined_too(language, text, since, until):
    with translation.override(language):
        value = PartialDate.parse(text)
        assert value.humanize_from() == since
        assert value.humanize_until() == until
        assert value.humanize_to() == until


# Each month for the day something happened (locative) and before "жағдай бойынша" (as of: the
# locative made attributive with -ғы/-гі), in both scripts, written out.
KAZAKH_MONTHS_ON = [
    (1, "қаңтарда", "қаңтардағы", "qañtarda", "qañtardağy"),
    (2, "ақпанда", "ақпандағы", "aqpanda", "aqpandağy"),
    (3, "наурызда", "наурыздағы", "nauryzda", "nauryzdağy"),
    (4, "сәуірде", "сәуірдегі", "säuırde", "säuırdegı"),
    (5, "мамырда", "мамырдағы", "mamyrda", "mamyrdağy"),
    (6, "маусымда", "маусымдағы", "mausymda", "mausymdağy"),
    (7, "шілдеде", "шілдедегі", "şıldede", "şıldedegı"),
    (8, "тамызда", "тамыздағы", "tamyzda", "tamyzdağy"),
    (9, "қыркүйекте", "қыркүйектегі", "qyrküiekte", "qyrküiektegı"),
    (10, "қазанда", "қазандағы", "qazanda", "qazandağy"),
    (11, "қарашада", "қарашадағы", "qaraşada", "qaraşadağy"),
    (12, "желтоқсанда", "желтоқсандағы", "jeltoqsanda", "jeltoqsandağy"),
]


@pytest.mark.parametrize(
    ("month", "locative", "attributive", "latin_locative", "latin_attributive"), KAZAKH_MONTHS_ON
)
def test_in_kazakh_each_month_reads_as_the_day_of_an_event_and_as_of_a_date(
    month, locative, attributive, latin_locative, latin_attributive
):
    value = PartialDate(2024, month)
    with translation.override("kk"):
        assert value.humanize_on() == f"2024 жылғы {locative}"
        assert value.humanize_as_of() == f"2024 жылғы {attributive}"
    with translation.override("kk-latn"):
        assert value.humanize_on() == f"2024 jylğy {latin_locative}"
        assert value.humanize_as_of() == f"2024 jylğy {latin_attributive}"


@pytest.mark.parametrize(
    ("language", "text", "on", "as_of"),
    [
        ("kk", "2024", "2024 жылы", "2024 жылғы"),
        ("kk", "2024-01-11", "2024 жылғы 11 қаңтарда", "2024 жылғы 11 қаңтардағы"),
        ("kk-latn", "2024", "2024 jyly", "2024 jylğy"),
        ("kk-latn", "2024-01-11", "2024 jylğy 11 qañtarda", "2024 jylğy 11 qañtardağy"),
    ],
)
def test_in_kazakh_a_year_or_a_full_date_reads_as_the_day_of_an_event_and_as_of_a_date(
    language, text, on, as_of
):
    with translation.override(language):
        value = PartialDate.parse(text)
        assert value.humanize_on() == on
        assert value.humanize_as_of() == as_of


def test_in_russian_a_month_ending_a_range_or_after_as_of_is_in_the_accusative():
    # "с апреля 2023 г. по январь 2024 г.", "по состоянию на январь 2024 г.": the nominative in
    # lower case, where a month alone reads "Январь 2024 г.".
    with translation.override("ru"):
        value = PartialDate(2024, 1)
        assert value.humanize() == "Январь 2024 г."
        assert value.humanize_to() == "январь 2024 г."
        assert value.humanize_as_of() == "январь 2024 г."


@pytest.mark.parametrize(
    ("language", "alone", "after_since", "after_up_to"),
    [
        ("en", "April 2023", "April 2023", "April 2023"),
        # Russian declines the month after с/до: "с апреля 2023 г.", never "с Апрель 2023 г.".
        ("ru", "Апрель 2023 г.", "апреля 2023 г.", "апреля 2023 г."),
    ],
)
def test_a_month_reads_in_the_form_its_sentence_needs(language, alone, after_since, after_up_to):
    with translation.override(language):
        value = PartialDate.parse("2023-04")
        assert value.humanize() == alone
        assert value.humanize_from() == after_since
        assert value.humanize_until() == after_up_to


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("text", ["2023", "2023-04-17"])
def test_years_and_full_dates_read_the_same_in_any_sentence_in_english_and_russian(language, text):
    with translation.override(language):
        value = PartialDate.parse(text)
        words = value.humanize()
        assert value.humanize_from() == value.humanize_until() == value.humanize_to() == words
        assert value.humanize_on() == words
        # Except a Russian year after "на": "по состоянию на 2023 г." (test below).
        if (language, text) != ("ru", "2023"):
            assert value.humanize_as_of() == words


def test_in_russian_a_year_alone_after_as_of_takes_its_abbreviated_year_word():
    # "по состоянию на 2024 г.", as "январь 2024 г." and "11 января 2024 г." write the year;
    # the year alone elsewhere stays a bare number ("2024").
    with translation.override("ru"):
        value = PartialDate(2024)
        assert value.humanize_as_of() == "2024 г."
        assert value.humanize() == "2024"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "not after 11 January 2024"),
        ("ru", "не позднее 11 января 2024 г."),
        ("kk", "2024 жылғы 11 қаңтардан кешіктірмей"),
        ("kk-latn", "2024 jylğy 11 qañtardan keşıktırmei"),
    ],
)
def test_a_date_known_only_by_its_latest_day_reads_in_the_case_not_after_needs(language, expected):
    with translation.override(language):
        assert describe_date(None, not_after=datetime.date(2024, 1, 11)) == expected


def test_a_russian_claim_card_says_since_which_month_in_the_genitive(client, fact_checker):
    claim = published_claim(fact_checker, stances=["contradicts"])
    change_status(fact_checker, claim, ClaimStatus.DISPUTED, as_of=PartialDate(2023, 4))

    with translation.override("ru"):
        page = client.get(reverse("web:home")).content.decode()

    assert "с апреля 2023 г." in page
    assert "Апрель" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "since"),
    [("kk", "2023 жылғы сәуірден бастап"), ("kk-latn", "2023 jylğy säuırden bastap")],
)
def test_a_kazakh_claim_card_says_since_which_month_in_the_ablative(
    client, fact_checker, prefix, since
):
    claim = published_claim(fact_checker, stances=["contradicts"])
    change_status(fact_checker, claim, ClaimStatus.DISPUTED, as_of=PartialDate(2023, 4))

    page = client.get(f"/{prefix}/").content.decode()

    assert since in page


def caption(html):
    found = re.search(r"<caption>(.*?)</caption>", html, re.S)
    assert found, "the tally has a caption"
    return " ".join(found[1].split())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "query", "words"),
    [
        (
            "kk",
            {"stated_from": "2023-04", "stated_to": "2024-01"},
            "2023 жылғы сәуірден бастап 2024 жылғы қаңтарға дейін айтылған",
        ),
        ("kk", {"stated_from": "2023-04"}, "2023 жылғы сәуірден бастап айтылған"),
        ("kk", {"stated_to": "2024"}, "2024 жылға дейін айтылған"),
        (
            "kk-latn",
            {"stated_from": "2023-04", "stated_to": "2024-01-05"},
            "2023 jylğy säuırden bastap 2024 jylğy 5 qañtarğa deiın aitylğan",
        ),
        ("kk-latn", {"stated_from": "2023"}, "2023 jyldan bastap aitylğan"),
        ("kk-latn", {"stated_to": "2024-01"}, "2024 jylğy qañtarğa deiın aitylğan"),
        (
            "ru",
            {"stated_from": "2023-04", "stated_to": "2024-01"},
            "сделанных с апреля 2023 г. по январь 2024 г.",
        ),
        ("ru", {"stated_from": "2023-04"}, "сделанных начиная с апреля 2023 г."),
        ("ru", {"stated_to": "2024-01"}, "сделанных до января 2024 г."),
    ],
)
def test_an_actor_tally_says_its_range_with_each_date_in_the_case_its_phrase_needs(
    client, fact_checker, prefix, query, words
):
    actor = ActorFactory(slug="speaker")
    published_claim(fact_checker, statements=[StatementFactory(speaker=actor)])

    html = client.get(f"/{prefix}/actors/speaker/", query).content.decode()

    assert words in caption(html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "as_of", "verdict", "history"),
    [
        (
            "kk",
            PartialDate(2024, 1),
            "2024 жылғы қаңтардағы жағдай бойынша",
            "2024 жылғы қаңтардағы жағдай бойынша (",
        ),
        ("kk", PartialDate(2024), "2024 жылғы жағдай бойынша", "2024 жылғы жағдай бойынша ("),
        (
            "kk-latn",
            PartialDate(2024, 1, 11),
            "2024 jylğy 11 qañtardağy jağdai boiynşa",
            "2024 jylğy 11 qañtardağy jağdai boiynşa (",
        ),
        (
            "ru",
            PartialDate(2024, 1),
            "по состоянию на январь 2024 г.",
            "по состоянию на январь 2024 г. (",
        ),
        (
            "ru",
            PartialDate(2024, 1, 11),
            "по состоянию на 11 января 2024 г.",
            "по состоянию на 11 января 2024 г. (",
        ),
        ("ru", PartialDate(2024), "по состоянию на 2024 г.", "по состоянию на 2024 г. ("),
    ],
)
def test_a_claim_page_says_as_of_which_date_its_status_holds_in_the_case_as_of_needs(
    client, fact_checker, prefix, as_of, verdict, history
):
    claim = published_claim(fact_checker, stances=["contradicts"])
    change_status(fact_checker, claim, ClaimStatus.DISPUTED, as_of=as_of)

    with translation.override(prefix):
        html = client.get(claim.get_absolute_url()).content.decode()

    found = re.search(r'<p class="verdict__as-of">(.*?)</p>', html, re.S)
    assert found
    assert " ".join(found[1].split()) == verdict
    assert history in " ".join(html.split())


@pytest.mark.django_db
def test_the_kazakh_status_feed_says_as_of_which_month(client, fact_checker):
    claim = published_claim(fact_checker, stances=["contradicts"])
    change_status(fact_checker, claim, ClaimStatus.DISPUTED, as_of=PartialDate(2023, 4))

    feed = client.get("/kk/feeds/status-changes/").content.decode()

    assert "2023 жылғы сәуірдегі жағдай бойынша." in feed


def test_the_russian_status_feed_ends_its_as_of_sentence_with_the_years_abbreviation(
    client, fact_checker
):
    claim = published_claim(fact_checker, stances=["contradicts"])
    change_status(fact_checker, claim, ClaimStatus.DISPUTED, as_of=PartialDate(2023, 4))

    feed = client.get("/ru/feeds/status-changes/").content.decode()

    assert "По состоянию на апрель 2023 г." in feed
    assert "г.." not in feed
