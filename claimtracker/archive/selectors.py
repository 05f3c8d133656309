"""Reads: what the archive knows about a source, from its captures."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from claimtracker.archive.models import Capture, Outcome
from claimtracker.claims.models import Source


class State:
    """A source's archive state, as pages and the API name it."""

    NOT_ARCHIVED = "not_archived"
    FAILED = "failed"
    ARCHIVED = "archived"
    CHANGED = "changed"
    GONE = "gone"


LABELS = {
    State.NOT_ARCHIVED: _("not archived yet"),
    State.FAILED: _("could not be archived"),
    State.ARCHIVED: _("archived; unchanged since cited"),
    State.CHANGED: _("changed since cited"),
    State.GONE: _("gone since cited"),
}


@dataclass
class ArchiveState:
    """A source's archive state: the copy as cited (its first capture), and what re-checks
    found since."""

    state: str
    cited: Capture | None = None
    latest: Capture | None = None
    since: datetime.datetime | None = None
    # The captures that stored a copy, and every capture, oldest first.
    copies: list[Capture] = field(default_factory=list)
    captures: list[Capture] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(LABELS[self.state])


def archive_state(captures: Iterable[Capture]) -> ArchiveState:
    """The state from a source's captures, in any order (no query)."""
    ordered = sorted(captures, key=lambda capture: (capture.captured_at, capture.pk))
    if not ordered:
        return ArchiveState(State.NOT_ARCHIVED)
    copies = [capture for capture in ordered if capture.outcome == Outcome.CAPTURED]
    if not copies:
        return ArchiveState(State.FAILED, latest=ordered[-1], captures=ordered)
    cited = copies[0]
    telling = [
        capture
        for capture in ordered
        if capture.pk != cited.pk
        and capture.captured_at >= cited.captured_at
        and capture.outcome in (Outcome.CAPTURED, Outcome.GONE)
    ]
    state = ArchiveState(
        State.ARCHIVED, cited=cited, latest=ordered[-1], copies=copies, captures=ordered
    )
    if telling and telling[-1].outcome == Outcome.GONE:
        state.state = State.GONE
        # Since the first of the latest run of "gone" answers.
        for capture in reversed(telling):
            if capture.outcome != Outcome.GONE:
                break
            state.since = capture.captured_at
    elif telling and telling[-1].content_sha256 != cited.content_sha256:
        state.state = State.CHANGED
        state.since = next(
            capture.captured_at
            for capture in telling
            if capture.outcome == Outcome.CAPTURED
            and capture.content_sha256 != cited.content_sha256
        )
    return state


def source_archive_state(source: Source) -> ArchiveState:
    """Runs a query (the source's captures) unless they were prefetched (``with_captures``)."""
    return archive_state(source.captures.all())
