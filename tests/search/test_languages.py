"""A reader's query in English, Russian or Kazakh finds a claim by any of its translations."""

# Russian and Kazakh words on purpose, which RUF001 takes for look-alikes of Latin letters.
# ruff: noqa: RUF001

import re

import pytest
from django.urls import reverse

from claimtracker.claims.models import Claim, ClaimTranslation
from claimtracker.claims.selectors_search import claims_matching, search

pytestmark = pytest.mark.django_db

SEARCH = reverse("web:search")
TERRORISTS = "Outside terrorists were the main protagonists of the January 2022 events."
# Translations written for these tests, in the reference case's words (not the article's).
TERRORISTS_RU = "Главными участниками январских событий 2022 года были террористы извне."
TERRORISTS_KK = (
    "2022 жылғы қаңтар оқиғаларының басты қатысушылары сырттан келген террористер болды."
)


def claim_slugs(html):
    start = html.find('id="claims-heading"')
    if start == -1:
        return []
    return re.findall(r'href="/en/claims/([^/"]+)/"', html[start : html.index("</section>", start)])


@pytest.fixture
def terrorists(published_claim):
    return published_claim(TERRORISTS, ru=TERRORISTS_RU, kk=TERRORISTS_KK)


@pytest.mark.parametrize(
    "query",
    [
        "террористы",  # Russian, as in the Russian translation
        "террористов",  # Russian, another case: the Russian stemmer meets it
        "террористер",  # Kazakh, as in the Kazakh translation
        "террорист",  # Kazakh stem: a prefix of the Kazakh word
        "terrorists",
        "terrorist",  # English stemming
    ],
)
def test_the_outside_terrorists_claim_is_found_in_russian_kazakh_and_english(
    client, terrorists, query
):
    page = client.get(SEARCH, {"q": query})

    assert page.status_code == 200
    assert claim_slugs(page.content.decode()) == [terrorists.slug]


def test_a_claim_without_the_word_in_any_language_is_not_found(client, terrorists, published_claim):
    other = published_claim("The airport was seized.", ru="Аэропорт был захвачен.")

    html = client.get(SEARCH, {"q": "террористы"}).content.decode()

    assert other.slug not in claim_slugs(html)
    assert claim_slugs(client.get(SEARCH, {"q": "аэропорт"}).content.decode()) == [other.slug]


def test_kazakh_finds_what_russian_and_english_find(client, published_claim):
    published_claim(
        "Kazakhstan asked the CSTO for troops.",
        ru="Казахстан попросил у ОДКБ войска.",
        kk="Қазақстан ҰҚШҰ-дан әскер сұрады.",
    )
    published_claim("Russia sent troops to Kazakhstan.")
    published_claim("The internet was shut down in Almaty.")

    found = {
        query: claim_slugs(client.get(SEARCH, {"q": query}).content.decode())
        for query in ["Қазақстан", "Казахстан", "Kazakhstan", "Qazaqstan"]
    }

    assert len(found["Казахстан"]) == 2
    assert found["Қазақстан"] == found["Казахстан"] == found["Kazakhstan"] == found["Qazaqstan"]


def test_a_translation_added_later_makes_the_claim_findable_and_a_removed_one_not(fact_checker):
    claim = Claim.objects.create(slug="draft-claim", text="The curfew began at night.")

    assert not claims_matching(Claim.objects.all(), "комендантский").exists()
    translation = ClaimTranslation.objects.create(
        claim=claim, language="ru", script="Cyrl", text="Комендантский час начался ночью."
    )
    assert list(claims_matching(Claim.objects.all(), "комендантский")) == [claim]
    translation.text = "Ночью ввели режим ЧП."
    translation.save()
    assert not claims_matching(Claim.objects.all(), "комендантский").exists()
    assert list(claims_matching(Claim.objects.all(), "режим")) == [claim]
    translation.delete()
    assert not claims_matching(Claim.objects.all(), "режим").exists()


def test_the_api_finds_the_claim_by_its_translations(client, terrorists):
    for query in ["террористы", "террористер"]:
        response = client.get(reverse("api:claim-list"), {"q": query})

        assert response.status_code == 200
        assert [row["slug"] for row in response.json()["results"]] == [terrorists.slug]


def test_russian_quotes_are_stemmed_in_russian(fact_checker):
    from claimtracker.claims import services
    from tests.factories import StatementFactory

    statement = services.record_publish(
        by=fact_checker,
        record=StatementFactory(
            quote="Это были террористы.",
            language="ru",
            translation="They were terrorists.",
            translation_language="en",
        ),
    )

    assert [s.pk for s in search("террористов").statements] == [statement.pk]
    assert [s.pk for s in search("terrorist").statements] == [statement.pk]
