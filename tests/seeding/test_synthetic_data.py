"""Synthetic data: real shapes, labelled everywhere, never mixed with the reference case."""

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db.models import Count, Model

from claimtracker.claims.models import (
    Actor,
    ActorKind,
    ActorName,
    ActorRelation,
    ActorRole,
    Claim,
    ClaimEvidence,
    ContradictionLink,
    Evidence,
    QuoteMode,
    Script,
    Source,
    Statement,
    StatusChange,
    Topic,
    TopicName,
)
from claimtracker.seeding.synthetic import (
    SOURCE_TITLE,
    SYNTHETIC_USERNAME,
    generate_synthetic_data,
)

pytestmark = pytest.mark.django_db

CLAIMS = 60
PREFIX = "[Synthetic] "


@pytest.fixture
def synthetic(role_groups):
    """One small batch, seed 7."""
    return generate_synthetic_data(claims=CLAIMS, seed=7)


def synthetic_source():
    return Source.objects.get(title=SOURCE_TITLE)


def test_it_creates_the_requested_number_of_claims_with_synthetic_slugs(synthetic):
    assert synthetic.batch == 1
    assert Claim.objects.count() == CLAIMS
    assert set(Claim.objects.values_list("slug", flat=True)) == {
        f"synthetic-b1-claim-{number:05d}" for number in range(1, CLAIMS + 1)
    }


def test_actors_have_names_in_english_kazakh_and_russian_in_latin_and_cyrillic(synthetic):
    people = Actor.objects.filter(kind=ActorKind.PERSON)
    languages = {
        (name.language, name.script) for name in ActorName.objects.filter(actor__in=people)
    }

    assert Actor.objects.filter(kind=ActorKind.INSTITUTION).exists()
    assert {("en", Script.LATIN), ("kk", Script.CYRILLIC), ("ru", Script.CYRILLIC)} <= languages
    assert not people.annotate(n=Count("names")).filter(n__lt=3).exists()
    assert TopicName.objects.filter(language="kk", script=Script.CYRILLIC).exists()


def test_people_hold_several_roles_with_dates_at_several_precisions(synthetic):
    most_roles = max(
        Actor.objects.annotate(n=Count("roles")).values_list("n", flat=True), default=0
    )
    precisions = {role.start.precision for role in ActorRole.objects.exclude(start=None)}

    assert most_roles >= 2
    assert precisions == {"year", "month", "day"}
    assert ActorRole.objects.filter(end=None).exists()
    assert ActorRelation.objects.exists()


def test_claims_have_several_statements_and_evidence_with_every_stance(synthetic):
    statement_counts = set(
        Claim.objects.annotate(n=Count("statements")).values_list("n", flat=True)
    )
    stances = set(ClaimEvidence.objects.values_list("stance", flat=True))

    assert min(statement_counts) >= 1
    assert max(statement_counts) >= 3
    assert stances == {"supports", "contradicts", "context"}
    assert set(Statement.objects.values_list("mode", flat=True)) == set(QuoteMode.values)
    assert Statement.objects.exclude(translation="").exists()
    assert Statement.objects.filter(stated_on=None).exclude(stated_not_after=None).exists()
    assert Evidence.objects.filter(occurred_on=None).exists()


def test_assessed_claims_have_one_to_three_changes_and_some_claims_have_no_status(synthetic):
    history_lengths = Counter(
        Claim.objects.annotate(n=Count("status_changes")).values_list("n", flat=True)
    )

    assert set(history_lengths) == {0, 1, 2, 3}
    assert Claim.objects.filter(status="").count() == history_lengths[0]
    assert StatusChange.objects.filter(evidence__isnull=False).exists()


def test_each_claims_status_equals_its_latest_history_row(synthetic):
    for claim in Claim.objects.exclude(status=""):
        latest = claim.status_changes.latest()
        assert claim.status == latest.new_status
        assert claim.status_changed_at == latest.recorded_at
    for claim in Claim.objects.filter(status=""):
        assert not claim.status_changes.exists()


def test_status_histories_chain_each_old_status_to_the_previous_new_one(synthetic):
    for claim in Claim.objects.exclude(status=""):
        previous = ""
        for change in claim.status_changes.order_by("recorded_at", "pk"):
            assert change.old_status == previous
            previous = change.new_status


def test_it_links_contradictions_and_uses_its_own_topics(synthetic):
    assert ContradictionLink.objects.exists()
    assert set(Topic.objects.values_list("slug", flat=True)) == {
        f"synthetic-b1-topic-{number:05d}" for number in range(1, 6)
    }
    assert not Claim.objects.filter(topics=None).exists()


