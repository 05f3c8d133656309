"""A source's archive state as SQL, for the bulk export (``claimtracker/api/export``).

The same rule as ``selectors.archive_state``, which pages and the API use, written for a
``COPY`` that streams every published source in one statement: Python cannot run per row there.
``tests/archive/test_export.py`` checks the two agree on every state.

Each piece is aggregated once over the whole captures table and joined by source, never looked
up row by row (as the export's other arrays are, ``collections.array_join``).
"""

# Built from constants only (table names, outcome codes): hence no S608.
# ruff: noqa: S608

from __future__ import annotations

from claimtracker.archive.models import Capture, Outcome
from claimtracker.archive.selectors import State

CAPTURES = Capture._meta.db_table
CAPTURED = f"'{Outcome.CAPTURED.value}'"
GONE = f"'{Outcome.GONE.value}'"

# Each source's first stored copy: the copy as cited.
_CITED = (
    f"SELECT DISTINCT ON (c.source_id) c.source_id, c.id, c.captured_at, c.content_sha256 "
    f"FROM {CAPTURES} c WHERE c.outcome = {CAPTURED} ORDER BY c.source_id, c.captured_at, c.id"
)

# Each source's latest capture, whatever its outcome, with the hashes of what it stored: a JSON
# object keyed as the API keys them, null for a file not made, written without spaces.
_HASH_KINDS = ("content", "text", "warc", "screenshot", "pdf", "manifest")
_LATEST = (
    "SELECT DISTINCT ON (c.source_id) c.source_id, c.captured_at, c.outcome, "
    "row_to_json(h) AS sha256 "
    f"FROM {CAPTURES} c CROSS JOIN LATERAL (SELECT "
    + ", ".join(f"NULLIF(c.{kind}_sha256, '') AS {kind}" for kind in _HASH_KINDS)
    + ") h ORDER BY c.source_id, c.captured_at DESC, c.id DESC"
)

# What the re-checks after the cited copy said ("telling" in selectors.archive_state): the last
# answer, the first copy that differs from the cited one, and the first "gone" of the run of
# "gone" answers that ends the list (those with no copy after them).
_TELLING = (
    "SELECT t.source_id, "
    "(array_agg(t.outcome ORDER BY t.captured_at DESC, t.id DESC))[1] AS outcome, "
    "(array_agg(t.content_sha256 ORDER BY t.captured_at DESC, t.id DESC))[1] AS content_sha256, "
    f"min(t.captured_at) FILTER (WHERE t.outcome = {CAPTURED} "
    "AND t.content_sha256 <> t.cited_sha256) AS changed_since, "
    f"min(t.captured_at) FILTER (WHERE t.outcome = {GONE} AND t.copies_after = 0) AS gone_since "
    "FROM (SELECT c.source_id, c.id, c.captured_at, c.outcome, c.content_sha256, "
    "cited.content_sha256 AS cited_sha256, "
    f"count(*) FILTER (WHERE c.outcome = {CAPTURED}) OVER (PARTITION BY c.source_id "
    "ORDER BY c.captured_at DESC, c.id DESC "
    "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS copies_after "
    f"FROM {CAPTURES} c JOIN ({_CITED}) cited ON cited.source_id = c.source_id "
    "WHERE c.id <> cited.id AND c.captured_at >= cited.captured_at "
    f"AND c.outcome IN ({CAPTURED}, {GONE})) t "
    "GROUP BY t.source_id"
)


def archive_joins(source: str) -> str:
    """LEFT JOINs giving each row of ``source`` (a sources alias) its archive: read them through
    the expressions below."""
    return (
        f"LEFT JOIN ({_CITED}) archive_cited ON archive_cited.source_id = {source}.id "
        f"LEFT JOIN ({_LATEST}) archive_latest ON archive_latest.source_id = {source}.id "
        f"LEFT JOIN ({_TELLING}) archive_telling ON archive_telling.source_id = {source}.id"
    )


ARCHIVE_STATE_SQL = (
    f"CASE WHEN archive_latest.source_id IS NULL THEN '{State.NOT_ARCHIVED}' "
    f"WHEN archive_cited.source_id IS NULL THEN '{State.FAILED}' "
    f"WHEN archive_telling.outcome = {GONE} THEN '{State.GONE}' "
    "WHEN archive_telling.content_sha256 <> archive_cited.content_sha256 "
    f"THEN '{State.CHANGED}' ELSE '{State.ARCHIVED}' END"
)

# Only a changed or gone source has a "since"; each of the two is null otherwise.
ARCHIVE_SINCE_SQL = (
    f"CASE WHEN archive_telling.outcome = {GONE} THEN archive_telling.gone_since "
    "WHEN archive_telling.content_sha256 <> archive_cited.content_sha256 "
    "THEN archive_telling.changed_since END"
)

ARCHIVE_CITED_SHA256_SQL = "NULLIF(archive_cited.content_sha256, '')"
ARCHIVE_LATEST_AT_SQL = "archive_latest.captured_at"
ARCHIVE_LATEST_OUTCOME_SQL = "archive_latest.outcome"
ARCHIVE_LATEST_SHA256_SQL = "archive_latest.sha256"
