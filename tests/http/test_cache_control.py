"""Public pages, feeds and exports may be kept by a CDN; nothing personal ever may."""

import pytest
from django.http import HttpResponse
from django.urls import reverse
from knox.models import AuthToken

from claimtracker.cdn.policy import SharedCachePolicyMiddleware
from claimtracker.claims.models import Claim
from tests.http.conftest import REFERENCE_CLAIM

pytestmark = pytest.mark.django_db

SHARED = {"public", "max-age=0", "s-maxage=300", "stale-while-revalidate=30"}


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


PUBLIC = {
    "claim": lambda: reverse("web:claim", kwargs={"slug": REFERENCE_CLAIM}),
    "home": lambda: reverse("web:home"),
    "feed": lambda: reverse("web:feed"),
    "claim feed": lambda: reverse("web:claim-feed", kwargs={"slug": REFERENCE_CLAIM}),
    "sitemap": lambda: "/sitemap.xml",
    "export": lambda: reverse(
        "api:export:file", kwargs={"collection": "claims", "file_format": "csv"}
    ),
    "claimreview feed": lambda: reverse("api:export:claimreview"),
}


@pytest.mark.parametrize("kind", PUBLIC)
def test_a_cdn_may_keep_a_public_response_a_browser_revalidates_it(
    client, reference, purge_receiver, kind
):
    response = client.get(PUBLIC[kind]())

    assert response.status_code == 200
    assert directives(response) == SHARED
    assert response["ETag"].startswith('W/"')


@pytest.mark.parametrize("kind", PUBLIC)
def test_a_304_carries_the_same_caching_policy(client, reference, purge_receiver, kind):
    etag = client.get(PUBLIC[kind]())["ETag"]

    again = client.get(PUBLIC[kind](), headers={"If-None-Match": etag})

    assert again.status_code == 304
    assert directives(again) == SHARED


def test_an_export_unchanged_since_the_client_fetched_it_is_not_sent_again(client, reference):
    address = PUBLIC["export"]()
    first = client.get(address)
    b"".join(first.streaming_content)

    again = client.get(address, headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304
    assert again.content == b""


def test_without_purges_a_cdn_must_revalidate_every_request(client, reference):
    # CDN_PURGE_URL unset: s-maxage 0, nothing served stale.
    response = client.get(PUBLIC["claim"]())

    assert directives(response) == {
        "public",
        "max-age=0",
        "s-maxage=0",
        "stale-while-revalidate=0",
    }


def test_the_admin_is_private_and_never_stored(client, reference, purge_receiver, editor):
    client.force_login(editor)

    response = client.get("/admin/claims/claim/")

    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)
    assert "Surrogate-Key" not in response
    assert "Cache-Tag" not in response


def test_the_admin_sign_in_form_is_private_and_never_stored(client, reference, purge_receiver):
    response = client.get("/admin/login/")

    assert {"private", "no-store"} <= directives(response)
    assert "public" not in directives(response)


def test_an_api_answer_that_depends_on_who_asks_is_private(client, reference, purge_receiver):
    response = client.get(f"/api/v1/claims/{REFERENCE_CLAIM}/")

    assert response.status_code == 200
    assert "private" in directives(response)
    assert "public" not in directives(response)
    assert "Surrogate-Key" not in response


def test_an_api_answer_to_a_token_is_private_and_never_stored(
    client, reference, purge_receiver, editor
):
    _instance, token = AuthToken.objects.create(editor)

    response = client.get("/api/v1/claims/", headers={"Authorization": f"Token {token}"})

    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)


def test_an_api_write_is_private_and_never_stored(client, reference, purge_receiver, editor):
    _instance, token = AuthToken.objects.create(editor)

    response = client.post(
        "/api/v1/claims/",
        {"slug": "a-new-claim", "text": "A new claim."},
        content_type="application/json",
        headers={"Authorization": f"Token {token}"},
    )

    assert response.status_code == 201
    assert {"private", "no-store"} <= directives(response)
    assert "Surrogate-Key" not in response


def test_a_page_with_a_form_that_sets_the_csrf_cookie_is_private(client, reference, purge_receiver):
    claim = Claim.objects.get(slug=REFERENCE_CLAIM)

    form = client.get(reverse("reports:new", kwargs={"kind": "claim", "pk": claim.pk}))

    assert form.status_code == 200
    assert form.cookies
    assert {"private", "no-store"} <= directives(form)
    assert "Surrogate-Key" not in form


def test_a_signed_in_curator_still_gets_the_shared_public_page(
    client, reference, purge_receiver, editor
):
    client.force_login(editor)

    response = client.get(PUBLIC["claim"]())

    # The page reads no session: the curator's copy is the readers' copy.
    assert directives(response) == SHARED
    assert "Set-Cookie" not in response


def public_response(**headers: str) -> HttpResponse:
    response = HttpResponse("the same for everyone, or so the view says")
    response["Cache-Control"] = "public, max-age=0, s-maxage=300"
    response["Surrogate-Key"] = "lists"
    response["Cache-Tag"] = "lists"
    for name, value in headers.items():
        response[name] = value
    return response


def test_a_response_that_sets_a_cookie_is_made_private_whatever_its_view_said(rf):
    def view(request):
        response = public_response()
        response.set_cookie("chosen", "1")
        return response

    response = SharedCachePolicyMiddleware(view)(rf.get("/"))

    assert directives(response) == {"private", "no-store"}
    assert "Surrogate-Key" not in response
    assert "Cache-Tag" not in response


def test_a_response_that_varies_on_authorization_is_made_private(rf):
    middleware = SharedCachePolicyMiddleware(lambda request: public_response(Vary="Authorization"))

    anonymous = middleware(rf.get("/"))
    with_token = middleware(rf.get("/", headers={"Authorization": "Token abc"}))

    assert directives(anonymous) == {"private", "no-cache"}
    assert directives(with_token) == {"private", "no-store"}
