"""Helpers of the search tests: published claims, with translations, made as curators make them."""

import pytest

from claimtracker.claims import services
from claimtracker.claims.models import ClaimTranslation
from tests.factories import ClaimFactory


@pytest.fixture
def published_claim(fact_checker):
    """``published_claim(text, ru=..., kk=...)``: a published claim, its translations written
    while it was a draft (a published claim's translations change only with a correction)."""

    def make(text, **translations):
        claim = ClaimFactory(text=text)
        for language, translated in translations.items():
            ClaimTranslation.objects.create(
                claim=claim, language=language, script="Cyrl", text=translated
            )
        return services.record_publish(by=fact_checker, record=claim)

    return make
