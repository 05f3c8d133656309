"""schema.org ClaimReview: the builder the claim pages embed, and the feed that lists them all."""

import json

import pytest
from django.core.cache import cache
from django.utils import timezone

from claimtracker.claims import services
from claimtracker.claims.claimreview import claim_review, claims_for_review
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import ActorKind, Claim, ClaimStatus, Stance
from claimtracker.seeding.reference import load_reference_case
from tests.factories import (
    ActorFactory,
    ActorNameFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

FEED = "/api/v1/export/claimreview.json"
REASON = "Because the court said so, after hearing every witness."
ARTICLE_DATE = PartialDate(2024, 1, 11)


@pytest.fixture(autouse=True)
def fresh_throttles():
    # The API's throttles count requests in the default cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def publish(fact_checker):
    """Publish records as the fact-checker; returns them."""

    def publish_all(*records):
        for record in records:
            services.record_publish(by=fact_checker, record=record)
        return records

    return publish_all


@pytest.fixture
def assess(fact_checker):
    """Give a claim a status, or several in turn, as the fact-checker, citing a published
    ruling linked to it as contradicting it (what every verdict needs)."""

    def change(claim, *statuses, reason=REASON, as_of=ARTICLE_DATE):
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
                reason=f"{reason} ({status})",
                as_of=as_of,
                evidence=[ruling],
            )
        return claim

    return change


@pytest.fixture
def assessed_claim(publish, assess):
    """A published claim asserted by two published statements, disputed then refuted."""
    speaker = ActorFactory(slug="nurlan-example", primary_name__value="Nurlan Example")
    ActorNameFactory(actor=speaker, value="Нұрлан Мысал", language="kk")
    interview = SourceFactory(
        title="The interview",
        publisher="Vlast.kz",
        url="https://vlast.kz/interview",
        published_on=PartialDate(2023, 4),
    )
    broadcast = SourceFactory(title="Evening news", published_on=PartialDate(2022, 1, 5))
    later = StatementFactory(
        speaker=ActorFactory(kind=ActorKind.INSTITUTION),
        stated_on=PartialDate(2023, 4, 17),
        source=interview,
    )
    first = StatementFactory(
        speaker=speaker,
        stated_on=PartialDate(2023, 4),
        source=interview,
        first_appearance=broadcast,
    )
    claim = ClaimFactory(
        slug="outside-terrorists", text="Outside terrorists led the events.", statements=[]
    )
    claim.statements.set([later, first])
    publish(later, first, claim)
    return assess(claim, ClaimStatus.DISPUTED, ClaimStatus.REFUTED)


def review_of(claim):
    return claim_review(claims_for_review().get(pk=claim.pk))


def test_a_refuted_claim_is_reviewed_as_rated_1_of_5_with_its_latest_reason(assessed_claim):
    review = review_of(assessed_claim)

    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "http://127.0.0.1:8000/en/claims/outside-terrorists/",
        "claimReviewed": "Outside terrorists led the events.",
        "inLanguage": "en",
        "author": {
            "@type": "Organization",
            "name": "ClaimTracker",
            "url": "http://127.0.0.1:8000/",
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "Refuted",
            "ratingExplanation": f"{REASON} (refuted)",
            "ratingValue": 1,
            "bestRating": 5,
            "worstRating": 1,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Nurlan Example"},
            "datePublished": "2023-04",
            "appearance": [
                {
                    "@type": "CreativeWork",
                    "name": "The interview",
                    "url": "https://vlast.kz/interview",
                    "datePublished": "2023-04",
                    "publisher": {"@type": "Organization", "name": "Vlast.kz"},
                }
            ],
            "firstAppearance": {
                "@type": "CreativeWork",
                "name": "Evening news",
                "datePublished": "2022-01-05",
            },
        },
        "datePublished": "2024-01-11",
    }


@pytest.mark.parametrize(
    ("status", "rating"),
    [
        (ClaimStatus.REFUTED, 1),
        (ClaimStatus.PARTLY_CONFIRMED, 3),
        (ClaimStatus.CONFIRMED, 5),
        (ClaimStatus.UNCONFIRMED, None),
        (ClaimStatus.DISPUTED, None),
    ],
)
def test_only_statuses_on_the_true_false_scale_get_a_number(publish, assess, status, rating):
    claim = assess(publish(ClaimFactory())[0], status)

    review_rating = review_of(claim)["reviewRating"]

    assert review_rating["alternateName"] == ClaimStatus(status).label
    if rating is None:
        assert not {"ratingValue", "bestRating", "worstRating"} & set(review_rating)
    else:
        assert review_rating["ratingValue"] == rating
        assert (review_rating["worstRating"], review_rating["bestRating"]) == (1, 5)


def test_the_url_and_the_author_come_from_the_deployments_settings(assessed_claim, settings):
    settings.SITE_URL = "https://claims.example.org/"
    settings.PUBLISHER_NAME = "Example Fact Check"

    review = review_of(assessed_claim)

    assert review["url"] == "https://claims.example.org/en/claims/outside-terrorists/"
    assert review["author"] == {
        "@type": "Organization",
        "name": "Example Fact Check",
        "url": "https://claims.example.org/",
    }


