"""Dates read as each language writes them, also after "since", "from" and "until"."""

# Russian words, which RUF001/RUF003 take for look-alikes of Latin letters.
# ruff: noqa: RUF001, RUF003

import pytest
from django.urls import reverse
from django.utils import translation

from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import ClaimStatus
from tests.web.published import change_status, published_claim


@pytest.mark.parametrize(
    ("language", "alone", "after_since"),
    [
        ("en", "April 2023", "April 2023"),
        # Russian declines the month after с/до: "с апреля 2023 г.", never "с Апрель 2023 г.".
        ("ru", "Апрель 2023 г.", "апреля 2023 г."),
    ],
)
def test_a_month_reads_in_the_form_its_sentence_needs(language, alone, after_since):
    with translation.override(language):
        assert PartialDate.parse("2023-04").humanize() == alone
        assert PartialDate.parse("2023-04").humanize_after_preposition() == after_since


@pytest.mark.parametrize("text", ["2023", "2023-04-17"])
def test_years_and_full_dates_read_the_same_in_any_sentence(text):
    with translation.override("ru"):
        value = PartialDate.parse(text)
        assert value.humanize_after_preposition() == value.humanize()


@pytest.mark.django_db
def test_a_russian_claim_card_says_since_which_month_in_the_genitive(client, fact_checker):
    claim = published_claim(fact_checker, stances=["contradicts"])
    change_status(fact_checker, claim, ClaimStatus.DISPUTED, as_of=PartialDate(2023, 4))

    with translation.override("ru"):
        page = client.get(reverse("web:home")).content.decode()

    assert "с апреля 2023 г." in page
    assert "Апрель" not in page
