"""POST /statements/<id>/corrections/ and /evidence/<id>/corrections/: through the services."""

import pytest

from claimtracker.claims import services
from claimtracker.claims.models import Correction, Evidence, Statement
from tests.factories import EvidenceFactory, StatementFactory

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Statement.objects.order_by("pk").values()),
        list(Evidence.objects.order_by("pk").values()),
        list(Correction.objects.order_by("pk").values()),
    )


def test_a_fact_checker_corrects_a_statement_and_gets_the_correction(as_user, fact_checker):
    statement = services.record_publish(by=fact_checker, record=StatementFactory(quote="Two."))

    response = as_user(fact_checker).post(
        f"/api/v1/statements/{statement.pk}/corrections/",
        {"note": "Misquoted.", "changes": {"quote": "Twenty."}},
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "correction"
    assert body["statement"] == statement.pk
    assert body["changes"] == [
        {"field": "quote", "label": "quote", "before": "Two.", "after": "Twenty."}
    ]
    statement.refresh_from_db()
    assert statement.quote == "Twenty."


def test_an_editor_withdraws_evidence(as_user, editor):
    evidence = services.record_publish(by=editor, record=EvidenceFactory())

    response = as_user(editor).post(
        f"/api/v1/evidence/{evidence.pk}/corrections/",
        {"kind": "withdrawal", "note": "Retracted by its publisher."},
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    evidence.refresh_from_db()
    assert evidence.is_withdrawn


@pytest.mark.parametrize(
    ("who", "body", "status"),
    [
        ("journalist", {"note": "N.", "changes": {"place": "X"}}, 403),
        ("fact_checker", {"note": "", "changes": {"place": "X"}}, 400),
        ("fact_checker", {"note": "N."}, 400),
        ("fact_checker", {"note": "N.", "changes": {"published_at": None}}, 400),
        ("fact_checker", {"kind": "withdrawal", "note": "N.", "changes": {"place": "X"}}, 400),
        ("fact_checker", {"note": "N.", "changes": {"place": "Astana"}}, 400),
    ],
)
def test_refused_corrections_change_nothing(request, as_user, fact_checker, who, body, status):
    statement = services.record_publish(by=fact_checker, record=StatementFactory(place="Astana"))
    before = snapshot()

    response = as_user(request.getfixturevalue(who)).post(
        f"/api/v1/statements/{statement.pk}/corrections/", body, content_type="application/json"
    )

    assert response.status_code == status, response.content
    assert snapshot() == before


def test_anonymous_clients_cannot_correct(anonymous, fact_checker):
    statement = services.record_publish(by=fact_checker, record=StatementFactory())
    before = snapshot()

    response = anonymous.post(
        f"/api/v1/statements/{statement.pk}/corrections/",
        {"note": "N.", "changes": {"place": "X"}},
        content_type="application/json",
    )

    assert response.status_code == 401
    assert snapshot() == before
