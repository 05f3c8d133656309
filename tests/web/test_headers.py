"""Strict headers on every kind of response: a public page, JSON, an export, the admin, the docs.

Each is fetched over HTTPS (``secure=True``) as a deployment serves it, and once over plain
HTTP, since the policy must not depend on the transport.
"""

import pytest
from django.urls import reverse

from claimtracker.claims import services
from tests.factories import ClaimFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db

# The policy the issue asks for, directive by directive.
PUBLIC_POLICY = {
    "default-src": {"'none'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
}


def policy(response) -> dict[str, set[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = set(values)
    return directives


@pytest.fixture
def claim(fact_checker):
    statement = services.record_publish(by=fact_checker, record=StatementFactory())
    claim = ClaimFactory(slug="a-claim", statements=[statement])
    return services.record_publish(by=fact_checker, record=claim)


@pytest.fixture
def responses(client, claim):
    """One response of each kind, fetched over HTTPS."""
    source = SourceFactory()
    export = client.get("/api/v1/export/claims.csv", secure=True)
    # Read the stream to its end, as a download does: the export's snapshot transaction
    # stays open until then.
    b"".join(export.streaming_content)
    return {
        "html page": client.get(claim.get_absolute_url(), secure=True),
        "json": client.get(f"/api/v1/sources/{source.pk}/", secure=True),
        "json list": client.get("/api/v1/claims/", secure=True),
        "export": export,
        "admin login": client.get(reverse("admin:login"), secure=True),
        "not found": client.get("/en/claims/no-such-claim/", secure=True),
    }


KINDS = ["html page", "json", "json list", "export", "admin login", "not found"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_response_carries_the_full_content_security_policy(responses, kind):
    response = responses[kind]

    assert response.status_code in {200, 404}, kind
    assert policy(response) == PUBLIC_POLICY


@pytest.mark.parametrize("kind", KINDS)
def test_every_response_carries_the_other_security_headers(responses, kind):
    response = responses[kind]

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_policy_has_no_inline_code_eval_or_nonce(client, claim):
    header = client.get(claim.get_absolute_url())["Content-Security-Policy"]

    for loophole in ("unsafe-inline", "unsafe-eval", "nonce-", "unsafe-hashes", "*"):
        assert loophole not in header


def test_the_same_policy_is_sent_over_plain_http(client, claim):
    response = client.get(claim.get_absolute_url())

    assert policy(response) == PUBLIC_POLICY


def test_a_public_page_is_the_same_bytes_on_every_request(client, claim):
    # No nonce or token in a public page: a cache may hand one copy to every reader.
    first = client.get(claim.get_absolute_url(), secure=True)
    second = client.get(claim.get_absolute_url(), secure=True)

    assert first.content == second.content
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]


def test_a_cross_origin_read_of_the_api_still_works_under_the_resource_policy(client, claim):
    # CORP governs no-cors embedding only; a CORS read (fetch from another site) is unaffected.
    response = client.get(
        "/api/v1/claims/", secure=True, headers={"Origin": "https://newsroom.example"}
    )

    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_swagger_ui_loads_its_start_up_script_as_a_file_and_allows_only_data_icons(client):
    page = client.get("/api/v1/docs/", secure=True)
    script = client.get("/api/v1/docs/?script=", secure=True)

    html = page.content.decode()
    assert '<script src="/api/v1/docs/?script="></script>' in html
    assert "<style" not in html
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    expected = {**PUBLIC_POLICY, "img-src": {"'self'", "data:"}}
    assert policy(page) == expected
    assert page["Cross-Origin-Opener-Policy"] == "same-origin"


def test_redoc_gets_only_its_two_style_hashes_and_its_search_worker(client):
    page = client.get("/api/v1/redoc/", secure=True)

    directives = policy(page)
    assert "<style" not in page.content.decode()
    assert directives["script-src"] == {"'self'"}
    assert directives["worker-src"] == {"'self'", "blob:"}
    assert {value for value in directives["style-src"] if not value.startswith("'sha256-")} == {
        "'self'"
    }
    assert len(directives["style-src"]) == 3
    assert directives["default-src"] == {"'none'"}


def test_the_browsable_api_allows_style_attributes_but_no_inline_script(client, claim):
    page = client.get("/api/v1/claims/", secure=True, headers={"Accept": "text/html"})

    directives = policy(page)
    assert page["Content-Type"].startswith("text/html")
    assert directives["style-src-attr"] == {"'unsafe-inline'"}
    assert directives["script-src"] == {"'self'"}
    assert "'unsafe-inline'" not in directives["style-src-elem"]


def test_https_responses_carry_hsts_in_production(client, claim, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    response = client.get(claim.get_absolute_url(), secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


# Transport, as production sets it (tests/test_settings.py checks production's values are these).


@pytest.fixture
def production_transport(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"


@pytest.mark.parametrize("kind", ["html page", "json", "json list", "export", "admin login"])
def test_hsts_holds_for_a_year_with_subdomains_on_every_kind_of_response(
    production_transport, responses, kind
):
    assert responses[kind]["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def test_a_page_asked_over_plain_http_is_redirected_to_https(production_transport, client, claim):
    response = client.get(claim.get_absolute_url())

    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{claim.get_absolute_url()}"


@pytest.mark.parametrize(
    "path", ["/api/v1/claims/", "/api/v1/export/claims.csv", "/api/v1/auth/token/"]
)
def test_the_api_over_plain_http_is_refused_not_redirected(production_transport, client, path):
    response = client.get(path)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"][0]["code"] == "https_required"
    assert "Location" not in response


def cookie_attributes(response, name):
    cookie = response.cookies[name]
    return {
        "secure": bool(cookie["secure"]),
        "httponly": bool(cookie["httponly"]),
        "samesite": cookie["samesite"],
        "path": cookie["path"],
        "domain": cookie["domain"],
    }


HOST_COOKIE = {"secure": True, "httponly": True, "samesite": "Lax", "path": "/", "domain": ""}


def test_the_csrf_and_session_cookies_are_host_cookies_secure_httponly_and_samesite(
    production_transport, client, journalist
):
    login = client.get(reverse("admin:login"), secure=True)
    token = login.cookies["__Host-csrftoken"].value
    signed_in = client.post(
        reverse("admin:login"),
        {
            "username": journalist.username,
            "password": "correct horse battery staple",
            "csrfmiddlewaretoken": token,
        },
        secure=True,
    )

    assert cookie_attributes(login, "__Host-csrftoken") == HOST_COOKIE
    assert signed_in.status_code == 302
    assert cookie_attributes(signed_in, "__Host-sessionid") == HOST_COOKIE
