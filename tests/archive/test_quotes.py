"""Each statement's quote is looked for, verbatim, in the archived text of its source."""

import pytest

from claimtracker.archive.models import Capture, QuoteCheck
from claimtracker.archive.tasks import capture_source
from claimtracker.archive.text import find_quote, normalise
from claimtracker.claims import services
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


def capture(source):
    capture_source.enqueue(
        source_id=source.pk, key=f"k{source.pk}", requested_at="2026-12-03T10:00:00+00:00"
    )
    return Capture.objects.get(source=source)


def test_a_quote_typed_with_straight_marks_and_other_line_breaks_is_found(site, journalist):
    source = services.source_create(
        by=journalist, title="T", language="en", url=site.url("/speech")
    )
    statement = StatementFactory(source=source, quote='"We faced twenty thousand terrorists"')

    check = QuoteCheck.objects.get(statement=statement, capture=capture(source))

    assert check.found
    assert "The president said" in check.excerpt
    assert check.position is not None


def test_a_quote_the_page_does_not_print_is_flagged_not_found_and_the_capture_stands(
    site, journalist
):
    source = services.source_create(
        by=journalist, title="T", language="en", url=site.url("/speech")
    )
    statement = StatementFactory(source=source, quote="We faced two thousand terrorists")

    archived = capture(source)

    check = QuoteCheck.objects.get(statement=statement, capture=archived)
    assert not check.found
    assert archived.outcome == "captured"


def test_only_whitespace_and_quote_marks_are_normalised():
    assert normalise("“Twenty\n  thousand”") == '"Twenty thousand"'
    assert find_quote("twenty thousand", "Twenty thousand") is None  # case is kept
    assert find_quote("twenty thousand", "twenty-thousand") is None
