"""Pages, API answers, feeds and exports go out compressed (brotli when the client takes it,
else gzip), except any response that carries a CSRF token or session data (BREACH)."""

import gzip

import brotli
import pytest
from django.urls import reverse

from claimtracker.claims.models import Claim
from tests.http.conftest import REFERENCE_CLAIM

pytestmark = pytest.mark.django_db

DECOMPRESS = {"br": brotli.decompress, "gzip": gzip.decompress}


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    content: bytes = response.content
    return content


def vary(response) -> set[str]:
    return {name.strip().lower() for name in response.get("Vary", "").split(",")}


def claim_page() -> str:
    return reverse("web:claim", kwargs={"slug": REFERENCE_CLAIM})


COMPRESSED = {
    "claim page": claim_page,
    "api list": lambda: "/api/v1/claims/",
    "feed": lambda: reverse("web:feed"),
    "claimreview feed": lambda: reverse("api:export:claimreview"),
}


@pytest.mark.parametrize("coding", ["br", "gzip"])
@pytest.mark.parametrize("kind", COMPRESSED)
def test_a_public_response_is_compressed_to_the_same_bytes(client, reference, kind, coding):
    plain = client.get(COMPRESSED[kind]())
    packed = client.get(COMPRESSED[kind](), headers={"Accept-Encoding": f"{coding}, identity"})

    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == coding
    assert "accept-encoding" in vary(packed)
    original = body(plain)
    compressed = body(packed)
    assert len(compressed) < len(original)
    assert DECOMPRESS[coding](compressed) == original


# The export reads its own snapshot, on a connection of its own: the rows must be committed.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("coding", ["br", "gzip"])
def test_a_streamed_export_is_compressed_as_it_streams(client, reference, coding):
    address = reverse("api:export:file", kwargs={"collection": "claims", "file_format": "ndjson"})
    plain = body(client.get(address))

    packed = client.get(address, headers={"Accept-Encoding": coding})

    assert packed.streaming
    assert packed["Content-Encoding"] == coding
    assert "Content-Length" not in packed
    compressed = body(packed)
    assert REFERENCE_CLAIM.encode() in plain
    assert len(compressed) < len(plain)
    assert DECOMPRESS[coding](compressed) == plain


def test_brotli_is_preferred_when_the_client_takes_both(client, reference):
    response = client.get(claim_page(), headers={"Accept-Encoding": "gzip, deflate, br, zstd"})

    assert response["Content-Encoding"] == "br"


def test_a_coding_refused_with_q_0_is_not_used(client, reference):
    response = client.get(claim_page(), headers={"Accept-Encoding": "br;q=0, gzip"})

    assert response["Content-Encoding"] == "gzip"


def test_a_compressed_page_keeps_a_weak_etag_that_still_revalidates(client, reference):
    first = client.get(claim_page(), headers={"Accept-Encoding": "br"})

    again = client.get(
        claim_page(), headers={"Accept-Encoding": "gzip", "If-None-Match": first["ETag"]}
    )

    assert first["ETag"].startswith('W/"')
    assert again.status_code == 304


def test_a_form_page_with_a_csrf_token_is_never_compressed(client, reference):
    claim = Claim.objects.get(slug=REFERENCE_CLAIM)
    address = reverse("reports:new", kwargs={"kind": "claim", "pk": claim.pk})

    form = client.get(address, headers={"Accept-Encoding": "br, gzip"})

    assert form.status_code == 200
    assert b"csrfmiddlewaretoken" in form.content
    assert "Content-Encoding" not in form


def test_the_admin_sign_in_form_is_never_compressed(client, reference):
    response = client.get("/admin/login/", headers={"Accept-Encoding": "br, gzip"})

    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert "Content-Encoding" not in response


def test_the_admin_signed_in_is_never_compressed(client, reference, editor):
    client.force_login(editor)

    response = client.get("/admin/claims/claim/", headers={"Accept-Encoding": "br, gzip"})

    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_the_browsable_api_signed_in_is_never_compressed(client, reference, editor):
    client.force_login(editor)

    response = client.get(
        "/api/v1/claims/", headers={"Accept-Encoding": "br, gzip", "Accept": "text/html"}
    )

    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_a_client_that_takes_no_coding_gets_the_plain_page(client, reference):
    response = client.get(claim_page())

    assert "Content-Encoding" not in response
    # A CDN keeps one copy per coding.
    assert "accept-encoding" in vary(response)
