"""A statement posted with a source that has no address reuses the source already recorded
with the same title, publisher and date, as one with a known address does: the guide's
example statement (docs/api.md) cites the reference case's article and creates no copy."""

import pytest
from django.core.exceptions import ValidationError

from claimtracker.claims import services
from claimtracker.claims.models import Source, Statement
from claimtracker.seeding.reference import load_reference_case
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db

# The guide's example, as docs/api.md gives it.
GUIDE_STATEMENT = {
    "speaker": "kassym-jomart-tokayev",
    "quote": "outside terrorists",
    "language": "en",
    "stated_on_wording": "has also continued to argue",
    "stated_not_after": "2024-01-11",
    "source": {
        "title": "Not Everyone Fits the Mold",
        "language": "en",
        "published_on": "2024-01-11",
    },
}


def test_the_guides_statement_cites_the_reference_cases_article_without_copying_it(
    as_user, journalist
):
    load_reference_case()
    article = Source.objects.get(title="Not Everyone Fits the Mold")
    sources = Source.objects.count()

    for _ in range(2):
        response = as_user(journalist).post("/api/v1/statements/", GUIDE_STATEMENT)
        assert response.status_code == 201, response.content
        assert response.json()["source"]["id"] == article.pk

    assert Source.objects.count() == sources
    assert Statement.objects.filter(source=article, quote="outside terrorists").count() == 3


def test_a_new_source_without_an_address_posted_twice_is_one_row_per_publisher(as_user, journalist):
    speaker = ActorFactory()
    body = {
        "speaker": speaker.slug,
        "quote": "words",
        "language": "en",
        "source": {
            "title": "Leaflet",
            "publisher": "A party",
            "language": "en",
            "published_on": "2023",
        },
    }

    for _ in range(2):
        assert as_user(journalist).post("/api/v1/statements/", body).status_code == 201

    assert Source.objects.filter(title="Leaflet").count() == 1
    # Another publisher's leaflet of the same name is another source.
    body["source"]["publisher"] = "Another party"
    assert as_user(journalist).post("/api/v1/statements/", body).status_code == 201
    assert Source.objects.filter(title="Leaflet").count() == 2


def test_entering_the_same_source_without_an_address_again_is_refused(journalist):
    services.source_create(
        by=journalist, title="Leaflet", publisher="A party", language="en", published_on=None
    )

    with pytest.raises(ValidationError, match="already recorded"):
        services.source_create(by=journalist, title="Leaflet", publisher="A party", language="en")

    assert Source.objects.filter(title="Leaflet").count() == 1