def test_every_synthetic_row_is_labelled_and_cites_the_synthetic_source(synthetic):
    source = synthetic_source()
    account = User.objects.get(username=SYNTHETIC_USERNAME)

    for with_slug in (Actor, Topic, Claim):
        assert not with_slug.objects.exclude(slug__startswith="synthetic-b1-").exists()
    for model, field in [
        (Claim, "text"),
        (Statement, "quote"),
        (Statement, "context"),
        (Evidence, "title"),
        (Evidence, "summary"),
        (ActorName, "value"),
        (TopicName, "value"),
        (Topic, "name"),
        (ActorRole, "title"),
        (StatusChange, "reason"),
        (ContradictionLink, "explanation"),
    ]:
        values = list(model._default_manager.values_list(field, flat=True))
        assert values, model
        assert all(value.startswith(PREFIX) for value in values), (model, field)
    for citing in (Statement, Evidence, ActorName, ActorRole, ActorRelation, TopicName):
        cited = set(citing._default_manager.values_list("source", flat=True))
        assert cited == {source.pk}, citing
    for recorded in (Actor, Topic, Claim, Statement, Evidence, ActorRole, ContradictionLink):
        creators = set(recorded._default_manager.values_list("created_by", flat=True))
        assert creators == {account.pk}, recorded
    assert set(StatusChange.objects.values_list("recorded_by", flat=True)) == {account.pk}
    assert "not real" in source.title


def test_the_synthetic_account_is_labelled_and_nobody_can_log_in_with_it(synthetic):
    account = User.objects.get(username=SYNTHETIC_USERNAME)

    assert account.get_full_name() == "Synthetic data generator (automated account, not a person)"
    assert not account.has_usable_password()
    assert not account.is_staff
    assert list(account.groups.values_list("name", flat=True)) == ["Fact-checker"]


def test_it_touches_no_reference_row_and_never_mixes_with_the_reference_case(reference_case):
    models: list[type[Model]] = [
        Source,
        Topic,
        Actor,
        ActorName,
        ActorRole,
        Statement,
        Evidence,
        Claim,
        StatusChange,
    ]
    before = {model: list(model._default_manager.order_by("pk").values()) for model in models}
    reference_claims = set(Claim.objects.values_list("pk", flat=True))
    reference_statements = set(Statement.objects.values_list("pk", flat=True))

    generate_synthetic_data(claims=CLAIMS, seed=7)

    for model, rows in before.items():
        reference_rows = list(
            model._default_manager.filter(pk__in=[row["id"] for row in rows])
            .order_by("pk")
            .values()
        )
        assert reference_rows == rows, model
    synthetic_claims = Claim.objects.exclude(pk__in=reference_claims)
    assert synthetic_claims.count() == CLAIMS
    assert not synthetic_claims.filter(statements__pk__in=reference_statements).exists()
    assert not synthetic_claims.exclude(topics__slug__startswith="synthetic-").exists()
    assert (
        not Statement.objects.exclude(pk__in=reference_statements)
        .exclude(speaker__slug__startswith="synthetic-")
        .exists()
    )
    assert not Claim.objects.filter(
        pk__in=reference_claims, topics__slug__startswith="synthetic-"
    ).exists()


def test_the_same_seed_gives_the_same_content_and_a_second_run_adds_a_new_batch(synthetic):
    first = list(
        Claim.objects.filter(slug__startswith="synthetic-b1-")
        .order_by("slug")
        .values_list("text", "status")
    )

    second_report = generate_synthetic_data(claims=CLAIMS, seed=7)

    second = list(
        Claim.objects.filter(slug__startswith="synthetic-b2-")
        .order_by("slug")
        .values_list("text", "status")
    )
    assert second_report.batch == 2
    assert second == first
    assert Claim.objects.count() == 2 * CLAIMS
    assert Source.objects.filter(title=SOURCE_TITLE).count() == 1
    assert User.objects.filter(username=SYNTHETIC_USERNAME).count() == 1


def test_a_different_seed_gives_different_content(synthetic):
    first = set(Claim.objects.values_list("text", "status"))

    generate_synthetic_data(claims=CLAIMS, seed=8)

    second = set(
        Claim.objects.filter(slug__startswith="synthetic-b2-").values_list("text", "status")
    )
    assert second != first


def test_the_command_adds_a_batch_and_reports_it(role_groups, settings):
    settings.DEBUG = True
    out = StringIO()

    call_command("generate_synthetic_data", "--claims", "5", "--seed", "2", stdout=out)

    assert "claims: 5" in out.getvalue()
    assert "Synthetic batch 1 added" in out.getvalue()


def test_the_command_refuses_when_debug_is_off_unless_told_otherwise(role_groups, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("generate_synthetic_data", "--claims", "5", stdout=StringIO())
    assert not Claim.objects.exists()

    call_command(
        "generate_synthetic_data", "--claims", "5", "--allow-without-debug", stdout=StringIO()
    )
    assert Claim.objects.count() == 5


def test_it_refuses_to_generate_no_claims(role_groups):
    with pytest.raises(ValueError, match="at least one claim"):
        generate_synthetic_data(claims=0)
