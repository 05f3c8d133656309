"""The search page: one box over claims, statements, actors and topics, in any script."""

import re

import pytest
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.claims.models import ActorName, NameKind
from claimtracker.seeding.reference import load_reference_case
from tests.factories import (
    ActorFactory,
    ActorNameFactory,
    ClaimFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

SEARCH = reverse("web:search")


def section(html, heading_id):
    """The HTML of one result group, or "" when the page has none."""
    start = html.find(f'id="{heading_id}"')
    if start == -1:
        return ""
    return html[start : html.index("</section>", start)]


def linked_slugs(html, kind):
    return re.findall(rf'href="/en/{kind}/([^/"]+)/"', html)


@pytest.fixture
def reference(role_groups):
    load_reference_case()


@pytest.mark.parametrize("query", ["Тоқаев", "Токаев", "tokayev", "TOKAEV", "Kasym-Zhomart"])
def test_tokayev_is_found_by_his_name_in_kazakh_russian_or_latin_spelling(client, reference, query):
    page = client.get(SEARCH, {"q": query})

    assert page.status_code == 200
    actors = section(page.content.decode(), "actors-heading")
    assert linked_slugs(actors, "actors") == ["kassym-jomart-tokayev"]
    assert ">Kassym-Jomart Tokayev</a>" in actors
    assert '(<span lang="kk">Қасым-Жомарт Тоқаев</span>' in actors


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Масимов", "karim-massimov"),
        ("Әбіш", "samat-abish"),
        ("knb", "national-security-committee"),
    ],
)
def test_other_actors_of_the_reference_case_are_found_across_scripts(
    client, reference, query, slug
):
    page = client.get(SEARCH, {"q": query})

    assert slug in linked_slugs(section(page.content.decode(), "actors-heading"), "actors")


def test_a_claim_is_found_by_words_of_its_text_with_its_status_in_words(client, reference):
    page = client.get(SEARCH, {"q": "outside terrorists"})

    claims = section(page.content.decode(), "claims-heading")
    assert "outside-terrorists-were-main-protagonists" in linked_slugs(claims, "claims")
    card = claims[claims.index("outside-terrorists-were-main-protagonists") :]
    assert ">Unconfirmed</a>" in card[: card.index("</article>")]


def test_a_statement_is_found_by_words_of_its_quote(client, reference):
    page = client.get(SEARCH, {"q": "pogroms"})

    statements = section(page.content.decode(), "statements-heading")
    assert "mass riots and pogroms" in statements


def test_a_topic_is_found_by_its_kazakh_name_in_latin_or_cyrillic(client, reference):
    for query in ("Qandy Qantar", "Қанды Қаңтар", "kandy kantar"):
        page = client.get(SEARCH, {"q": query})

        topics = section(page.content.decode(), "topics-heading")
        assert linked_slugs(topics, "topics") == ["january-2022-events-qandy-qantar"], query


def test_an_actor_is_found_by_a_name_added_later_in_another_script(client, fact_checker):
    actor = ActorFactory(slug="someone", primary_name__value="Yerlan Karin")
    ActorNameFactory(actor=actor, value="Ерлан Карин", language="ru", kind=NameKind.ALIAS)
    services.record_publish(by=fact_checker, record=actor)

    page = client.get(SEARCH, {"q": "Ерлан"})

    assert linked_slugs(section(page.content.decode(), "actors-heading"), "actors") == ["someone"]


def test_a_renamed_actor_is_found_by_the_new_name_not_the_old(client, fact_checker):
    name = ActorNameFactory(actor__slug="renamed", value="Oldname")
    name.value = "Newname"
    name.save(update_fields=["value"])
    services.record_publish(by=fact_checker, record=name.actor)

    assert ActorName.objects.get(pk=name.pk).search_key == "newname"
    assert "renamed" in client.get(SEARCH, {"q": "newname"}).content.decode()
    assert "renamed" not in client.get(SEARCH, {"q": "oldname"}).content.decode()


