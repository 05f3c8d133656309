"""The audit trail: every edit recorded by the database with who, when and why; append-only.

pghistory's triggers record it, with the context the application attaches (docs/operations.md).
"""

from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from claimtracker.claims import audit, services
from claimtracker.claims.models import event_models
from tests.factories import ActorNameFactory, StatementFactory

STATEMENT_EVENTS: Any = apps.get_model("claims", "StatementEvent")


def published_statement(by):
    return services.record_publish(by=by, record=StatementFactory(quote="Outside terrorists."))


def statement_events(statement):
    return list(STATEMENT_EVENTS.objects.filter(pgh_obj_id=statement.pk).order_by("pgh_id"))


@pytest.fixture
def admin_client_as(client):
    def log_in(user):
        client.force_login(user)
        return client

    return log_in


@pytest.mark.django_db
def test_an_admin_edit_of_a_draft_is_one_event_with_the_curator_and_the_change_message(
    admin_client_as, journalist
):
    statement = StatementFactory(quote="Draft words.", place="")
    before = len(statement_events(statement))
    url = reverse("admin:claims_statement_change", args=[statement.pk])
    page = admin_client_as(journalist).get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["stated_on"] = str(statement.stated_on or "")
    data["place"] = "A press conference"

    response = admin_client_as(journalist).post(url, data)

    assert response.status_code == 302, (
        getattr(response, "context", None) and response.context["adminform"].form.errors
    )
    events = statement_events(statement)
    assert len(events) == before + 1
    event = events[-1]
    assert event.pgh_label == "update"
    assert event.pgh_context["user"] == journalist.pk
    assert event.pgh_context["url"] == url
    assert "Place" in event.pgh_context["why"]
    [entry] = [e for e in audit.history_of(statement) if e.label == "update"]
    assert entry.who == journalist.username
    assert [(c.field, c.before, c.after) for c in entry.changes] == [
        ("place", "", "A press conference")
    ]


@pytest.mark.django_db
def test_an_api_correction_is_one_event_with_the_fact_checker_and_the_public_note(
    client, fact_checker
):
    statement = published_statement(fact_checker)
    before = len(statement_events(statement))
    client.force_login(fact_checker)

    response = client.post(
        f"/api/v1/statements/{statement.pk}/corrections/",
        {"note": "The quote was cut short.", "changes": {"quote": "Outside terrorists, he said."}},
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    events = statement_events(statement)
    assert len(events) == before + 1
    assert events[-1].pgh_context["user"] == fact_checker.pk
    assert events[-1].pgh_context["why"] == "The quote was cut short."
    latest = audit.history_of(statement)[0]
    assert latest.who == fact_checker.username
    assert [(c.field, c.before, c.after) for c in latest.changes] == [
        ("quote", "Outside terrorists.", "Outside terrorists, he said.")
    ]


@pytest.mark.django_db
def test_the_admin_history_page_lists_who_why_and_the_diff(admin_client_as, editor, fact_checker):
    statement = published_statement(fact_checker)
    services.record_correct(
        by=fact_checker, record=statement, changes={"place": "Akorda"}, note="Place was missing."
    )

    page = admin_client_as(editor).get(
        reverse("admin:claims_statement_history", args=[statement.pk])
    )

    assert page.status_code == 200
    text = page.content.decode()
    assert fact_checker.username in text
    assert "Place was missing." in text
    assert "<ins>Akorda</ins>" in text


@pytest.mark.django_db
def test_an_actor_history_includes_its_names(admin_client_as, editor):
    name = ActorNameFactory(value="Tokayev")
    with audit.context(user=editor.pk, why="Spelling"):
        name.value = "Tokaev"
        name.save()

    entries = audit.history_of(name.actor)

    assert any(
        e.what == "actor name"
        and ("value", "Tokayev", "Tokaev") in [(c.field, c.before, c.after) for c in e.changes]
        for e in entries
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "operation", ["UPDATE {table} SET pgh_label = 'forged'", "DELETE FROM {table}"]
)
def test_the_database_refuses_to_rewrite_an_event(fact_checker, operation):
    statement = published_statement(fact_checker)
    table = STATEMENT_EVENTS._meta.db_table
    before = [(e.pgh_id, e.pgh_label, e.quote) for e in statement_events(statement)]

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(operation.format(table=table))

    assert [(e.pgh_id, e.pgh_label, e.quote) for e in statement_events(statement)] == before


@pytest.mark.django_db
def test_every_event_table_refuses_update_and_delete():
    with connection.cursor() as cursor:
        for model in event_models():
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [model._meta.db_table],
            )
            names = {row[0] for row in cursor.fetchall()}
            assert any("append_only" in name for name in names), model


@pytest.mark.django_db
def test_the_admin_history_says_the_database_records_the_trail(admin_client_as, editor):
    statement = StatementFactory()

    page = admin_client_as(editor).get(
        reverse("admin:claims_statement_history", args=[statement.pk])
    )

    assert page.status_code == 200
    assert "recorded by the database itself" in page.content.decode()


@pytest.mark.django_db
def test_a_commands_writes_are_recorded_with_the_commands_name(role_groups):
    call_command("load_reference_case", stdout=StringIO())

    quote = "outside terrorists"
    events = STATEMENT_EVENTS.objects.filter(quote__icontains=quote)
    assert events.exists()
    assert {event.pgh_context["command"] for event in events} == {"load_reference_case"}
