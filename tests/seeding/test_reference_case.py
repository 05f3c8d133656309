"""The reference case: "Not Everyone Fits the Mold", quoted exactly and loaded safely.

The article's typographic apostrophe (U+2019) is its own spelling, so some strings here carry it on
purpose (ruff's RUF001 is silenced on those lines).
"""

import datetime
import json
import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.db import models

from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import (
    Actor,
    ActorName,
    ActorRelation,
    ActorRole,
    Claim,
    ClaimEvidence,
    ClaimStatus,
    ContradictionLink,
    Evidence,
    QuoteMode,
    Script,
    Source,
    Stance,
    Statement,
    StatusChange,
    StatusChangeEvidence,
    Topic,
    TopicName,
)
from claimtracker.seeding.reference import FIXTURE, IMPORT_USERNAME, load_reference_case

pytestmark = pytest.mark.django_db

ARTICLE_DATE = PartialDate(2024, 1, 11)
UNCONFIRMED_REASON = (
    "This version has not been confirmed over the past two years, neither by any of the "
    "investigations nor by court proceedings."
)
# Garbled in the article itself; quoted as printed, never corrected.
DISPUTED_REASON = (
    "a version with which observers and journalists disagree. "
    "is not confirmed by the observations of journalists."
)
ASSESSED = {
    "outside-terrorists-were-main-protagonists": (ClaimStatus.UNCONFIRMED, UNCONFIRMED_REASON),
    "law-enforcement-avoided-force-in-initial-clashes": (ClaimStatus.DISPUTED, DISPUTED_REASON),
}
UNASSESSED = [
    "peaceful-protests-exploited-for-parallel-coup",
    "january-events-organized-by-high-ranking-officials",
    "first-mangistau-protests-provoked-by-inciters",
    "january-events-were-mass-riots-not-peaceful-demonstrations",
    "massimov-among-organizers-of-january-events",
]
# Fields whose whole text is the article's, character for character.
VERBATIM_FIELDS = {"quote", "context", "summary", "reason", "source_words"}
CURLY_QUOTED = re.compile(r"“([^“”]+)”")

# Every table the load writes to, including the many-to-many link tables.
MODELS: list[type[models.Model]] = [
    Source,
    Topic,
    TopicName,
    Actor,
    ActorName,
    ActorRole,
    ActorRelation,
    Statement,
    Evidence,
    Claim,
    ClaimEvidence,
    StatusChange,
    StatusChangeEvidence,
    ContradictionLink,
    User,
    User.groups.through,
    Claim.statements.through,
    Claim.topics.through,
]


def strings_in(data, path=""):
    """Every (field name, text) pair in the fixture, however deeply nested."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                yield key, value
            else:
                yield from strings_in(value, f"{path}.{key}")
    elif isinstance(data, list):
        for value in data:
            yield from strings_in(value, path)


def all_rows():
    """Every row of every table the load touches, timestamps included."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values()) for model in MODELS
    }


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in MODELS}


def statement(quote):
    return Statement.objects.get(quote=quote)


# The file itself


def test_every_quote_context_summary_and_reason_in_the_file_appears_verbatim_in_the_article(
    reference_data, article_text
):
    checked = [(key, text) for key, text in strings_in(reference_data) if key in VERBATIM_FIELDS]

    assert len(checked) > 20
    for key, text in checked:
        assert text in article_text, f"{key} is not the article's text: {text!r}"


def test_all_words_the_file_puts_in_curly_quotes_are_the_articles_words(
    reference_data, article_text
):
    fragments = [
        fragment
        for _key, text in strings_in(reference_data)
        for fragment in CURLY_QUOTED.findall(text)
    ]

    assert len(fragments) > 10
    for fragment in fragments:
        assert fragment in article_text, f"not in the article: “{fragment}”"


def test_every_name_and_role_citing_the_article_is_spelled_as_the_article_spells_it(
    reference_data, article_text
):
    for actor in reference_data["actors"]:
        for name in actor["names"]:
            if name["source"] == "article":
                assert name["value"] in article_text
        for role in actor["roles"]:
            assert role["title"] in article_text


def test_every_direct_quote_stands_inside_the_articles_quotation_marks_and_no_reported_one_does(
    reference_data, article_text
):
    for item in reference_data["statements"]:
        quote = item["quote"]
        quoted = f"“{quote}”" in article_text or f"“{quote},”" in article_text
        assert quoted == (item["mode"] == QuoteMode.DIRECT), quote


