"""The read endpoints refuse every write, cleanly (never a 500), until writes are added.

When a write lands (see ``write_permissions`` in claimtracker/api/views.py), remove its row
from ``WRITES`` here and test it in the resource's own file.
"""

import pytest

from tests.api.records import publish
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

WRITES = [
    ("post", "/api/v1/sources/"),
    ("put", "/api/v1/sources/{source}/"),
    ("patch", "/api/v1/sources/{source}/"),
    ("delete", "/api/v1/sources/{source}/"),
    ("put", "/api/v1/claims/{claim}/"),
    ("patch", "/api/v1/claims/{claim}/"),
    ("delete", "/api/v1/claims/{claim}/"),
    ("post", "/api/v1/actors/"),
    ("post", "/api/v1/topics/"),
    ("post", "/api/v1/evidence/"),
    ("post", "/api/v1/status-changes/"),
]


@pytest.fixture
def targets(fact_checker):
    return {"source": SourceFactory().pk, "claim": publish(ClaimFactory(), fact_checker).slug}


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_an_anonymous_client_cannot_write(anonymous, targets, method, path):
    response = getattr(anonymous, method)(path.format(**targets), {"title": "x"})

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["errors"][0]["code"] == "not_authenticated"


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_an_editor_cannot_write_where_no_write_exists_yet(as_user, editor, targets, method, path):
    response = getattr(as_user(editor), method)(path.format(**targets), {"title": "x"})

    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "permission_denied"
