"""Writes through the API: the same permission matrix as the admin, every write through a
service in one transaction, a 201 with the new object, and a clear 4xx for every mistake."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import (
    Claim,
    ClaimStatus,
    ContradictionLink,
    Source,
    Statement,
    StatusChange,
)
from claimtracker.claims.roles import PERMISSIONS, Role
from tests.api.records import set_status
from tests.factories import (
    ActorFactory,
    ClaimEvidenceFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "outsider", "journalist", "fact_checker", "editor"]


def statement_body(**overrides):
    return {
        "speaker": "tokayev",
        "quote": "outside terrorists",
        "language": "en",
        "stated_on_wording": "in his latest interview",
        "source": {
            "title": "Not Everyone Fits the Mold",
            "language": "en",
            "published_on": "2024-01-11",
        },
        **overrides,
    }


def errors(response):
    return {(error["field"], error["code"]) for error in response.json()["errors"]}


@pytest.fixture
def speaker():
    return ActorFactory(slug="tokayev")


# Each write, how to make it, and the permission the role matrix gives it.
def write_statement(client, records):
    return client.post("/api/v1/statements/", statement_body())


def write_claim(client, records):
    return client.post("/api/v1/claims/", {"slug": "new-claim", "text": "A new claim."})


def write_status(client, records):
    return client.post(
        f"/api/v1/claims/{records['claim'].slug}/status-changes/",
        {
            "new_status": "unconfirmed",
            "expected_status": "",
            "reason": "No investigation or court has confirmed it yet.",
        },
    )


def write_publish_statement(client, records):
    return client.post(f"/api/v1/statements/{records['statement'].pk}/publish/")


def write_publish_claim(client, records):
    return client.post(f"/api/v1/claims/{records['claim'].slug}/publish/")


def write_publish_evidence(client, records):
    return client.post(f"/api/v1/evidence/{records['evidence'].pk}/publish/")


def write_link(client, records):
    return client.post(
        "/api/v1/contradiction-links/",
        {
            "first": {"kind": "statement", "id": records["statement"].pk},
            "second": {"kind": "evidence", "id": records["evidence"].pk},
            "explanation": "The court found the opposite.",
        },
    )


def write_unlink(client, records):
    return client.delete(f"/api/v1/contradiction-links/{records['link'].pk}/")


WRITES = {
    "log a statement": (write_statement, "add_statement", 201),
    "create a claim": (write_claim, "add_claim", 201),
    "change a status": (write_status, "add_statuschange", 201),
    "publish a statement": (write_publish_statement, "publish_records", 200),
    "publish a claim": (write_publish_claim, "publish_records", 200),
    "publish evidence": (write_publish_evidence, "publish_records", 200),
    "link a contradiction": (write_link, "add_contradictionlink", 201),
    "remove a link": (write_unlink, "delete_contradictionlink", 204),
}


@pytest.fixture
def records(speaker, editor):
    statement = StatementFactory(speaker=speaker)
    claim = ClaimFactory(statements=[statement])
    evidence = EvidenceFactory()
    link = services.contradiction_link_create(
        by=editor, first=claim, second=evidence, explanation="It says the opposite."
    )
    return {"statement": statement, "claim": claim, "evidence": evidence, "link": link}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("write", sorted(WRITES))
def test_each_role_may_make_exactly_the_writes_the_matrix_gives_it(
    readers, records, persona, write
):
    make, permission, success = WRITES[write]
    allowed = persona in {role.value for role in Role} and permission in PERMISSIONS[Role(persona)]

    response = make(readers[persona], records)

    if allowed:
        assert response.status_code == success, response.content
    else:
        assert response.status_code == (401 if persona == "anonymous" else 403)
        assert response.json()["errors"][0]["code"] in {"not_authenticated", "permission_denied"}


# Statements


def test_a_journalist_logs_a_statement_with_a_new_source_and_gets_it_back(
    as_user, journalist, speaker
):
    response = as_user(journalist).post("/api/v1/statements/", statement_body())

    assert response.status_code == 201
    statement = Statement.objects.get()
    assert response["Location"] == reverse("api:statement-detail", args=[statement.pk])
    assert response.json()["quote"] == "outside terrorists"
    assert response.json()["published_at"] is None
    assert statement.created_by == journalist
    assert statement.source.title == "Not Everyone Fits the Mold"


def test_a_source_sent_twice_by_its_address_is_created_once(as_user, journalist, speaker):
    client = as_user(journalist)
    for spelling in ["HTTPS://Example.org/report#top", "https://example.org/report"]:
        body = statement_body(source={"title": "Report", "language": "en", "url": spelling})
        assert client.post("/api/v1/statements/", body).status_code == 201

    assert Source.objects.filter(url="https://example.org/report").count() == 1
    assert Statement.objects.filter(source__url="https://example.org/report").count() == 2


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (statement_body(colour="red"), {("colour", "unknown_field")}),
        (statement_body(quote=5), {("quote", "invalid")}),
        (statement_body(quote="   "), {("quote", "blank")}),
        (statement_body(speaker="nobody"), {("speaker", "does_not_exist")}),
        (statement_body(stated_on="April 2023"), {("stated_on", "invalid")}),
        (statement_body(stated_on="2023-02-30"), {("stated_on", "invalid")}),
        (
            statement_body(source={"title": "x", "language": "en", "url": "javascript:alert(1)"}),
            {("source.url", "invalid")},
        ),
        (
            statement_body(source={"title": "x", "language": "en", "url": "data:text/html,hi"}),
            {("source.url", "invalid")},
        ),
    ],
)
def test_a_bad_statement_is_refused_naming_the_field_and_nothing_is_written(
    as_user, journalist, speaker, body, expected
):
    sources_before = Source.objects.count()

    response = as_user(journalist).post("/api/v1/statements/", body)

    assert response.status_code == 400
    assert expected <= errors(response)
    assert not Statement.objects.exists()
    assert Source.objects.count() == sources_before


def test_a_statement_names_its_source_once(as_user, journalist, speaker):
    existing = Source.objects.create(title="Known report", language="en")
    client = as_user(journalist)

    both = client.post("/api/v1/statements/", {**statement_body(), "source_id": existing.pk})
    neither = client.post(
        "/api/v1/statements/", {k: v for k, v in statement_body().items() if k != "source"}
    )
    by_id = client.post(
        "/api/v1/statements/",
        {**{k: v for k, v in statement_body().items() if k != "source"}, "source_id": existing.pk},
    )

    assert both.status_code == neither.status_code == 400
    assert errors(both) == errors(neither) == {("source", "required")}
    assert by_id.status_code == 201
    assert Statement.objects.get().source == existing


def test_a_statement_refused_by_the_domain_leaves_no_new_source_behind(
    as_user, journalist, speaker
):
    # The date is after its own bound: the service refuses it after the source was made.
    body = statement_body(stated_on="2024-02", stated_not_after="2024-01-11")

    response = as_user(journalist).post("/api/v1/statements/", body)

    assert response.status_code == 400
    assert ("stated_not_after", "invalid") in errors(response)
    assert not Source.objects.filter(title="Not Everyone Fits the Mold").exists()


def test_the_statement_service_writes_a_new_source_with_the_statement_or_neither(
    journalist, speaker
):
    new_source = {"title": "Fresh report", "language": "en", "url": "https://example.org/new"}
    fields = {"by": journalist, "speaker": speaker, "quote": "words", "language": "en"}

    with pytest.raises(DjangoValidationError, match="stated_not_after"):
        services.statement_create(
            **fields,
            new_source=new_source,
            stated_on=PartialDate(2024, 2),
            stated_not_after=datetime.date(2024, 1, 11),
        )
    assert not Source.objects.filter(url="https://example.org/new").exists()

    statement = services.statement_create(**fields, new_source=new_source)
    again = services.statement_create(**fields, new_source={**new_source, "title": "Copy"})
    assert statement.source == again.source == Source.objects.get(url="https://example.org/new")
    assert statement.source.created_by == journalist


def test_the_statement_service_takes_a_source_or_new_source_fields_not_both(journalist, speaker):
    source = SourceFactory()
    fields = {"by": journalist, "speaker": speaker, "quote": "words", "language": "en"}

    citations: list[dict[str, Any]] = [
        {},
        {"source": source, "new_source": {"title": "x", "language": "en"}},
    ]
    for citation in citations:
        with pytest.raises(DjangoValidationError, match="either a source or a new source"):
            services.statement_create(**fields, **citation)

    assert not Statement.objects.exists()
    assert not Source.objects.filter(title="x").exists()


def test_html_in_a_quote_is_stored_as_text_and_returned_as_text(as_user, journalist, speaker):
    quote = '<script>alert("x")</script> &amp; <b>evil</b>'
    response = as_user(journalist).post("/api/v1/statements/", statement_body(quote=quote))

    assert response.status_code == 201
    assert response.json()["quote"] == quote
    assert response["Content-Type"].startswith("application/json")


# Claims and statuses


def test_a_journalist_creates_a_draft_claim_with_no_status(as_user, journalist):
    topic = TopicFactory(slug="january-events")
    statement = StatementFactory()

    response = as_user(journalist).post(
        "/api/v1/claims/",
        {
            "slug": "outside-terrorists",
            "text": "Outside terrorists were the main protagonists.",
            "statements": [statement.pk],
            "topics": ["january-events"],
        },
    )

    assert response.status_code == 201
    claim = Claim.objects.get(slug="outside-terrorists")
    assert claim.status == ""
    assert list(claim.topics.all()) == [topic]
    assert response.json()["status"] is None


def test_a_fact_checker_changes_a_status_citing_evidence(as_user, fact_checker):
    link = ClaimEvidenceFactory(claim__slug="the-claim")

    response = as_user(fact_checker).post(
        "/api/v1/claims/the-claim/status-changes/",
        {
            "new_status": "unconfirmed",
            "expected_status": "",
            "as_of": "2024-01-11",
            "reason": "No investigation or court has confirmed it yet.",
            "evidence": [link.evidence.pk],
        },
    )

    assert response.status_code == 201
    change = StatusChange.objects.get()
    assert response["Location"] == reverse("api:statuschange-detail", args=[change.pk])
    assert change.recorded_by == fact_checker
    assert list(change.evidence.all()) == [link.evidence]
    assert Claim.objects.get(slug="the-claim").status == ClaimStatus.UNCONFIRMED


def test_a_stale_expected_status_is_a_409_and_records_nothing(as_user, fact_checker, editor):
    claim = ClaimFactory(slug="the-claim")
    set_status(claim, editor, ClaimStatus.DISPUTED)

    response = as_user(fact_checker).post(
        "/api/v1/claims/the-claim/status-changes/",
        {"new_status": "refuted", "expected_status": "", "reason": "Refuted in court."},
    )

    assert response.status_code == 409
    assert errors(response) == {(None, "stale_status")}
    assert "Disputed" in response.json()["errors"][0]["message"]
    assert StatusChange.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {"new_status": "disputed", "expected_status": "disputed", "reason": "x"},
            ("new_status", "unchanged"),
        ),
        (
            {"new_status": "pants-on-fire", "expected_status": "disputed", "reason": "x"},
            ("new_status", "invalid_choice"),
        ),
        ({"new_status": "refuted", "expected_status": "disputed"}, ("reason", "required")),
        (
            {"new_status": "refuted", "expected_status": "disputed", "reason": " "},
            ("reason", "blank"),
        ),
        (
            {
                "new_status": "refuted",
                "expected_status": "disputed",
                "reason": "x",
                "evidence": [987654],
            },
            ("evidence", "does_not_exist"),
        ),
        ({"new_status": "refuted", "reason": "x"}, ("expected_status", "required")),
        (
            {
                "new_status": "refuted",
                "expected_status": "disputed",
                "reason": "x",
                "as_of": "1999-13",
            },
            ("as_of", "invalid"),
        ),
    ],
)
def test_a_bad_status_change_is_refused_naming_the_field(as_user, fact_checker, body, expected):
    claim = ClaimFactory(slug="the-claim")
    set_status(claim, fact_checker, ClaimStatus.DISPUTED)

    response = as_user(fact_checker).post("/api/v1/claims/the-claim/status-changes/", body)

    assert response.status_code == 400
    assert expected in errors(response)
    assert StatusChange.objects.count() == 1


def test_a_fact_checker_publishes_a_claim(as_user, fact_checker, anonymous):
    ClaimFactory(slug="the-claim")
    assert anonymous.get("/api/v1/claims/the-claim/").status_code == 404

    response = as_user(fact_checker).post("/api/v1/claims/the-claim/publish/")

    assert response.status_code == 200
    assert response.json()["published_at"] is not None
    assert anonymous.get("/api/v1/claims/the-claim/").status_code == 200


# Contradiction links


def test_a_link_to_itself_or_a_reversed_duplicate_is_refused(as_user, fact_checker):
    statement, evidence = StatementFactory(), EvidenceFactory()
    client = as_user(fact_checker)

    def link(first, second):
        return client.post(
            "/api/v1/contradiction-links/",
            {"first": first, "second": second, "explanation": "They disagree."},
        )

    itself = {"kind": "statement", "id": statement.pk}
    assert link(itself, itself).status_code == 400
    assert link(itself, {"kind": "evidence", "id": evidence.pk}).status_code == 201
    reversed_pair = link({"kind": "evidence", "id": evidence.pk}, itself)
    assert reversed_pair.status_code == 400
    assert "already linked" in reversed_pair.json()["errors"][0]["message"]
    assert link(itself, {"kind": "claim", "id": 987654}).status_code == 400
    assert ContradictionLink.objects.count() == 1


# Bodies


@pytest.mark.parametrize(
    ("body", "code"),
    [(b"{not json", "parse_error"), (b'{"slug": "\xff"}', "parse_error"), (b"[1, 2]", "invalid")],
)
def test_a_body_that_is_not_a_json_object_is_a_400(as_user, journalist, body, code):
    response = as_user(journalist).generic(
        "POST", "/api/v1/claims/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == code
    assert not Claim.objects.exists()


def test_a_ten_megabyte_body_is_a_413(as_user, journalist):
    body = b'{"text": "' + b"x" * (10 * 1024 * 1024) + b'"}'

    response = as_user(journalist).generic(
        "POST", "/api/v1/claims/", body, content_type="application/json"
    )

    assert response.status_code == 413
    assert response.json()["errors"][0]["code"] == "too_large"
    assert not Claim.objects.exists()


def test_a_token_lets_a_script_write_and_is_shown_once(client, journalist, speaker):
    import base64

    basic = base64.b64encode(b"jane-journalist:correct horse battery staple").decode()
    token = client.post("/api/v1/auth/token/", HTTP_AUTHORIZATION=f"Basic {basic}").json()["token"]
    from rest_framework.test import APIClient

    script = APIClient()
    script.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    assert script.post("/api/v1/statements/", statement_body(), format="json").status_code == 201
    assert script.post("/api/v1/auth/logout/").status_code == 204
    assert script.post("/api/v1/statements/", statement_body(), format="json").status_code == 401
    from knox.models import AuthToken

    assert not AuthToken.objects.filter(digest__contains=token).exists()
