"""Who may do what in the database: the owner migrates, the application's role only works.

Migrations run as the role that owns the tables; the web processes log in as a member of the
``DATABASE_APP_ROLE`` group (migration 0009 creates it). After every ``migrate`` this module
takes away what the app never needs: rewriting history, truncating, disabling or dropping a
trigger, and skipping triggers with django-pgtrigger's ``pgtrigger.ignore`` session setting.
docs/operations.md ("Who may do what in the database") explains the split.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Warning as CheckWarning
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from pgtrigger import features

# Interpolated into SQL (identifiers take no parameters), so only a plain lower-case name.
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# What the app role does with every table, unless the table is part of the history.
TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"
# The trigger name marking an append-only table: the status history, corrections, audit events.
APPEND_ONLY = "append_only"


def app_role() -> str:
    """The NOLOGIN group the application's logins are members of (``DATABASE_APP_ROLE``)."""
    role: str = settings.DATABASE_APP_ROLE
    if not ROLE_NAME.match(role):
        raise ImproperlyConfigured(
            f"DATABASE_APP_ROLE must be a lower-case PostgreSQL name (a-z, 0-9, _): {role!r}"
        )
    return role


def ignore_function() -> str:
    """The function every pgtrigger trigger asks whether to skip itself, schema-qualified."""
    schema: str = features.schema()  # type: ignore[no-untyped-call]
    return f'"{schema}"._pgtrigger_should_ignore'