def test_drafts_never_appear_in_search_results(client, fact_checker):
    ClaimFactory(slug="draft-claim", text="Secret draft proposition about zebras.")
    StatementFactory(quote="draft words about zebras")
    published = services.record_publish(
        by=fact_checker, record=ClaimFactory(slug="public-claim", text="Zebras are striped.")
    )

    html = client.get(SEARCH, {"q": "zebras"}).content.decode()

    assert linked_slugs(section(html, "claims-heading"), "claims") == [published.slug]
    assert "draft-claim" not in html
    assert "Secret draft" not in html
    assert "draft words" not in html
    assert section(html, "statements-heading") == ""


def test_an_empty_search_shows_the_form_and_a_hint(client, db):
    for params in ({}, {"q": ""}, {"q": "   "}):
        page = client.get(SEARCH, params)

        assert page.status_code == 200
        html = page.content.decode()
        assert '<label for="search-q">' in html
        assert 'class="search-hint"' in html
        assert "results-heading" not in html


def test_a_search_nothing_matches_says_so(client, db):
    html = client.get(SEARCH, {"q": "nonexistentword"}).content.decode()

    assert "0 results for “nonexistentword”" in html
    assert "Nothing published matches this search" in html


def test_a_too_long_search_is_a_friendly_400_that_keeps_the_form(client, db):
    page = client.get(SEARCH, {"q": "a" * 201})

    assert page.status_code == 400
    html = page.content.decode()
    assert "longer than 200 characters" in html
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize(
    "query",
    [
        "\x00",
        "tok\x00ayev",
        "'; DROP TABLE claims_claim; --",
        "%_%",
        '"unbalanced',
        "-",
        "a | b & !c",
        "😀 🇰🇿",
        "x" * 200,
    ],
)
def test_odd_searches_answer_200_not_500(client, reference, query):
    assert client.get(SEARCH, {"q": query}).status_code == 200


def test_a_search_is_shown_escaped(client, db):
    ClaimFactory()
    html = client.get(SEARCH, {"q": "<script>alert(1)</script>"}).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_every_page_has_a_labelled_search_form_in_its_header(client, reference):
    html = client.get(reverse("web:methodology")).content.decode()

    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    assert 'role="search"' in header
    assert f'action="{SEARCH}"' in header
    assert '<label class="site-search__label" for="site-search-q">' in header
    assert 'id="site-search-q" type="search" name="q"' in header


def test_the_search_page_links_to_the_same_search_in_the_api(client, reference):
    html = client.get(SEARCH, {"q": "Тоқаев"}).content.decode()

    encoded = "q=%D0%A2%D0%BE%D2%9B%D0%B0%D0%B5%D0%B2"
    twin = f'<link rel="alternate" type="application/json" href="/api/v1/claims/?{encoded}">'
    assert twin in html
    assert f'href="/api/v1/actors/?{encoded}"' in html


def test_search_results_are_not_stored_by_caches_as_current(client, db):
    response = client.get(SEARCH, {"q": "anything"})

    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies


@pytest.fixture
def harvest(fact_checker):
    """``count`` published claims, statements and speakers, each with "harvest" in them."""

    def make(count):
        topic = TopicFactory(name="Harvest festival")
        for number in range(count):
            speaker = ActorFactory(
                slug=f"harvest-speaker-{number}", primary_name__value="Harvester"
            )
            statement = services.record_publish(
                by=fact_checker, record=StatementFactory(speaker=speaker, quote="a good harvest")
            )
            claim = ClaimFactory(
                text=f"The harvest number {number} was good.", statements=[statement]
            )
            claim.topics.add(topic)
            services.record_publish(by=fact_checker, record=claim)

    return make


@pytest.mark.parametrize("count", [1, 30])
def test_the_search_page_runs_the_same_queries_however_many_rows_match(
    client, harvest, django_assert_num_queries, count
):
    harvest(count)

    # the newest claims tested, the matches ranked, those claims, their asserting statements,
    # those speakers' names; the same for statements, then their speakers' names; actors,
    # their names; topics, their names. (And first the record's stamp, the key of the kept
    # page.)
    with django_assert_num_queries(14):
        response = client.get(SEARCH, {"q": "harvest"})

    html = response.content.decode()
    assert len(linked_slugs(section(html, "claims-heading"), "claims")) == min(count, 10)
    assert len(linked_slugs(section(html, "actors-heading"), "actors")) == min(count, 10)
    more = '<a href="?q=harvest&amp;kind=claims">More claims</a>'
    assert (more in html) == (count > 10)


