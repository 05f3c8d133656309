"""One query read with some of PostgreSQL's planner choices turned off, and explained as run.

Used where the planner's estimates lead it astray on this data: the search (a prefix term
estimated at a few percent of the rows whatever the word, ``selectors_search``) and an actor's
tally (``selectors.actor_tally``). The bench and the tests explain every query a page ran with
``explain``, under the settings it was sent with.
"""

from __future__ import annotations

from typing import Any

from django.db import connections, transaction


def planned(
    sql: str, params: Any, settings: tuple[str, ...], *, using: str = "default"
) -> list[tuple[Any, ...]]:
    """The rows of ``sql``, read with the planner's ``settings`` (``enable_*``) turned off for
    this query only: ``SET LOCAL`` in the same round trip, set back to the default before it
    returns, so no other query of the transaction is affected, in a transaction or not.
    (Several statements in one ``execute`` need Django's default client-side binding.)
    """
    off = "; ".join(f"SET LOCAL {setting} = off" for setting in settings)
    back = "; ".join(f"SET LOCAL {setting} TO DEFAULT" for setting in settings)
    with connections[using].cursor() as cursor:
        # Callers pass SQL Django compiled, or built around it: every value is a parameter.
        cursor.execute(f"{off}; {sql}; {back}", params)
        for _ in settings:  # the SETs' results come first
            cursor.nextset()
        return list(cursor.fetchall())


def explain(sql: str, options: str = "", using: str = "default") -> list[Any]:
    """The rows of ``EXPLAIN (options)`` for a query as run, also one that ``planned`` sent
    with its planner settings (``SET LOCAL …; SELECT …; SET LOCAL …``): explained under those
    settings. For the bench and the tests, which explain every query a page ran."""
    statements = sql.split("; ")
    settings = [each for each in statements if each.startswith("SET LOCAL")]
    (query,) = [each for each in statements if not each.startswith("SET LOCAL")]
    before = [each for each in settings if not each.endswith("TO DEFAULT")]
    after = [each for each in settings if each.endswith("TO DEFAULT")]
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for setting in before:
            cursor.execute(setting)
        cursor.execute(f"EXPLAIN ({options}) {query}" if options else f"EXPLAIN {query}")
        rows = list(cursor.fetchall())
        for setting in after:
            cursor.execute(setting)
    return rows