def test_the_file_is_utf8_json_with_the_articles_own_characters_unescaped():
    text = FIXTURE.read_text(encoding="utf-8")

    assert "\\u" not in text
    assert "“a group of high-ranking officials”" in text
    assert "Massimov’s first deputy at the time" in text  # noqa: RUF001
    assert "Қасым-Жомарт Тоқаев" in text


# What the load writes


def test_every_loaded_quote_context_summary_and_reason_is_the_articles_text(
    reference_case, article_text
):
    texts = [
        *Statement.objects.values_list("quote", flat=True),
        *Statement.objects.values_list("context", flat=True),
        *Evidence.objects.values_list("summary", flat=True),
        *StatusChange.objects.values_list("reason", flat=True),
    ]

    assert len(texts) == 8 + 8 + 5 + 2
    for text in texts:
        assert text in article_text


def test_the_garbled_sentence_is_kept_exactly_as_printed(reference_case, article_text):
    evidence = Evidence.objects.get(summary__startswith="a version with which")

    assert evidence.summary == DISPUTED_REASON
    assert f"disagree. {DISPUTED_REASON.split('. ', 1)[1]}" in article_text


def test_the_article_is_the_source_with_no_publisher_author_or_address(reference_case):
    article = Source.objects.get(title="Not Everyone Fits the Mold")

    assert article.published_on == ARTICLE_DATE
    assert article.published_on.precision == "day"
    assert article.language == "en"
    assert (article.publisher, article.author, article.url) == ("", "", None)
    assert (article.archive_url, article.accessed_on) == ("", None)


def test_the_wikipedia_source_records_no_date_we_did_not_see(reference_case):
    wikipedia = Source.objects.get(url="https://en.wikipedia.org/wiki/Kassym-Jomart_Tokayev")

    assert (wikipedia.title, wikipedia.publisher, wikipedia.language) == (
        "Kassym-Jomart Tokayev",
        "Wikipedia",
        "en",
    )
    assert wikipedia.published_on is None
    assert wikipedia.accessed_on is None


def test_every_date_has_exactly_the_precision_the_article_gives(reference_case):
    massimov_named = Statement.objects.get(quote__startswith="the Prosecutor General named")
    sentence = Evidence.objects.get(kind="court_ruling")
    testimony = Evidence.objects.get(kind="court_testimony")
    investigation = Evidence.objects.get(kind="official_statement")

    # "last year" in an article dated 2024-01-11: the year, and no month.
    assert massimov_named.stated_on == PartialDate(2023)
    assert massimov_named.stated_on_wording == "last year"
    # "In April 2023": the month, and no day.
    assert sentence.occurred_on == PartialDate(2023, 4)
    assert sentence.occurred_on_wording == "In April 2023"
    # "In September", with no year: no date at all, only the article's bound.
    assert testimony.occurred_on is None
    assert testimony.occurred_on_wording == "In September"
    assert testimony.occurred_not_after == datetime.date(2024, 1, 11)
    assert investigation.occurred_on is None
    assert investigation.occurred_not_after == datetime.date(2024, 1, 11)
    for statement_row in Statement.objects.exclude(pk=massimov_named.pk):
        assert statement_row.stated_on is None, statement_row.quote
    assert set(Statement.objects.values_list("stated_not_after", flat=True)) == {
        datetime.date(2024, 1, 11)
    }
    for role in ActorRole.objects.all():
        assert (role.start, role.end) == (None, None)


def test_no_date_has_a_day_except_the_articles_own_date(reference_case):
    dates = [
        *Source.objects.values_list("published_on", flat=True),
        *Statement.objects.values_list("stated_on", flat=True),
        *Evidence.objects.values_list("occurred_on", flat=True),
        *StatusChange.objects.values_list("as_of", flat=True),
        *ActorRole.objects.values_list("start", flat=True),
        *ActorRole.objects.values_list("end", flat=True),
    ]

    with_day = {date for date in dates if date is not None and date.precision == "day"}
    assert with_day == {ARTICLE_DATE}


def test_the_interview_statement_names_no_outlet_and_no_date(reference_case):
    interview = statement("a group of high-ranking officials")

    assert interview.mode == QuoteMode.DIRECT
    assert interview.place == "interview"
    assert interview.stated_on is None
    assert interview.stated_on_wording == "In his latest interview"
    assert interview.stated_not_after == datetime.date(2024, 1, 11)
    assert interview.first_appearance is None


