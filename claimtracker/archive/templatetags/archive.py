"""Archive state on pages: ``{% source_archive source %}`` and, in the admin,
``{% statement_quote_check statement %}``. Each runs one query (the source's captures) unless
the captures were prefetched."""

from __future__ import annotations

from typing import Any

from django import template

from claimtracker.archive.models import Capture, Outcome, QuoteCheck
from claimtracker.archive.selectors import source_archive_state
from claimtracker.archive.storage import read_blob
from claimtracker.archive.text import find_quote
from claimtracker.claims.models import Source, Statement

register = template.Library()


@register.inclusion_tag("archive/source_archive.html")
def source_archive(source: Source) -> dict[str, Any]:
    return {"source": source, "archive": source_archive_state(source)}


@register.inclusion_tag("archive/source_notice.html")
def source_notice(source: Source) -> dict[str, Any]:
    """One line where a source is cited: said only when its page changed or vanished since."""
    return {"source": source, "archive": source_archive_state(source)}


@register.inclusion_tag("archive/admin/quote_check.html")
def statement_quote_check(statement: Statement) -> dict[str, Any]:
    """The latest check of the statement's quote; for a statement entered after its source was
    captured, the check is made here (not stored: the next capture stores it)."""
    check = QuoteCheck.objects.filter(statement=statement).select_related("capture").first()
    if check is None:
        capture = (
            Capture.objects.filter(source_id=statement.source_id, outcome=Outcome.CAPTURED)
            .exclude(text_sha256="")
            .order_by("-captured_at")
            .first()
        )
        if capture is not None:
            found = find_quote(statement.quote, read_blob(capture.text_sha256).decode())
            check = QuoteCheck(
                statement=statement,
                capture=capture,
                found=found is not None,
                excerpt=found[1] if found else "",
            )
    return {"check": check}
