"""A write that committed never answers 500: the client gets the status of its write with what
the transaction wrote, so it has no reason to send the write again and duplicate it."""

import pytest

from claimtracker.claims.models import Source, Statement
from tests.api.test_writes import statement_body
from tests.factories import ActorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.edge_urls")]


@pytest.fixture
def speaker():
    return ActorFactory(slug="tokayev")


def test_a_statement_whose_reread_fails_is_still_a_201_with_what_was_written(
    as_user, journalist, speaker
):
    response = as_user(journalist).post("/api/v1/statements-gone/", statement_body())

    assert response.status_code == 201
    statement = Statement.objects.get()
    assert response.json()["id"] == statement.pk
    assert response.json()["quote"] == "outside terrorists"
    assert response["Location"] == f"/api/v1/statements/{statement.pk}/"
    assert Source.objects.filter(title="Not Everyone Fits the Mold").count() == 1


def test_a_statement_that_cannot_be_shown_is_a_201_with_its_address(as_user, journalist, speaker):
    response = as_user(journalist).post("/api/v1/statements-unshowable/", statement_body())

    assert response.status_code == 201
    statement = Statement.objects.get()
    assert response.json() == {
        "id": statement.pk,
        "url": f"http://testserver/api/v1/statements/{statement.pk}/",
    }
    assert response["Location"] == f"/api/v1/statements/{statement.pk}/"