def test_outside_terrorists_is_not_attributed_to_the_interview(reference_case):
    outside = statement("outside terrorists")

    assert outside.place == ""
    assert outside.stated_on_wording == "has also continued to argue"
    assert outside.context.startswith(
        "Tokayev has also continued to argue that “outside terrorists,”"
    )


def test_tokayevs_statements_record_him_as_president(reference_case):
    tokayev = Actor.objects.get(slug="kassym-jomart-tokayev")
    statements = Statement.objects.filter(speaker=tokayev)

    assert statements.count() == 6
    for row in statements:
        assert row.speaker_role.title == "President"


def test_the_reported_statements_keep_the_articles_attribution_in_their_context(reference_case):
    coup = statement("peaceful protests were exploited to carry out a parallel coup")
    named = Statement.objects.get(quote__startswith="the Prosecutor General named")

    for row in (coup, named):
        assert row.mode == QuoteMode.REPORTED
        assert row.speaker.slug == "prosecutor-generals-office"
        assert row.speaker_role is None
    assert "including the Prosecutor General’s Office" in coup.context  # noqa: RUF001
    assert "the Prosecutor General named" in named.context


@pytest.mark.parametrize(("slug", "expected"), ASSESSED.items())
def test_an_assessed_claim_has_the_articles_status_and_reason_recorded_once_by_the_import(
    reference_case, slug, expected
):
    status, reason = expected
    claim = Claim.objects.get(slug=slug)
    (change,) = claim.status_changes.all()

    assert claim.status == status
    assert (change.old_status, change.new_status) == ("", status)
    assert change.reason == reason
    assert change.as_of == ARTICLE_DATE
    assert change.recorded_by.username == IMPORT_USERNAME
    assert claim.status_changed_at == change.recorded_at


def test_each_status_change_cites_the_article_evidence_that_carries_its_assessment(
    reference_case,
):
    outside = Claim.objects.get(slug="outside-terrorists-were-main-protagonists")
    force = Claim.objects.get(slug="law-enforcement-avoided-force-in-initial-clashes")

    (outside_cited,) = outside.status_changes.get().evidence.all()
    (force_cited,) = force.status_changes.get().evidence.all()
    assert outside_cited.summary == UNCONFIRMED_REASON
    assert force_cited.summary == DISPUTED_REASON
    assert outside_cited.kind == force_cited.kind == "reporting"
    assert outside_cited.source.title == force_cited.source.title == "Not Everyone Fits the Mold"


def test_unconfirmed_is_context_and_disagreement_contradicts_and_nothing_is_rounded_up_to_support(
    reference_case,
):
    stances = {
        (link.claim.slug, link.evidence.kind): link.stance
        for link in ClaimEvidence.objects.select_related("claim", "evidence")
    }

    assert stances == {
        ("outside-terrorists-were-main-protagonists", "reporting"): Stance.CONTEXT,
        ("law-enforcement-avoided-force-in-initial-clashes", "reporting"): Stance.CONTRADICTS,
        # A treason sentence is not a finding that Massimov organized the events.
        ("massimov-among-organizers-of-january-events", "court_ruling"): Stance.CONTEXT,
        # The article reports the trials and the Abish case under "the organizers"; it does not
        # say they support the claim, so they are context for it, not evidence for it.
        ("january-events-organized-by-high-ranking-officials", "court_ruling"): Stance.CONTEXT,
        ("january-events-organized-by-high-ranking-officials", "court_testimony"): Stance.CONTEXT,
        ("january-events-organized-by-high-ranking-officials", "official_statement"): (
            Stance.CONTEXT
        ),
    }


@pytest.mark.parametrize("slug", UNASSESSED)
def test_the_claims_the_article_does_not_assess_have_no_status_and_no_history(reference_case, slug):
    claim = Claim.objects.get(slug=slug)

    assert claim.status == ""
    assert claim.status_changed_at is None
    assert not claim.status_changes.exists()


def test_every_claim_belongs_to_the_january_2022_topic_and_carries_its_statements(
    reference_case, reference_data
):
    topic = Topic.objects.get(slug="january-2022-events-qandy-qantar")
    quotes = {item["key"]: item["quote"] for item in reference_data["statements"]}

    assert topic.name == "January 2022 events (Qandy Qantar)"
    assert Claim.objects.count() == len(reference_data["claims"]) == 7
    for item in reference_data["claims"]:
        claim = Claim.objects.get(slug=item["slug"])
        assert list(claim.topics.all()) == [topic]
        assert set(claim.statements.values_list("quote", flat=True)) == {
            quotes[key] for key in item["statements"]
        }
    assert not Statement.objects.filter(claims__isnull=True).exists()


