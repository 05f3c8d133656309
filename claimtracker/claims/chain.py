"""History anyone can verify: each status change and correction is hashed into a chain.

Every entry of a record's history (a claim's status changes; a record's corrections) carries
``hash`` = SHA-256 of the previous entry's hash and of the entry's own content, as canonical
JSON whose keys are the export's column names, so the chain can be recomputed from the published
files alone. ``manage.py verify_history`` recomputes it from the database; docs/export.md
("Verifying the history") gives the same check as a standalone script over a release.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q
from django.utils import timezone

# The fields each kind of entry's hash covers: every one is a column of its export collection
# (docs/export.md), so that anyone can recompute the hash from the files.
STATUS_CHANGE_FIELDS = (
    "claim_id",
    "old_status",
    "new_status",
    "as_of",
    "reason",
    "recorded_at",
    "evidence_ids",
)
CORRECTION_FIELDS = ("record_type", "record_id", "kind", "note", "changes", "recorded_at")


def canonical(content: dict[str, Any]) -> bytes:
    """JSON with sorted keys, no spaces and UTF-8 text: one byte string per content."""
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def entry_hash(previous: str, content: dict[str, Any]) -> str:
    return hashlib.sha256(previous.encode("ascii") + b"\n" + canonical(content)).hexdigest()


def utc_timestamp(value: datetime.datetime) -> str:
    """A time as the export writes it (UTC, always with microseconds): hashed in that form."""
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _recorded_at(entry: Any) -> datetime.datetime:
    """The entry's time; set now when it has none yet (``db_default`` fills it only on INSERT,
    after the hash is needed). Microseconds survive the database, so the hash still matches."""
    if not isinstance(entry.recorded_at, datetime.datetime):
        entry.recorded_at = timezone.now()
    value: datetime.datetime = entry.recorded_at
    return value


def status_change_content(change: Any, evidence_ids: Iterable[int]) -> dict[str, Any]:
    """What a status change's hash covers: everything a reader is told about it."""
    return {
        "claim_id": change.claim_id,
        "old_status": change.old_status or None,
        "new_status": change.new_status,
        "as_of": str(change.as_of),
        "reason": change.reason,
        "recorded_at": utc_timestamp(_recorded_at(change)),
        "evidence_ids": sorted(evidence_ids),
    }


def correction_target(correction: Any) -> tuple[str, int]:
    """The kind of record a correction is of, and its id."""
    from claimtracker.claims.models.corrections import TARGETS

    for name in TARGETS:
        record_id = getattr(correction, f"{name}_id")
        if record_id is not None:
            return name, int(record_id)
    raise ValueError(f"correction {correction.pk} has no target")


def correction_content(correction: Any) -> dict[str, Any]:
    """What a correction's hash covers: its record, kind, note, changes and time."""
    record_type, record_id = correction_target(correction)
    return {
        "record_type": record_type,
        "record_id": record_id,
        "kind": correction.kind,
        "note": correction.note,
        "changes": correction.changes,
        "recorded_at": utc_timestamp(_recorded_at(correction)),
    }


def _latest_hash(entries: Any, before: int | None) -> str:
    """The hash of the latest entry of a chain (by id: the order entries were written in, under
    the record's lock), or of the latest before id ``before``."""
    if before is not None:
        entries = entries.filter(pk__lt=before)
    latest = entries.order_by("-pk").values_list("hash", flat=True).first()
    return str(latest or "")


def seal_status_change(change: Any, evidence_ids: Iterable[int]) -> None:
    """Set ``previous_hash`` and ``hash`` of a status change about to be saved (the database
    refuses any later UPDATE). Call it under the claim's lock, with the evidence it cites.
    Runs a query."""
    change.previous_hash = _latest_hash(
        type(change).objects.filter(claim_id=change.claim_id), change.pk
    )
    change.hash = entry_hash(change.previous_hash, status_change_content(change, evidence_ids))


def seal_correction(correction: Any) -> None:
    """Set ``previous_hash`` and ``hash`` of a correction whose ``changes`` are final (it may
    already be saved: its own transaction may still fill those in). Call it under the record's
    lock. Runs a query."""
    record_type, record_id = correction_target(correction)
    same_record = type(correction).objects.filter(**{f"{record_type}_id": record_id})
    correction.previous_hash = _latest_hash(same_record, correction.pk)
    correction.hash = entry_hash(correction.previous_hash, correction_content(correction))


# Verification.


@dataclass(frozen=True)
class Break:
    """The first entry of a chain whose hashes do not match its content and predecessor."""

    kind: str  # "status change" or "correction"
    entry_id: int
    record: str  # e.g. "claim 12", "statement 401"
    problem: str

    def __str__(self) -> str:
        return f"{self.kind} {self.entry_id} of {self.record}: {self.problem}"


@dataclass
class Verification:
    checked: dict[str, int] = field(default_factory=dict)
    breaks: list[Break] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.breaks


def check_entry(
    previous: str, content: dict[str, Any], stored_previous: str, stored_hash: str
) -> str | None:
    """What is wrong with one entry given the hash of the one before it, or None."""
    if stored_previous != previous:
        return "its previous_hash is not the hash of the entry before it"
    if stored_hash != entry_hash(previous, content):
        return "its hash does not match its content"
    return None


def _verify_chains(
    kind: str, entries: Iterator[tuple[str, int, dict[str, Any], str, str]], result: Verification
) -> None:
    """``entries``: (record, id, content, previous_hash, hash), grouped by record, by id."""
    chain_of, previous, broken = None, "", False
    count = 0
    for record, entry_id, content, stored_previous, stored_hash in entries:
        count += 1
        if record != chain_of:
            chain_of, previous, broken = record, "", False
        if broken:
            continue
        problem = check_entry(previous, content, stored_previous, stored_hash)
        if problem is not None:
            # Only a chain's first break is named: every entry after it is suspect anyway.
            result.breaks.append(Break(kind, entry_id, record, problem))
            broken = True
        previous = stored_hash
    result.checked[kind] = count


def verify_history() -> Verification:
    """Recompute every chain of the database; name each chain's first break. Reads every
    status change and correction, in batches, in a few queries."""
    from claimtracker.claims.models import Correction, StatusChange

    result = Verification()
    changes = (
        StatusChange.objects.order_by("claim_id", "pk")
        .annotate(
            evidence_ids=ArrayAgg(
                "statuschangeevidence__evidence_id",
                filter=Q(statuschangeevidence__isnull=False),
                default=[],
            )
        )
        .iterator(chunk_size=2000)
    )
    _verify_chains(
        "status change",
        (
            (
                f"claim {change.claim_id}",
                change.pk,
                status_change_content(change, change.evidence_ids),
                change.previous_hash,
                change.hash,
            )
            for change in changes
        ),
        result,
    )
    # Corrections are few next to status changes: grouped by record here rather than in SQL.
    corrections = sorted(
        Correction.objects.order_by("pk").iterator(chunk_size=2000),
        key=lambda correction: (correction_target(correction), correction.pk),
    )
    _verify_chains(
        "correction",
        (
            (
                "{} {}".format(*correction_target(correction)),
                correction.pk,
                correction_content(correction),
                correction.previous_hash,
                correction.hash,
            )
            for correction in corrections
        ),
        result,
    )
    return result
