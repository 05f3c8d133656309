"""The ClaimReview a claim page embeds, read as a fact-check aggregator reads it.

Independent of our own code on both sides: the JSON-LD is pulled out of the rendered page by
``extruct`` (the structured-data extractor crawlers use), and checked against schema.org's own
definitions, vendored in tests/web/schemaorg/ with their source and release: every property must
be defined for the item's type (directly or through its parent classes), and every value must
be of a type in the property's range. Then the property list of the issue: what aggregators
require and recommend of a ClaimReview.
"""

import datetime
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import extruct
import pytest

from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import ActorKind, Claim, ClaimStatus, Stance, StatusChange
from claimtracker.seeding.reference import load_reference_case
from tests.factories import (
    ActorFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

VOCABULARY = Path(__file__).parent / "schemaorg"
CLASSES = json.loads((VOCABULARY / "classes.json").read_text())
PROPERTIES = json.loads((VOCABULARY / "properties.json").read_text())
KEYWORDS = {"@context", "@type", "@id"}
SITE = "http://127.0.0.1:8000"


# schema.org, as the vendored definitions say


def ancestors(class_name):
    """The class and every class above it, up to Thing."""
    found = [class_name]
    for parent in CLASSES[class_name]["subClassOf"]:
        found += ancestors(parent)
    return found


def literal_types(value):
    """The schema.org data types a JSON literal is an instance of."""
    if isinstance(value, bool):
        return {"Boolean"}
    if isinstance(value, int):
        return {"Integer", "Number"}
    if isinstance(value, float):
        return {"Number"}
    kinds = {"Text"}
    parts = urlsplit(value)
    if parts.scheme in {"http", "https"} and parts.netloc:
        kinds.add("URL")
    # ISO 8601 calendar dates, at reduced precision too (2022, 2022-01): what a source says.
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        kinds.add("Date")
    try:
        if "T" in value and datetime.datetime.fromisoformat(value):
            kinds.add("DateTime")
    except ValueError:
        pass
    return kinds


def schema_violations(item, path="$"):
    """Every way ``item`` departs from the vendored schema.org definitions, as messages."""
    problems = []
    item_type = item.get("@type")
    if item_type not in CLASSES or CLASSES[item_type].get("dataType"):
        return [f"{path}: @type {item_type!r} is not a schema.org class we vendored"]
    types = ancestors(item_type)
    for name, values in item.items():
        if name in KEYWORDS:
            continue
        where = f"{path}.{name}"
        definition = PROPERTIES.get(name)
        if definition is None:
            problems.append(f"{where}: not a schema.org property (or not yet vendored)")
            continue
        if not set(definition["domainIncludes"]) & set(types):
            problems.append(f"{where}: not defined for {item_type} ({' < '.join(types)})")
        for index, value in enumerate(values if isinstance(values, list) else [values]):
            at = f"{where}[{index}]" if isinstance(values, list) else where
            expected = set(definition["rangeIncludes"])
            if isinstance(value, dict):
                value_type = value.get("@type")
                if value_type not in CLASSES or not expected & set(ancestors(value_type)):
                    problems.append(f"{at}: a {value_type}, expected one of {sorted(expected)}")
                else:
                    problems += schema_violations(value, at)
            elif not expected & literal_types(value):
                problems.append(f"{at}: {value!r} is not one of {sorted(expected)}")
    return problems


# The page, as a crawler reads it


@pytest.fixture
def publish(fact_checker):
    def publish_all(*records):
        for record in records:
            services.record_publish(by=fact_checker, record=record)
        return records[0]

    return publish_all


@pytest.fixture
def assess(fact_checker):
    """Statuses in turn, each citing a published ruling that contradicts the claim (what every
    verdict needs), as of the assessing article's date."""

    def change(claim, *statuses, reason="The court ruled otherwise, after hearing witnesses."):
        ruling = services.record_publish(by=fact_checker, record=EvidenceFactory())
        services.claim_evidence_create(
            by=fact_checker,
            claim=claim,
            evidence=ruling,
            stance=Stance.CONTRADICTS,
            correction_note="A court ruling on it was found.",
        )
        for status in statuses:
            services.claim_change_status(
                by=fact_checker,
                claim=claim,
                new_status=status,
                expected_status=claim.status,
                reason=f"{reason} ({ClaimStatus(status).label})",
                as_of=PartialDate(2024, 1, 11),
                evidence=[ruling],
            )
        return claim

    return change


@pytest.fixture
def assessed_claim(publish, assess):
    """A published claim two published statements assert, first said on TV, then refuted."""
    speaker = ActorFactory(slug="nurlan-example", primary_name__value="Nurlan Example")
    broadcast = SourceFactory(
        title="Evening news", url="https://tv.example.kz/news", published_on=PartialDate(2022, 1)
    )
    interview = SourceFactory(
        title="The interview",
        publisher="Vlast.kz",
        url="https://vlast.kz/interview",
        published_on=PartialDate(2023, 4, 17),
    )
    first = publish(
        StatementFactory(
            speaker=speaker,
            stated_on=PartialDate(2022, 1, 10),
            source=interview,
            first_appearance=broadcast,
        )
    )
    again = publish(
        StatementFactory(
            speaker=ActorFactory(kind=ActorKind.INSTITUTION),
            stated_on=PartialDate(2023, 4, 17),
            source=interview,
        )
    )
    claim = publish(
        ClaimFactory(
            slug="outside-terrorists",
            text="Outside terrorists led the events.",
            statements=[first, again],
        )
    )
    return assess(claim, ClaimStatus.UNCONFIRMED, ClaimStatus.REFUTED)


def embedded_json_ld(client, claim):
    """Every JSON-LD item on the claim's page, as extruct finds them."""
    response = client.get(claim.get_absolute_url())
    assert response.status_code == 200
    data = extruct.extract(
        response.content.decode(),
        base_url=SITE + claim.get_absolute_url(),
        syntaxes=["json-ld"],
    )
    return data["json-ld"]


def the_review(client, claim):
    (review,) = embedded_json_ld(client, claim)
    return review


# Against schema.org's definitions


def test_the_embedded_claimreview_uses_schema_org_terms_as_defined(client, assessed_claim):
    assert schema_violations(the_review(client, assessed_claim)) == []


@pytest.mark.parametrize("status", list(ClaimStatus))
def test_every_status_gives_a_claimreview_schema_org_accepts(client, publish, assess, status):
    claim = assess(publish(ClaimFactory(statements=[publish(StatementFactory())])), status)

    assert schema_violations(the_review(client, claim)) == []


def test_the_reference_case_claim_pages_pass_schema_org(client, db):
    load_reference_case()
    assessed = Claim.objects.published().assessed()
    assert assessed.exists()

    for claim in assessed:
        assert schema_violations(the_review(client, claim)) == [], claim.slug


def test_the_validator_catches_what_schema_org_does_not_define():
    # The check itself must fail on wrong markup, or a pass means nothing.
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "x",
        "reviewRating": {"@type": "Rating", "ratingValue": "1", "bestRating": 5},
        "verdict": "false",
        "url": "not a url",
        "itemReviewed": {"@type": "Claim", "ratingExplanation": "misplaced", "appearance": "x"},
        "author": {"@type": "Rating"},
    }

    assert schema_violations(review) == [
        "$.verdict: not a schema.org property (or not yet vendored)",
        "$.url: 'not a url' is not one of ['URL']",
        "$.itemReviewed.ratingExplanation: not defined for Claim (Claim < CreativeWork < Thing)",
        "$.itemReviewed.appearance: 'x' is not one of ['CreativeWork']",
        "$.author: a Rating, expected one of ['Organization', 'Person']",
    ]


