"""`/ready` says whether the database answers, to probes that send no cookie and want none.

The 503 is real: the test points the site's database connection at a local port where nothing
listens, and back again.
"""

import socket
from collections.abc import Callable, Iterator

import pytest
from django.db import connection


@pytest.mark.django_db
def test_it_answers_200_in_json_when_the_database_answers(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/ready")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ready", "database": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_it_sets_no_cookie_and_opens_no_session(client):
    response = client.get("/ready")

    assert not response.cookies
    assert "Set-Cookie" not in response
    assert "Vary" not in response


@pytest.mark.django_db
def test_it_answers_a_probe_on_the_containers_own_address_over_plain_http(client, settings):
    # A production site: HTTPS only, on its public name; the probe knows neither.
    settings.ALLOWED_HOSTS = ["claims.example.org"]
    settings.SECURE_SSL_REDIRECT = True

    probe = client.get("/ready", headers={"host": "127.0.0.1:8000"})
    page = client.get("/en/", headers={"host": "127.0.0.1:8000"})

    assert probe.status_code == 200
    assert page.status_code == 400


@pytest.mark.django_db
def test_it_answers_head_and_leaves_other_paths_to_the_site(client):
    assert client.head("/ready").status_code == 200
    assert client.get("/ready/").status_code == 404
    assert client.post("/ready").status_code != 200


@pytest.fixture
def unreachable_database(transactional_db: None) -> Iterator[Callable[[], None]]:
    """Points the site's connection at a local port that is bound, so nothing else takes it,
    but not listening, so every connection is refused. Yields what points it back."""
    saved = dict(connection.settings_dict)

    def reachable_again() -> None:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)

    with socket.socket() as closed_port:
        closed_port.bind(("127.0.0.1", 0))
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port.getsockname()[1]))
        try:
            yield reachable_again
        finally:
            reachable_again()


def test_it_answers_503_in_json_while_the_database_is_unreachable(client, unreachable_database):
    response = client.get("/ready")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def test_it_is_ready_again_once_the_database_answers(client, unreachable_database):
    assert client.get("/ready").status_code == 503

    unreachable_database()

    assert client.get("/ready").status_code == 200
