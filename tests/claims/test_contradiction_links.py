"""Contradiction links: typed ends, never to itself, one row per pair whichever way round."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from claimtracker.claims import services
from claimtracker.claims.models import ContradictionLink
from tests.factories import ClaimFactory, EvidenceFactory, StatementFactory

pytestmark = pytest.mark.django_db


def link(by, first, second, explanation="The court found the opposite."):
    return services.contradiction_link_create(
        by=by, first=first, second=second, explanation=explanation
    )


def test_a_fact_checker_links_a_statement_and_the_evidence_against_it(fact_checker):
    statement, evidence = StatementFactory(), EvidenceFactory()
    result = link(fact_checker, evidence, statement)
    assert (result.end_a, result.end_b) == (statement, evidence)
    assert result.created_by == fact_checker


def test_a_and_b_is_the_same_link_as_b_and_a(fact_checker):
    first, second = StatementFactory(), StatementFactory()
    link(fact_checker, second, first)
    with pytest.raises(ValidationError, match="already linked"):
        link(fact_checker, first, second)
    assert ContradictionLink.objects.count() == 1


@pytest.mark.parametrize("factory", [StatementFactory, ClaimFactory, EvidenceFactory])
def test_nothing_contradicts_itself(fact_checker, factory):
    item = factory()
    with pytest.raises(ValidationError, match="cannot contradict itself"):
        link(fact_checker, item, item)
    assert not ContradictionLink.objects.exists()


def test_the_database_refuses_a_self_link_or_a_reversed_duplicate_written_directly():
    statement, other = StatementFactory(), StatementFactory()
    low, high = sorted([statement, other], key=lambda s: s.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContradictionLink.objects.create(a_statement=low, b_statement=low, explanation="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        ContradictionLink.objects.create(a_statement=high, b_statement=low, explanation="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        ContradictionLink.objects.create(
            a_statement=low, a_claim=ClaimFactory(), b_statement=high, explanation="x"
        )
    assert not ContradictionLink.objects.exists()


def test_a_journalist_cannot_link_contradictions(journalist):
    with pytest.raises(PermissionDenied):
        link(journalist, StatementFactory(), EvidenceFactory())


def test_a_link_needs_an_explanation(fact_checker):
    with pytest.raises(ValidationError):
        link(fact_checker, StatementFactory(), EvidenceFactory(), explanation="  ")