def create_app_role_sql() -> str:
    """Create the app role unless it exists (roles belong to the cluster, not the database).

    A migrating role that may not create roles gets a message saying what to run instead.
    """
    role = app_role()  # a checked plain name, safe to interpolate
    return f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                RETURN;
            END IF;
            IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user)
            THEN
                RAISE EXCEPTION 'the role {role} does not exist, and % may not create it',
                    current_user
                    USING HINT = 'As an administrator: CREATE ROLE {role} NOLOGIN; then migrate '
                        'again (docs/operations.md).';
            END IF;
            CREATE ROLE {role} NOLOGIN;
        END $$;
    """  # noqa: S608


def history_tables() -> dict[str, tuple[str, ...]]:
    """Each append-only table, with the columns its writing transaction may still fill in.

    Found from the models' ``append_only`` triggers (``frozen.SealedAtCommit`` names the late
    columns: a correction's changes and hashes), so a history table added later is covered.
    """
    from django.apps import apps

    tables: dict[str, tuple[str, ...]] = {}
    for model in apps.get_app_config("claims").get_models(include_auto_created=True):
        for trigger in getattr(model._meta, "triggers", []):
            if trigger.name == APPEND_ONLY:
                late = getattr(trigger, "sealed_late", ())
                tables[model._meta.db_table] = tuple(
                    str(field.column) for field in model._meta.concrete_fields if field.name in late
                )
    return tables


def never_ignore_sql() -> str:
    # pgtrigger's version reads the session setting pgtrigger.ignore, which any session may set
    # (SET LOCAL pgtrigger.ignore = '{pgtrigger_append_only_...}'), so the app's own credentials
    # could skip the history and publication triggers. ClaimTracker never skips a trigger: this
    # version answers no to everyone. Owned by the migrating role, so the app role cannot
    # replace it; every trigger installation puts pgtrigger's back, hence after each migrate.
    return f"""
        CREATE OR REPLACE FUNCTION {ignore_function()}(trigger_name NAME)
        RETURNS BOOLEAN LANGUAGE plpgsql AS $$
            BEGIN
                RETURN FALSE;
            END;
        $$;
        COMMENT ON FUNCTION {ignore_function()}(NAME) IS
            'ClaimTracker: triggers are never skipped (claimtracker/claims/dbroles.py)';
    """


def privilege_statements(
    *, role: str, database: str, history: dict[str, tuple[str, ...]], tables: set[str]
) -> list[str]:
    """The grants, in order, that leave ``role`` what the app needs and nothing more.

    ``tables``: the tables that exist now; history tables not among them are skipped.
    """
    quoted_database = '"' + database.replace('"', '""') + '"'
    statements = [
        # The trigger functions name their tables without a schema; a temporary table named
        # like one would come first on the search path and answer in its place (a fake
        # correction, a swallowed audit event). The app never needs temporary tables.
        f"REVOKE TEMPORARY ON DATABASE {quoted_database} FROM PUBLIC",
        f"REVOKE TEMPORARY ON DATABASE {quoted_database} FROM {role}",
        f"GRANT CONNECT ON DATABASE {quoted_database} TO {role}",
        # Already so on PostgreSQL 15 and newer; a database created by an older one still lets
        # every role create objects in public.
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {role}",
        # From nothing, so a privilege granted by hand (TRUNCATE, TRIGGER) does not linger.
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}",
        f"GRANT {TABLE_PRIVILEGES} ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        # Which migrations ran is the owner's business.
        f"REVOKE INSERT, UPDATE, DELETE ON django_migrations FROM {role}",
        # Tables the owner creates outside a migrate (createcachetable) are usable at once;
        # a history table gets its REVOKE below at the end of the migrate that creates it.
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT {TABLE_PRIVILEGES} ON TABLES TO {role}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role}",
    ]
    for table, late_columns in sorted(history.items()):
        if table not in tables:
            continue
        statements.append(f'REVOKE UPDATE, DELETE ON "{table}" FROM {role}')
        if late_columns:
            # The transaction that inserts a correction fills these in (its trigger refuses
            # any later change); column privileges keep the rest of the row out of reach.
            columns = ", ".join(f'"{column}"' for column in late_columns)
            statements.append(f'GRANT UPDATE ({columns}) ON "{table}" TO {role}')
    return statements


def lock_down(using: str = DEFAULT_DB_ALIAS) -> None:
    """Make triggers unskippable and (re)grant the app role its privileges; idempotent.

    Runs as the migrating role, which must own the tables (and the database, for the
    TEMPORARY revoke). One transaction: the app never sees a half-granted state.
    """
    connection = connections[using]
    role = app_role()
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(never_ignore_sql())
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:  # migrated back to before 0009_app_role
            return
        cursor.execute("SELECT current_database()")
        database = cursor.fetchone()[0]
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = {row[0] for row in cursor.fetchall()}
        for statement in privilege_statements(
            role=role, database=database, history=history_tables(), tables=tables
        ):
            cursor.execute(statement)


def lock_down_after_migrate(
    sender: AppConfig, using: str = DEFAULT_DB_ALIAS, **kwargs: Any
) -> None:
    # post_migrate comes after every migration has run (and after each test flush), so it
    # undoes what any trigger installation of this migrate put back.
    lock_down(using)


def triggers_honour_ignore(using: str = DEFAULT_DB_ALIAS) -> bool | None:
    """Whether pgtrigger.ignore would skip a trigger on this database (None: no triggers yet).

    Sets the setting in a transaction it rolls back.
    """
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regprocedure(%s)", [f"{ignore_function()}(name)"])
        if cursor.fetchone()[0] is None:
            return None
        with transaction.atomic(using=using):
            cursor.execute("SELECT set_config('pgtrigger.ignore', '{probe}', true)")
            cursor.execute(f"SELECT {ignore_function()}('probe')")
            honoured = bool(cursor.fetchone()[0])
            transaction.set_rollback(True, using=using)
    return honoured


def app_role_overreach(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """What the app role may do that ``lock_down`` takes away (empty: nothing; or no role yet).

    Catches a migrate run by a role that does not own the tables, whose grants and revokes
    PostgreSQL turns into mere warnings, and privileges granted by hand since.
    """
    role = app_role()
    found: list[str] = []
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            return found
        cursor.execute("SELECT has_database_privilege(%s, current_database(), 'TEMPORARY')", [role])
        if cursor.fetchone()[0]:
            found.append("TEMPORARY on the database")
        for table in sorted(history_tables()):
            cursor.execute(
                "SELECT to_regclass(%s) IS NOT NULL "
                "AND has_table_privilege(%s, to_regclass(%s), 'UPDATE, DELETE, TRUNCATE, TRIGGER')",
                [table, role, table],
            )
            if cursor.fetchone()[0]:
                found.append(f"UPDATE, DELETE, TRUNCATE or TRIGGER on {table}")
    return found


@register(Tags.database)
def check_triggers_cannot_be_skipped(
    app_configs: Sequence[AppConfig] | None = None,
    databases: Sequence[str] | None = None,
    **kwargs: Any,
) -> list[CheckMessage]:
    """``manage.py check --database default``: warns if a trigger installation outside
    ``migrate`` (``manage.py pgtrigger install``) put the session switch back, or if the app
    role holds a privilege ``migrate`` takes away."""
    messages: list[CheckMessage] = []
    for alias in databases or []:
        if triggers_honour_ignore(alias):
            messages.append(
                CheckWarning(
                    "The database's triggers can be skipped with the pgtrigger.ignore setting.",
                    hint="Run `manage.py migrate` as the owner: it makes them unskippable again.",
                    id="claims.W001",
                )
            )
        overreach = app_role_overreach(alias)
        if overreach:
            messages.append(
                CheckWarning(
                    f"The role {app_role()} may do more than the app needs: "
                    + "; ".join(overreach),
                    hint="Run `manage.py migrate` as the owner of the tables and the database.",
                    id="claims.W002",
                )
            )
    return messages
