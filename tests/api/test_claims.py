"""/api/v1/claims/: claims with their status, statements, evidence and history, per persona."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken

from claimtracker.claims.models import ClaimStatus, StatusChange
from tests.api.records import (
    correct_with_translated_note,
    publish,
    published_claim,
    rich_claim,
    rich_draft_claim,
    set_status,
)
from tests.factories import ActorFactory, ClaimFactory, StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/claims/"


def detail(claim):
    return f"/api/v1/claims/{claim.slug}/"


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def corrected_rich_claim(by):
    """``rich_claim``, its text corrected with a note translated into Russian."""
    claim = rich_claim(by).claim
    return correct_with_translated_note(
        by,
        claim,
        {"text": f"{claim.text} (as worded in the statement)"},
        note="The wording was made exact.",
        russian="Формулировка уточнена.",
    )


# Who sees what


def test_an_anonymous_reader_lists_published_claims_only(anonymous, fact_checker):
    published = publish(ClaimFactory(), fact_checker)
    ClaimFactory()

    assert slugs(anonymous.get(LIST)) == [published.slug]


def test_publishing_a_claim_shows_an_anonymous_reader_every_statement_and_evidence_it_cites(
    anonymous, fact_checker
):
    # A published claim never holds a draft: publishing it published the draft statement and
    # evidence it cited, so the anonymous reader sees the same claim a curator does, history
    # included, and can open every part of it.
    rich = rich_claim(fact_checker)

    body = anonymous.get(detail(rich.claim)).json()

    statements = [rich.statement.pk, rich.drafted_statement.pk]
    assert sorted(item["id"] for item in body["statements"]) == sorted(statements)
    evidence = [rich.evidence.pk, rich.drafted_evidence.pk]
    assert sorted(link["evidence"]["id"] for link in body["evidence"]) == sorted(evidence)
    cited = [sorted(item["id"] for item in change["evidence"]) for change in body["status_changes"]]
    assert cited == [[rich.drafted_evidence.pk], sorted(evidence)]
    for part in [*body["statements"], *(link["evidence"] for link in body["evidence"])]:
        assert anonymous.get(part["url"]).status_code == 200


def test_a_draft_claim_and_the_drafts_inside_it_are_not_found_for_an_anonymous_reader(
    anonymous, fact_checker
):
    draft = rich_draft_claim(fact_checker)

    assert anonymous.get(detail(draft.claim)).status_code == 404
    assert anonymous.get(f"/api/v1/statements/{draft.drafted_statement.pk}/").status_code == 404
    assert anonymous.get(f"/api/v1/evidence/{draft.drafted_evidence.pk}/").status_code == 404


@pytest.mark.parametrize("persona", ["journalist", "fact_checker", "editor"])
def test_staff_in_a_role_see_drafts_inside_a_claim_and_draft_claims(readers, fact_checker, persona):
    published = rich_claim(fact_checker)
    draft = rich_draft_claim(fact_checker)
    client = readers[persona]

    body = client.get(detail(draft.claim)).json()

    assert body["published_at"] is None
    assert {item["id"] for item in body["statements"]} == {
        draft.statement.pk,
        draft.drafted_statement.pk,
    }
    assert {link["evidence"]["id"] for link in body["evidence"]} == {
        draft.evidence.pk,
        draft.drafted_evidence.pk,
    }
    assert set(slugs(client.get(LIST))) == {published.claim.slug, draft.claim.slug}


def test_staff_without_a_role_see_only_what_anonymous_readers_see(readers, fact_checker):
    rich = rich_claim(fact_checker)
    draft = rich_draft_claim(fact_checker)

    as_outsider = readers["outsider"]

    assert slugs(as_outsider.get(LIST)) == [rich.claim.slug]
    public = readers["anonymous"].get(detail(rich.claim)).json()
    assert as_outsider.get(detail(rich.claim)).json() == public
    assert as_outsider.get(detail(draft.claim)).status_code == 404


def test_a_draft_claim_is_not_found_for_an_anonymous_reader(anonymous):
    draft = ClaimFactory()

    response = anonymous.get(detail(draft))

    assert response.status_code == 404
    assert response.json() == {
        "errors": [
            {"code": "not_found", "message": "No Claim matches the given query.", "field": None}
        ]
    }


def test_a_journalist_with_a_token_sees_draft_claims(anonymous, journalist):
    draft = ClaimFactory()
    _token, key = AuthToken.objects.create(journalist)

    response = anonymous.get(detail(draft), headers={"Authorization": f"Token {key}"})

    assert response.status_code == 200
    assert response.json()["slug"] == draft.slug


# What a claim says


def test_a_claim_nobody_assessed_has_no_status_which_is_not_unconfirmed(anonymous, fact_checker):
    claim = publish(ClaimFactory(), fact_checker)

    body = anonymous.get(detail(claim)).json()

    assert body["status"] is None
    assert body["status_label"] == "No status yet"
    assert body["status_changed_at"] is None
    assert body["status_changes"] == []


def test_a_claim_gives_its_status_in_words_and_its_history_oldest_first(anonymous, fact_checker):
    rich = rich_claim(fact_checker)

    body = anonymous.get(detail(rich.claim)).json()

    assert (body["status"], body["status_label"]) == ("refuted", "Refuted")
    history = [
        (change["old_status"], change["old_status_label"], change["new_status_label"])
        for change in body["status_changes"]
    ]
    assert history == [
        (None, "No status", "Unconfirmed"),
        ("unconfirmed", "Unconfirmed", "Refuted"),
    ]
    first = body["status_changes"][0]
    assert first["as_of"] == "2024-01-11"
    assert first["reason"] == "Two courts found otherwise, in rulings published in full."
    assert first["url"] == f"http://testserver/api/v1/status-changes/{rich.changes[0].pk}/"


def test_a_claim_gives_each_evidence_stance_in_code_and_words(anonymous, fact_checker):
    rich = rich_claim(fact_checker)

    links = anonymous.get(detail(rich.claim)).json()["evidence"]

    stances = {link["evidence"]["title"]: (link["stance"], link["stance_label"]) for link in links}
    assert stances == {
        rich.evidence.title: ("contradicts", "Contradicts"),
        rich.drafted_evidence.title: ("supports", "Supports"),
    }


def test_a_claim_links_to_itself_its_public_page_and_its_contradiction_links(
    anonymous, fact_checker
):
    rich = rich_claim(fact_checker)
    slug = rich.claim.slug

    body = anonymous.get(detail(rich.claim)).json()

    assert body["url"] == f"http://testserver/api/v1/claims/{slug}/"
    assert body["page_url"] == f"http://testserver/claims/{slug}/"
    assert body["contradiction_links_url"] == (
        f"http://testserver/api/v1/contradiction-links/?claim={slug}"
    )
    assert body["topics"][0]["url"].startswith("http://testserver/api/v1/topics/")


# Filters


def test_claims_filter_by_status(anonymous, fact_checker):
    disputed = published_claim(fact_checker, basis_for=ClaimStatus.DISPUTED)
    set_status(disputed, fact_checker, ClaimStatus.DISPUTED)
    unconfirmed = publish(ClaimFactory(), fact_checker)
    set_status(unconfirmed, fact_checker, ClaimStatus.UNCONFIRMED)
    unassessed = publish(ClaimFactory(), fact_checker)

    assert slugs(anonymous.get(LIST, {"status": "disputed"})) == [disputed.slug]
    assert slugs(anonymous.get(LIST, {"status": "unconfirmed"})) == [unconfirmed.slug]
    assert slugs(anonymous.get(LIST, {"status": "none"})) == [unassessed.slug]


def test_claims_filter_by_the_actor_whose_statements_assert_them(anonymous, fact_checker):
    speaker = ActorFactory()
    theirs = publish(
        ClaimFactory(statements=[publish(StatementFactory(speaker=speaker), fact_checker)]),
        fact_checker,
    )
    publish(ClaimFactory(statements=[publish(StatementFactory(), fact_checker)]), fact_checker)

    assert slugs(anonymous.get(LIST, {"actor": speaker.slug})) == [theirs.slug]


def test_filtering_claims_by_actor_ignores_draft_statements_unless_the_reader_sees_drafts(
    anonymous, as_user, editor, fact_checker
):
    # A published speaker's draft statement can only assert a draft claim: publishing a claim
    # publishes the statements asserting it.
    speaker = publish(ActorFactory(), fact_checker)
    claim = ClaimFactory(statements=[StatementFactory(speaker=speaker)])

    assert slugs(anonymous.get(LIST, {"actor": speaker.slug})) == []
    assert slugs(as_user(editor).get(LIST, {"actor": speaker.slug})) == [claim.slug]


def test_a_claim_asserted_in_several_of_an_actors_statements_is_listed_once(
    anonymous, fact_checker
):
    speaker = ActorFactory()
    statements = [publish(StatementFactory(speaker=speaker), fact_checker) for _ in range(3)]
    claim = publish(ClaimFactory(statements=statements), fact_checker)

    assert slugs(anonymous.get(LIST, {"actor": speaker.slug})) == [claim.slug]


def test_no_status_combines_with_the_actor_filter(anonymous, fact_checker):
    speaker = ActorFactory()
    unassessed = publish(
        ClaimFactory(statements=[publish(StatementFactory(speaker=speaker), fact_checker)]),
        fact_checker,
    )
    assessed = published_claim(
        fact_checker,
        basis_for=ClaimStatus.DISPUTED,
        statements=[publish(StatementFactory(speaker=speaker), fact_checker)],
    )
    set_status(assessed, fact_checker, ClaimStatus.DISPUTED)

    found = anonymous.get(LIST, {"actor": speaker.slug, "status": "none"})

    assert slugs(found) == [unassessed.slug]


def test_claims_filter_by_topic(anonymous, fact_checker):
    topic = TopicFactory()
    under_topic = ClaimFactory()
    under_topic.topics.add(topic)  # before publishing, which publishes the topic with it
    publish(under_topic, fact_checker)
    publish(ClaimFactory(), fact_checker)

    assert slugs(anonymous.get(LIST, {"topic": topic.slug})) == [under_topic.slug]


def test_claims_filter_by_when_their_status_last_changed(anonymous, fact_checker):
    early = published_claim(fact_checker, basis_for=ClaimStatus.DISPUTED)
    set_status(early, fact_checker, ClaimStatus.DISPUTED)
    late = published_claim(fact_checker, basis_for=ClaimStatus.DISPUTED)
    set_status(late, fact_checker, ClaimStatus.DISPUTED)
    publish(ClaimFactory(), fact_checker)  # no status: never matches a change date
    moment = (late.status_changed_at).isoformat()

    assert slugs(anonymous.get(LIST, {"changed_since": moment})) == [late.slug]
    assert slugs(anonymous.get(LIST, {"changed_before": moment})) == [early.slug]
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    assert set(slugs(anonymous.get(LIST, {"changed_before": tomorrow}))) == {early.slug, late.slug}


@pytest.mark.parametrize(
    ("parameter", "value", "code"),
    [
        ("status", "true", "invalid_choice"),
        ("status", "", None),
        ("actor", "nobody-by-this-slug", "invalid_choice"),
        ("topic", "no-such-topic", "invalid_choice"),
        ("changed_since", "yesterday", "invalid"),
        ("changed_before", "2024-13-01", "invalid"),
        ("changed_before", "9999-12-31T23:00:00-05:00", "invalid"),
    ],
)
def test_a_malformed_claim_filter_is_a_400_naming_the_parameter(anonymous, parameter, value, code):
    response = anonymous.get(LIST, {parameter: value})

    if code is None:  # an empty value filters nothing
        assert response.status_code == 200
        return
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert (error["field"], error["code"]) == (parameter, code)
    assert error["message"]


def test_filtering_by_a_draft_claims_actor_slug_reveals_nothing_about_it(anonymous):
    """An unknown actor and an actor with only drafts (a draft itself) answer the same way."""
    StatementFactory(speaker=ActorFactory(slug="only-drafts"))

    drafts_only = anonymous.get(LIST, {"actor": "only-drafts"})
    unknown = anonymous.get(LIST, {"actor": "nobody"})

    assert (drafts_only.status_code, unknown.status_code) == (400, 400)
    assert drafts_only.json()["errors"][0]["code"] == unknown.json()["errors"][0]["code"]


# Corrections


def test_an_anonymous_reader_sees_the_russian_translation_of_a_claim_correction_note(
    anonymous, fact_checker
):
    correction = corrected_rich_claim(fact_checker)

    body = anonymous.get(detail(correction.claim)).json()

    (embedded,) = (item for item in body["corrections"] if item["id"] == correction.pk)
    assert embedded["note"] == "The wording was made exact."
    assert [
        (translation["field"], translation["language"], translation["text"])
        for translation in embedded["translations"]
    ] == [("note", "ru", "Формулировка уточнена.")]


# Query counts


def test_the_claim_list_runs_as_many_queries_for_many_claims_as_for_one(
    anonymous, fact_checker, django_assert_num_queries
):
    corrected_rich_claim(fact_checker)
    # The page of claims, then one query each for: corrections, their notes' translations,
    # topics, topic names, statements, their speakers' names, evidence links, status changes,
    # the evidence they cite, the status changes' translations and the claims' translations.
    # (First the record's stamp: an anonymous reader's page is kept under it, web.caching.)
    with django_assert_num_queries(13):
        one = anonymous.get(LIST)
    for _ in range(4):
        corrected_rich_claim(fact_checker)

    with django_assert_num_queries(13):
        many = anonymous.get(LIST)

    assert (len(slugs(one)), len(slugs(many))) == (1, 5)


def test_the_claim_list_for_a_curator_adds_only_the_login_and_permission_queries(
    as_user, editor, fact_checker
):
    client = as_user(editor)
    rich_claim(fact_checker)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for _ in range(4):
        rich_claim(fact_checker)

    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST)

    assert len(slugs(response)) == 5
    # Session, user, the user's permissions and the group's permissions.
    assert len(one) == len(many) == 11 + 4


def test_a_status_change_appears_in_the_claim_at_once(anonymous, fact_checker):
    claim = published_claim(fact_checker, basis_for=ClaimStatus.CONFIRMED)
    set_status(claim, fact_checker, ClaimStatus.CONFIRMED)

    body = anonymous.get(detail(claim)).json()

    assert body["status"] == "confirmed"
    assert len(body["status_changes"]) == StatusChange.objects.filter(claim=claim).count() == 1
