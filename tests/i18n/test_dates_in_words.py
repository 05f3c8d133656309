"""Dates read as each language writes them, also after "since", "from" and "until"."""

# ruff: noqa: RUF001

import pytest
from django.utils import translation

from claimtracker.claims.dates import PartialDate


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