@pytest.mark.parametrize("count", [1, 30])
def test_a_page_of_one_kind_runs_the_same_queries_however_many_rows_match(
    client, harvest, django_assert_num_queries, count
):
    harvest(count)

    # The stamp; the newest claims tested, ranked, the page's claims, their statements and
    # speakers' names.
    with django_assert_num_queries(6):
        response = client.get(SEARCH, {"q": "harvest", "kind": "claims"})

    html = response.content.decode()
    assert len(linked_slugs(section(html, "claims-heading"), "claims")) == min(count, 20)
    assert ("Next page" in html) == (count > 20)


def test_a_reader_pages_through_every_matching_claim_in_rank_order(client, harvest):
    harvest(30)
    overview = client.get(SEARCH, {"q": "harvest"}).content.decode()

    first = client.get(SEARCH, {"q": "harvest", "kind": "claims"}).content.decode()
    second = client.get(SEARCH, {"q": "harvest", "kind": "claims", "page": 2}).content.decode()

    on_first = linked_slugs(section(first, "claims-heading"), "claims")
    on_second = linked_slugs(section(second, "claims-heading"), "claims")
    # The overview's ten are the first page's first ten; the pages neither repeat nor skip.
    assert linked_slugs(section(overview, "claims-heading"), "claims") == on_first[:10]
    assert len(on_first) == 20
    assert len(on_second) == 10
    assert len(set(on_first + on_second)) == 30
    assert "30 results for “harvest”" in first
    assert "Page 2 of 2" in second
    assert '<ol class="claim-cards" start="21">' in second
    # Only claims on a claims page, and a way back to every kind.
    assert section(first, "actors-heading") == ""
    assert '<a href="?q=harvest">All kinds of results</a>' in first


def test_a_reader_pages_through_matching_actors_statements_and_topics(client, harvest):
    harvest(30)

    actors = client.get(SEARCH, {"q": "harvest", "kind": "actors", "page": 2}).content.decode()
    statements = client.get(SEARCH, {"q": "harvest", "kind": "statements"}).content.decode()
    topics = client.get(SEARCH, {"q": "harvest", "kind": "topics"}).content.decode()

    assert len(linked_slugs(section(actors, "actors-heading"), "actors")) == 10
    assert "Page 2 of 2" in actors
    assert len(linked_slugs(section(statements, "statements-heading"), "statements")) == 20
    assert len(linked_slugs(section(topics, "topics-heading"), "topics")) == 1
    assert "Next page" not in topics


def test_a_new_search_from_a_page_of_one_kind_stays_with_that_kind(client, harvest):
    harvest(1)

    html = client.get(SEARCH, {"q": "harvest", "kind": "statements"}).content.decode()

    start = html.index('<form class="filters search-form"')
    form = html[start : html.index("</form>", start)]
    assert '<input type="hidden" name="kind" value="statements">' in form


@pytest.mark.parametrize("page", ["3", "0", "last", "2"])
def test_a_page_past_the_results_is_a_404(client, harvest, page):
    harvest(25 if page != "2" else 5)

    response = client.get(SEARCH, {"q": "harvest", "kind": "claims", "page": page})

    assert response.status_code == 404


def test_an_unknown_kind_is_a_friendly_400_that_keeps_the_form(client, db):
    response = client.get(SEARCH, {"q": "harvest", "kind": "<people>"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "asks for a kind of result the search does not have" in html
    assert 'value="harvest"' in html
    assert "<people>" not in html


def test_a_too_long_search_keeps_a_known_kind_and_drops_an_unknown_one(client, db):
    known = client.get(SEARCH, {"q": "a" * 201, "kind": "topics"}).content.decode()
    unknown = client.get(SEARCH, {"q": "a" * 201, "kind": "nonsense"}).content.decode()

    assert '<input type="hidden" name="kind" value="topics">' in known
    assert 'name="kind"' not in unknown


def test_a_page_of_one_kind_with_no_match_says_so(client, db):
    response = client.get(SEARCH, {"q": "nothing-like-this", "kind": "topics"})

    assert response.status_code == 200
    assert "Nothing published matches this search" in response.content.decode()


def test_an_empty_search_runs_only_the_stamp_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert client.get(SEARCH).status_code == 200