# Against the property list (what aggregators require and recommend)


def test_a_claim_page_embeds_exactly_one_claimreview_in_schema_org_context(client, assessed_claim):
    (item,) = embedded_json_ld(client, assessed_claim)

    assert item["@context"] == "https://schema.org"
    assert item["@type"] == "ClaimReview"


def test_claim_reviewed_is_the_proposition_without_the_verdict(client, assessed_claim):
    review = the_review(client, assessed_claim)

    assert review["claimReviewed"] == "Outside terrorists led the events."
    for status in ClaimStatus:
        assert str(status.label).lower() not in review["claimReviewed"].lower()


def test_the_rating_says_the_status_in_words_and_why(client, assessed_claim):
    latest = StatusChange.objects.filter(claim=assessed_claim).latest()

    rating = the_review(client, assessed_claim)["reviewRating"]

    assert rating["@type"] == "Rating"
    assert rating["alternateName"] == "Refuted"
    assert rating["ratingExplanation"] == latest.reason
    assert latest.reason == "The court ruled otherwise, after hearing witnesses. (Refuted)"


@pytest.mark.parametrize(
    ("status", "value"),
    [
        (ClaimStatus.REFUTED, 1),
        (ClaimStatus.PARTLY_CONFIRMED, 3),
        (ClaimStatus.CONFIRMED, 5),
        (ClaimStatus.UNCONFIRMED, None),
        (ClaimStatus.DISPUTED, None),
    ],
)
def test_only_statuses_on_the_published_scale_carry_a_number(
    client, publish, assess, status, value
):
    claim = assess(publish(ClaimFactory()), status)

    rating = the_review(client, claim)["reviewRating"]

    if value is None:
        assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)
    else:
        assert (rating["worstRating"], rating["ratingValue"], rating["bestRating"]) == (1, value, 5)