def test_an_institution_that_said_it_is_an_organization(publish, assess):
    office = ActorFactory(kind=ActorKind.INSTITUTION, primary_name__value="Prosecutor's Office")
    statement = StatementFactory(speaker=office)
    claim = ClaimFactory(statements=[statement])
    publish(statement, claim)
    assess(claim, ClaimStatus.DISPUTED)

    item = review_of(claim)["itemReviewed"]

    assert item["author"] == {"@type": "Organization", "name": "Prosecutor's Office"}
    assert "datePublished" not in item, "the statement has no date"
    assert "firstAppearance" not in item


def test_a_claim_nobody_assessed_has_no_review(publish):
    claim = publish(ClaimFactory())[0]

    with pytest.raises(ValueError, match="no status"):
        claim_review(claim)


def test_building_reviews_from_the_prefetched_claims_runs_no_further_query(
    assessed_claim, publish, assess, django_assert_num_queries
):
    assess(publish(ClaimFactory())[0], ClaimStatus.CONFIRMED)
    claims = list(claims_for_review())

    with django_assert_num_queries(0):
        [claim_review(claim) for claim in claims]


# The feed.


def feed(client):
    """The feed's response, and the ClaimReviews it lists."""
    response = client.get(FEED)
    assert response.status_code == 200
    return response, json.loads(b"".join(response.streaming_content))["dataFeedElement"]


def test_the_feed_is_a_schema_org_data_feed_under_the_data_licence(client, db, settings):
    settings.DATA_LICENCE_URL = "https://opendatacommons.org/licenses/odbl/1-0/"
    settings.SITE_URL = "https://claims.example.org"

    response = client.get(FEED)
    data = json.loads(b"".join(response.streaming_content))

    assert data == {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": "ClaimTracker ClaimReview feed",
        "url": "https://claims.example.org/api/v1/export/claimreview.json",
        "sdLicense": "https://opendatacommons.org/licenses/odbl/1-0/",
        "sdPublisher": {
            "@type": "Organization",
            "name": "ClaimTracker",
            "url": "https://claims.example.org/",
        },
        "dataFeedElement": [],
    }


def test_the_feed_lists_the_review_of_every_published_claim_with_a_status(
    client, assessed_claim, publish, assess
):
    confirmed = assess(publish(ClaimFactory())[0], ClaimStatus.CONFIRMED)
    publish(ClaimFactory())  # no status
    assess(ClaimFactory(), ClaimStatus.CONFIRMED)  # a draft

    response, reviews = feed(client)

    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    assert response["X-Data-Licence"] == "CC BY 4.0"
    assert reviews == [review_of(assessed_claim), review_of(confirmed)]


def test_an_empty_feed_lists_no_review(client, db):
    assert feed(client)[1] == []


def test_the_feed_runs_as_many_queries_for_many_claims_as_for_one(
    client, publish, assess, django_assert_num_queries
):
    def add_claim():
        statement = StatementFactory(stated_on=PartialDate(2024), first_appearance=SourceFactory())
        claim = ClaimFactory(statements=[statement])
        publish(statement, claim)
        assess(claim, ClaimStatus.DISPUTED, ClaimStatus.CONFIRMED)

    add_claim()
    # The record's stamp for conditional GET (web/caching.py), then the feed's own queries.
    with django_assert_num_queries(5) as one:
        feed(client)
    for _ in range(4):
        add_claim()

    with django_assert_num_queries(len(one.captured_queries)):
        _response, reviews = feed(client)
    assert len(reviews) == 5


def test_a_review_is_dated_as_of_its_assessment_at_its_precision_not_when_typed_in(publish, assess):
    claim = assess(publish(ClaimFactory())[0], ClaimStatus.REFUTED, as_of=PartialDate(2023, 5))

    assert review_of(claim)["datePublished"] == "2023-05"
    changed_at = Claim.objects.get(pk=claim.pk).status_changed_at
    assert changed_at is not None
    assert changed_at.date() == timezone.now().date(), "recorded today, dated as assessed"


def test_the_reference_cases_reviews_are_dated_as_the_article_is(role_groups):
    load_reference_case()

    reviews = [claim_review(claim) for claim in claims_for_review()]

    assert len(reviews) == 2, "the article's two assessments"
    assert [review["datePublished"] for review in reviews] == ["2024-01-11", "2024-01-11"]


# Withdrawn statements: what readers see marked withdrawn, machines are not told as said.


def test_a_withdrawn_statement_is_never_the_claims_author_appearance_or_first_appearance(
    assessed_claim, fact_checker
):
    first = assessed_claim.statements.get(speaker__slug="nurlan-example")
    services.record_withdraw(by=fact_checker, record=first, note="The interview was staged.")

    item = review_of(assessed_claim)["itemReviewed"]

    assert item["author"]["@type"] == "Organization", "the other statement's speaker"
    assert item["datePublished"] == "2023-04-17"
    assert [work["name"] for work in item["appearance"]] == ["The interview"]
    assert "firstAppearance" not in item, "only the withdrawn statement gave one"


def test_with_every_statement_withdrawn_the_review_says_nothing_of_who_said_it(
    assessed_claim, fact_checker, client
):
    for statement in assessed_claim.statements.published():
        services.record_withdraw(by=fact_checker, record=statement, note="Never said.")

    assert review_of(assessed_claim)["itemReviewed"] == {"@type": "Claim"}
    assert feed(client)[1][0]["itemReviewed"] == {"@type": "Claim"}