def test_the_law_enforcement_statement_is_linked_to_the_disagreement_it_contradicts(
    reference_case, article_text
):
    (link,) = ContradictionLink.objects.all()

    assert {link.end_a, link.end_b} == {
        statement("law enforcement agencies"),
        Evidence.objects.get(summary=DISPUTED_REASON),
    }
    for fragment in CURLY_QUOTED.findall(link.explanation):
        assert fragment in article_text
    assert link.created_by == User.objects.get(username=IMPORT_USERNAME)


def test_everything_is_published_and_recorded_by_the_import_account(reference_case):
    account = User.objects.get(username=IMPORT_USERNAME)

    for publishable in (Statement, Claim, Evidence):
        assert publishable.objects.exists()
        assert not publishable.objects.drafts().exists()
        assert set(publishable.objects.values_list("published_by", flat=True)) == {account.pk}
    for model in (Source, Topic, Actor, ActorRole, ActorRelation, Statement, Evidence, Claim):
        assert set(model.objects.values_list("created_by", flat=True)) == {account.pk}


def test_the_import_account_is_labelled_not_staff_and_nobody_can_log_in_with_it(reference_case):
    account = User.objects.get(username=IMPORT_USERNAME)

    assert account.get_full_name() == "Reference case import (automated account, not a person)"
    assert not account.has_usable_password()
    assert not account.is_staff
    assert not account.is_superuser
    # Active only because Django grants an inactive user no permission at all.
    assert account.is_active
    assert list(account.groups.values_list("name", flat=True)) == ["Fact-checker"]


def test_every_name_role_and_relation_cites_a_source(reference_case):
    article = Source.objects.get(title="Not Everyone Fits the Mold")
    wikipedia = Source.objects.get(title="Kassym-Jomart Tokayev")

    for name in ActorName.objects.all():
        # A Latin Kazakh name generated from a Cyrillic one cites that name's source.
        generated = name.kind == "transliteration" and name.language == "kk"
        expected = wikipedia if name.script == Script.CYRILLIC or generated else article
        assert name.source == expected, name
    assert set(ActorRole.objects.values_list("source", flat=True)) == {article.pk}
    assert set(ActorRelation.objects.values_list("source", flat=True)) == {article.pk}


def test_only_tokayev_has_names_in_cyrillic_and_they_cite_wikipedia(reference_case):
    cyrillic = ActorName.objects.filter(script=Script.CYRILLIC).order_by("language")

    assert [(name.actor.slug, name.language, name.value) for name in cyrillic] == [
        ("kassym-jomart-tokayev", "kk", "Қасым-Жомарт Тоқаев"),
    ]


def test_the_actors_roles_and_relation_say_only_what_the_article_says(reference_case):
    roles = {
        role.actor.slug: (role.title, role.organisation.slug if role.organisation else None)
        for role in ActorRole.objects.select_related("actor", "organisation")
    }
    (relation,) = ActorRelation.objects.all()

    assert roles == {
        "kassym-jomart-tokayev": ("President", None),
        "nursultan-nazarbayev": ("President", None),
        "karim-massimov": ("chairman", "national-security-committee"),
        "samat-abish": ("first deputy", "national-security-committee"),
    }
    assert ActorRole.objects.get(actor__slug="samat-abish").note.startswith("at the time")
    assert ActorRole.objects.get(actor__slug="karim-massimov").note.startswith("former")
    assert (relation.subject.slug, relation.kind, relation.other.slug) == (
        "samat-abish",
        "nephew_or_niece_of",
        "nursultan-nazarbayev",
    )
    knb = Actor.objects.get(slug="national-security-committee")
    assert knb.display_name("en") == "National Security Committee"
    assert set(knb.names.values_list("value", flat=True)) == {"National Security Committee", "KNB"}


# Loading again


def test_loading_twice_creates_nothing_and_changes_no_row(reference_case):
    before = all_rows()

    report = load_reference_case()

    assert not report.created_anything
    assert report.found["statements"] == 8
    assert all_rows() == before


