"""Translations where machines and curators meet them: the API, ClaimReview, feeds, the admin."""

# Russian and Kazakh text on purpose.

import json
import re

import pytest

from claimtracker.claims.claimreview import claim_review, for_claim_review
from claimtracker.claims.models import Claim, ClaimTranslation, Evidence, Topic
from claimtracker.i18n.transliteration import to_kazakh_latin
from tests.claims.test_admin import inline_rows, management_form

pytestmark = pytest.mark.django_db

TERRORISTS = "outside-terrorists-were-main-protagonists"


def test_the_api_carries_a_claims_translations_with_their_provenance(client, reference_case):
    response = client.get(f"/api/v1/claims/{TERRORISTS}/")

    assert response.status_code == 200
    rows = {(row["language"], row["script"]): row for row in response.json()["translations"]}
    assert set(rows) == {("ru", "Cyrl"), ("kk", "Cyrl"), ("kk", "Latn")}
    assert "террористы" in rows["ru", "Cyrl"]["text"]
    assert rows["ru", "Cyrl"]["origin"] == "machine"
    assert rows["ru", "Cyrl"]["reviewed"] is False
    assert rows["kk", "Latn"]["origin"] == "transliteration"
    reason = response.json()["status_changes"][0]["translations"]
    assert {row["language"] for row in reason} == {"ru", "kk"}


def test_the_api_carries_evidence_translations_by_field(client, reference_case):
    evidence = Evidence.objects.get(title__startswith="Karim Massimov sentenced")

    response = client.get(f"/api/v1/evidence/{evidence.pk}/")

    rows = response.json()["translations"]
    fields = {(row["field"], row["language"], row["script"]) for row in rows}
    assert ("title", "ru", "Cyrl") in fields
    assert ("summary", "kk", "Latn") in fields


def test_claimreview_says_its_language_and_uses_the_translation(reference_case, settings):
    claim = for_claim_review(Claim.objects.filter(slug=TERRORISTS)).get()
    assert claim_review(claim, language="en")["inLanguage"] == "en"

    from django.utils import translation

    with translation.override("ru"):
        claim = for_claim_review(Claim.objects.filter(slug=TERRORISTS)).get()
        review = claim_review(claim)
    assert review["inLanguage"] == "ru"
    assert "террористы" in review["claimReviewed"]
    assert review["reviewRating"]["ratingExplanation"].startswith("Эта версия")


def test_the_russian_claim_page_markup_has_the_russian_claimreview(client, reference_case):
    html = client.get(f"/ru/claims/{TERRORISTS}/").content.decode()

    markup = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    review = json.loads(markup)
    assert review["inLanguage"] == "ru"
    assert "террористы" in review["claimReviewed"]


def test_the_kazakh_latin_feed_reads_in_latin_and_says_so(client, reference_case):
    response = client.get("/kk-latn/feeds/status-changes/")

    body = response.content.decode()
    assert 'xml:lang="kk-Latn"' in body
    cyrillic = ClaimTranslation.objects.get(claim__slug=TERRORISTS, language="kk", script="Cyrl")
    assert to_kazakh_latin(cyrillic.text)[:40] in body
    assert "террористер" not in body


def test_a_curator_adds_a_translation_inline_in_the_admin(client, journalist):
    client.force_login(journalist)
    add_page = client.get("/admin/claims/topic/add/")
    assert 'name="translations-TOTAL_FORMS"' in add_page.content.decode()

    response = client.post(
        "/admin/claims/topic/add/",
        {
            "slug": "qandy-qantar",
            "name": "Qandy Qantar",
            "description": "The January 2022 events.",
            **management_form("names", 0),
            **management_form("translations", 1),
            **inline_rows(
                "translations",
                [
                    {
                        "language": "kk",
                        "script": "Cyrl",
                        "text": "2022 жылғы қаңтар оқиғалары.",
                        "origin": "human",
                        "translated_by": "A curator",
                    }
                ],
            ),
        },
    )

    assert response.status_code == 302, re.findall(r"errorlist.{0,300}", response.content.decode())
    topic = Topic.objects.get(slug="qandy-qantar")
    latin = topic.translations.get(language="kk", script="Latn")
    assert (latin.text, latin.origin) == ("2022 jylğy qañtar oqiğalary.", "transliteration")
    change_page = client.get(f"/admin/claims/topic/{topic.pk}/change/").content.decode()
    assert "Generated from the Kazakh Cyrillic" in change_page