def test_the_review_url_is_the_claim_page_on_the_sites_own_domain(client, assessed_claim, settings):
    settings.SITE_URL = "https://claims.example.org"

    review = the_review(client, assessed_claim)

    assert review["url"] == "https://claims.example.org/en/claims/outside-terrorists/"
    assert client.get(urlsplit(review["url"]).path).status_code == 200


def test_the_publishing_organisation_is_the_author_and_the_date_is_given(
    client, assessed_claim, settings
):
    settings.PUBLISHER_NAME = "Example Fact Check"

    review = the_review(client, assessed_claim)

    assert review["author"]["@type"] == "Organization"
    assert review["author"]["name"] == "Example Fact Check"
    # When the assessment holds as of (the assessing article's date), not when it was typed in.
    assert review["datePublished"] == "2024-01-11"


def test_the_reviewed_claim_names_who_said_it_when_and_where_it_appeared(client, assessed_claim):
    item = the_review(client, assessed_claim)["itemReviewed"]

    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Nurlan Example"}
    assert item["datePublished"] == "2022-01-10"
    assert [work["url"] for work in item["appearance"]] == ["https://vlast.kz/interview"]
    assert item["appearance"][0]["@type"] == "CreativeWork"
    assert item["firstAppearance"] == {
        "@type": "CreativeWork",
        "name": "Evening news",
        "url": "https://tv.example.kz/news",
        "datePublished": "2022-01",
    }


def test_the_claims_author_names_a_page_that_identifies_them_where_one_is_cited(client, db):
    """sameAs only from the record (the actor's cited Wikipedia article), never guessed."""
    load_reference_case()
    claim = Claim.objects.get(slug="outside-terrorists-were-main-protagonists")

    author = the_review(client, claim)["itemReviewed"]["author"]

    assert author["name"] == "Kassym-Jomart Tokayev"
    assert author["sameAs"] == "https://en.wikipedia.org/wiki/Kassym-Jomart_Tokayev"
    assert schema_violations(the_review(client, claim)) == []


def test_a_claim_nobody_assessed_embeds_no_review(client, publish):
    assert embedded_json_ld(client, publish(ClaimFactory())) == []
