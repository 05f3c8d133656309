"""Archive state on pages: ``{% source_archive source %}`` and, in the admin,
``{% statement_quote_check statement %}``. Each runs one query (the source's captures) unless
the captures were prefetched."""

from __future__ import annotations

from typing import Any

from django import template

from claimtracker.archive.models import QuoteCheck
from claimtracker.archive.selectors import source_archive_state
from claimtracker.archive.services import latest_copy, quote_check, quote_sha256
from claimtracker.archive.storage import read_blob
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
    """The latest stored check of the statement's quote as it now reads, in its source; until
    the worker has stored one (moments after an edit), the check is made here, not stored."""
    check = (
        QuoteCheck.objects.filter(
            statement=statement,
            quote_sha256=quote_sha256(statement.quote),
            capture__source_id=statement.source_id,
        )
        .select_related("capture")
        .first()
    )
    if check is None and (capture := latest_copy(statement.source_id)) is not None:
        check = quote_check(
            statement=statement, capture=capture, text=read_blob(capture.text_sha256).decode()
        )
    return {"check": check}