def test_loading_again_keeps_a_curators_edits_and_statuses(reference_case, editor, fact_checker):
    # Published records: each edit is a public correction.
    note = "Edited by a curator."
    article = Source.objects.get(title="Not Everyone Fits the Mold")
    services.source_update(
        by=editor,
        source=article,
        changes={"url": "https://example.org/not-everyone-fits-the-mold"},
        correction_note=note,
    )
    services.claim_update(
        by=editor,
        claim=Claim.objects.get(slug="massimov-among-organizers-of-january-events"),
        changes={"text": note},
        correction_note=note,
    )
    services.topic_update(
        by=editor,
        topic=Topic.objects.get(slug="january-2022-events-qandy-qantar"),
        changes={"name": "Qandy Qantar"},
        correction_note=note,
    )
    services.actor_role_update(
        by=editor,
        role=ActorRole.objects.filter(actor__slug="samat-abish").order_by("pk")[0],
        changes={"note": note},
        correction_note=note,
    )
    services.record_correct(
        by=editor, record=statement("inciters"), changes={"place": note}, note=note
    )
    services.claim_change_status(
        by=fact_checker,
        claim=Claim.objects.get(slug="peaceful-protests-exploited-for-parallel-coup"),
        new_status=ClaimStatus.UNCONFIRMED,
        expected_status="",
        reason="Assessed by a curator: no investigation or court has confirmed it.",
    )
    before = all_rows()

    report = load_reference_case()

    assert not report.created_anything
    assert all_rows() == before
    assert Source.objects.get(pk=article.pk).url == "https://example.org/not-everyone-fits-the-mold"
    assert Claim.objects.get(slug="peaceful-protests-exploited-for-parallel-coup").status == (
        ClaimStatus.UNCONFIRMED
    )


def test_loading_again_adds_back_only_what_is_missing(reference_case, editor):
    # Removed from published records through corrections, as a curator would.
    services.claim_evidence_delete(
        by=editor,
        link=ClaimEvidence.objects.get(
            evidence__kind="court_ruling",
            claim__slug="massimov-among-organizers-of-january-events",
        ),
        correction_note="Removed by a curator.",
    )
    knb = ActorName.objects.get(value="KNB")
    services.actor_update(
        by=editor,
        actor=knb.actor,
        changes={},
        names=services.RowEdits(removed=[knb]),
        correction_note="Removed by a curator.",
    )
    before = row_counts()

    report = load_reference_case()

    assert report.created == {"evidence for claims": 1, "actor names": 1}
    after = row_counts()
    assert after["claims.ClaimEvidence"] == before["claims.ClaimEvidence"] + 1
    assert after["claims.ActorName"] == before["claims.ActorName"] + 1
    assert {label: count for label, count in after.items() if before[label] == count} == {
        label: count
        for label, count in before.items()
        if label not in {"claims.ClaimEvidence", "claims.ActorName", "claims.Correction"}
    }


def test_a_misspelt_field_in_the_file_stops_the_load_and_writes_nothing(
    role_groups, reference_data, tmp_path
):
    data = json.loads(json.dumps(reference_data))
    data["statements"][3]["qoute"] = data["statements"][3].pop("quote")
    path = tmp_path / "misspelt.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(ValueError, match="qoute"):
        load_reference_case(path)

    assert not Source.objects.exists()
    assert not Statement.objects.exists()


def test_a_reference_to_a_key_the_file_does_not_define_stops_the_load(
    role_groups, reference_data, tmp_path
):
    data = json.loads(json.dumps(reference_data))
    data["claims"][0]["statements"] = ["no-such-statement"]
    path = tmp_path / "dangling.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(ValueError, match="no-such-statement"):
        load_reference_case(path)

    assert not Claim.objects.exists()


def test_the_command_reports_what_it_created_and_then_what_it_found(role_groups):
    first, second = StringIO(), StringIO()

    call_command("load_reference_case", stdout=first)
    call_command("load_reference_case", stdout=second)

    assert "statements: 8 created, 0 found" in first.getvalue()
    assert "status changes: 2 created, 0 found" in first.getvalue()
    assert "statements: 0 created, 8 found" in second.getvalue()
    assert "nothing created" in second.getvalue()


def test_the_command_refuses_clearly_when_the_role_groups_are_missing(db):
    Group.objects.all().delete()

    with pytest.raises(CommandError, match="migrate"):
        call_command("load_reference_case", stdout=StringIO())
    assert not Source.objects.exists()
