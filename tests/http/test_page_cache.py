"""Rendered public pages are kept in the process under their address and ETag
(``claimtracker.web.caching.kept_rendered``): a reader asking again gets the page without its
queries or its rendering, and never a page older than the record."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from claimtracker.claims.models import ClaimStatus
from claimtracker.web.caching import PAGE_CACHE
from tests.factories import ClaimFactory
from tests.web.published import change_status, published_claim

pytestmark = pytest.mark.django_db

HOME = reverse("web:home")


def kept_pages() -> int:
    """How many pages this process keeps: LocMemCache's own store (no public count)."""
    return len(caches[PAGE_CACHE]._cache)  # type: ignore[attr-defined]


def test_the_same_page_asked_again_runs_only_the_stamp_query(
    client, fact_checker, django_assert_num_queries
):
    published_claim(fact_checker, text="Outside terrorists were the main protagonists.")
    first = client.get(HOME)

    with django_assert_num_queries(1):  # the record's stamp, for the ETag
        again = client.get(HOME)

    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    # Kept with the records it shows, so a purge still reaches the CDN's copy.
    assert again["Surrogate-Key"] == first["Surrogate-Key"]
    assert "public" in again["Cache-Control"]


def test_a_status_change_is_on_the_page_at_once(client, fact_checker):
    claim = published_claim(
        fact_checker, text="Law enforcement avoided the use of force.", stances=["contradicts"]
    )
    page = reverse("web:claim", args=[claim.slug])
    assert "Disputed" not in client.get(page).content.decode()

    change_status(fact_checker, claim, ClaimStatus.DISPUTED)

    assert "Disputed" in client.get(page).content.decode()


def test_each_language_and_address_is_its_own_page(client, fact_checker):
    published_claim(fact_checker, text="Outside terrorists were the main protagonists.")
    english = client.get(HOME).content.decode()
    second = client.get(HOME, {"page": "2"})

    russian = client.get("/ru/").content.decode()

    assert 'lang="en"' in english
    assert 'lang="ru"' in russian
    assert second.status_code == 404 or second.content.decode() != english


def test_a_signed_in_curator_is_never_served_a_kept_page(
    client, fact_checker, django_assert_max_num_queries
):
    published_claim(fact_checker, text="Outside terrorists were the main protagonists.")
    client.get(HOME)
    client.force_login(fact_checker)

    with django_assert_max_num_queries(100) as captured:
        response = client.get(HOME)

    assert response.status_code == 200
    # The page was built for the curator: its queries ran (the stamp, the session, the cards).
    assert len(captured) > 2


def test_an_api_list_asked_again_is_the_same_and_a_write_shows_at_once(
    client, fact_checker, django_assert_max_num_queries
):
    claim = published_claim(
        fact_checker, text="Law enforcement avoided the use of force.", stances=["contradicts"]
    )
    first = client.get("/api/v1/claims/")

    with django_assert_max_num_queries(2):  # the stamp, and the throttle's count
        again = client.get("/api/v1/claims/")
    change_status(fact_checker, claim, ClaimStatus.DISPUTED)
    after = client.get("/api/v1/claims/")

    assert again.json() == first.json()
    assert first.json()["results"][0]["status"] != ClaimStatus.DISPUTED
    assert after.json()["results"][0]["status"] == ClaimStatus.DISPUTED


def test_an_api_client_with_a_token_gets_its_own_list(client, fact_checker):
    published_claim(fact_checker, text="Outside terrorists were the main protagonists.")
    draft = ClaimFactory(text="A draft only curators see.")
    public = client.get("/api/v1/claims/").json()
    client.force_login(fact_checker)

    mine = client.get("/api/v1/claims/").json()

    assert draft.slug not in [claim["slug"] for claim in public["results"]]
    assert draft.slug in [claim["slug"] for claim in mine["results"]]


def test_a_search_asked_again_is_kept_and_a_new_claim_is_found_at_once(
    client, fact_checker, django_assert_num_queries
):
    published_claim(fact_checker, text="Outside terrorists were the main protagonists.")
    search = reverse("web:search")
    first = client.get(search, {"q": "terrorists"}).content.decode()

    with django_assert_num_queries(1):
        again = client.get(search, {"q": "terrorists"})
    published_claim(fact_checker, text="Terrorists from abroad, the president said again.")
    after = client.get(search, {"q": "terrorists"}).content.decode()

    assert again.content.decode() == first
    assert "the president said again" not in first
    assert "the president said again" in after


def test_pages_kept_before_a_write_are_let_go_when_the_next_reader_comes(client, fact_checker):
    """Memory holds one revision's pages: those kept before a write can never be asked for
    again (their key holds the old revision), so they go rather than wait to be culled."""
    claim = published_claim(
        fact_checker, text="Law enforcement avoided the use of force.", stances=["contradicts"]
    )
    for address in [HOME, reverse("web:claim", args=[claim.slug]), reverse("web:corrections")]:
        client.get(address)
    kept_before = kept_pages()

    change_status(fact_checker, claim, ClaimStatus.DISPUTED)
    client.get(HOME)

    assert kept_before == 3
    assert kept_pages() == 1
