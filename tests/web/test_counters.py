"""The claim counters (claims.models.ClaimCount) the home and topic pages read: kept right by
the database in every write, and rebuilt from the claims by a command."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from claimtracker.claims import services
from claimtracker.claims.models import Claim, ClaimCount, ClaimStatus
from claimtracker.claims.models.claims import NO_STATUS
from tests.factories import ClaimFactory, StatementFactory, TopicFactory
from tests.web.published import change_status, published_claim

pytestmark = pytest.mark.django_db


def counted() -> dict[tuple[int | None, str], int]:
    """Every non-zero counter, as the pages read them."""
    return {(row.topic_id, row.status): row.claims for row in ClaimCount.objects.exclude(claims=0)}


def recounted() -> dict[tuple[int | None, str], int]:
    """The same, counted from the claims."""
    published = Claim.objects.published()
    every = {
        (None, row["status"]): row["n"]
        for row in published.order_by().values("status").annotate(n=Count("pk"))
    }
    per_topic = {
        (row["topics"], row["status"]): row["n"]
        for row in published.filter(topics__isnull=False)
        .order_by()
        .values("topics", "status")
        .annotate(n=Count("pk"))
    }
    return every | per_topic


def test_counts_follow_publishing_status_changes_corrections_and_withdrawals(fact_checker):
    events, courts = TopicFactory(), TopicFactory()
    statement = StatementFactory()
    draft = ClaimFactory(statements=[statement])
    draft.topics.add(events)
    assert counted() == {}  # a draft is not counted

    claim = published_claim(fact_checker, statements=[statement], topics=[events])
    other = published_claim(fact_checker, topics=[events, courts], stances=["contradicts"])
    assert counted() == {(None, ""): 2, (events.pk, ""): 2, (courts.pk, ""): 1}

    change_status(fact_checker, claim, ClaimStatus.UNCONFIRMED)
    change_status(fact_checker, other, ClaimStatus.UNCONFIRMED)
    change_status(fact_checker, other, ClaimStatus.REFUTED)
    assert counted() == {
        (None, "unconfirmed"): 1,
        (None, "refuted"): 1,
        (events.pk, "unconfirmed"): 1,
        (events.pk, "refuted"): 1,
        (courts.pk, "refuted"): 1,
    }

    # A correction moves the claim from one topic to another.
    services.record_correct(
        by=fact_checker,
        record=claim,
        changes={"topics": [courts]},
        note="The claim belongs under the court cases, not the events.",
    )
    # A withdrawn statement leaves the claim and its status as they were.
    services.record_withdraw(
        by=fact_checker, record=statement, note="The quote was misattributed; see the source."
    )
    assert counted() == recounted()
    assert counted() == {
        (None, "unconfirmed"): 1,
        (None, "refuted"): 1,
        (events.pk, "refuted"): 1,
        (courts.pk, "unconfirmed"): 1,
        (courts.pk, "refuted"): 1,
    }
    assert ClaimCount.objects.by_status() == {"unconfirmed": 1, "refuted": 1}
    assert ClaimCount.objects.by_status(courts) == {"unconfirmed": 1, "refuted": 1}


def test_a_bulk_sql_write_is_counted_in_one_go(fact_checker):
    published_claim(fact_checker)
    with connection.cursor() as cursor:
        # As bench/ copies claims: plain SQL, many rows in one statement.
        cursor.execute(
            "INSERT INTO claims_claim (slug, text, status, published_at, published_by_id,"
            " created_at, updated_at, search_key)"
            " SELECT slug || '-copy-' || n, text, status, published_at, published_by_id,"
            " created_at, updated_at, search_key"
            " FROM claims_claim, generate_series(1, 50) AS n"
        )
    assert ClaimCount.objects.by_status() == {NO_STATUS: 51}


def test_the_rebuild_command_puts_wrong_counts_right_and_says_how_many(fact_checker, capsys):
    topic = TopicFactory()
    published_claim(fact_checker, topics=[topic])
    ClaimCount.objects.filter(topic=topic).update(claims=7)
    ClaimCount.objects.create(status="confirmed", claims=3)

    call_command("rebuild_claim_counts")

    assert "2 were wrong" in capsys.readouterr().out
    assert counted() == recounted() == {(None, ""): 1, (topic.pk, ""): 1}
