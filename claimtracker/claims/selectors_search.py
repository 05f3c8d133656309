"""Search over claims, statements, actors and topics from one query string.

Two layers, both used by the public search page and the API's ``q`` parameter:

- ``*_matching(queryset, query)`` narrows a queryset the caller chose (published rows for the
  public, drafts too for curators in the API) and keeps its order;
- ``search(query)`` runs the public search: published claims, statements, actors and topics,
  best matches first, at most ``limit`` of each kind, in a fixed number of queries.

How a row matches (docs/search.md explains it for readers):

- Actors and topics: every folded word of the query (``search.search_words``) is part of one
  of their names' search keys, so Тоқаев, Токаев, tokayev and Tokaev find Tokayev. A name whose
  key is close to the query (pg_trgm word similarity) matches too, which forgives a typo; the
  trigram GIN indexes serve both conditions.
- Claims and statements: PostgreSQL full-text search over the claim's text, or the quote and its
  translation (``websearch_to_tsquery`` with English stemming, ranked: "protest" finds
  "protests"); or every folded word is part of the row's search key, which finds a Cyrillic
  quote from a Latin query, and parts of words.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from claimtracker.claims.models import Actor, ActorName, Claim, Statement, Topic, TopicName
from claimtracker.claims.search import TEXT_SEARCH_CONFIG, search_key, search_words
from claimtracker.claims.selectors import claim_cards, public_actor_names, public_topic_names

# Longer queries are refused (400) by the page and the API: no name or phrase needs more, and it
# bounds the work a query string can ask of the database.
MAX_QUERY_LENGTH = 200
RESULTS_PER_KIND = 20


class QueryTooLong(ValueError):
    pass


def clean_query(query: str) -> str:
    """The query as searched: control characters (NUL among them) removed, spaces trimmed.

    Raises ``QueryTooLong`` when it is longer than ``MAX_QUERY_LENGTH`` characters.
    """
    cleaned = "".join(
        " " if unicodedata.category(c) in {"Cc", "Cs", "Zl", "Zp"} else c for c in query
    ).strip()
    if len(cleaned) > MAX_QUERY_LENGTH:
        raise QueryTooLong(query)
    return cleaned


def _key_contains_words(words: list[str], prefix: str = "") -> Q:
    """Every word is part of the search key (in ``prefix``'s row); nothing matches no words."""
    if not words:
        return Q(pk__in=[])
    condition = Q()
    for word in words:
        # Keys are lower case already: ``contains`` is LIKE '%word%', which PostgreSQL serves
        # from the trigram index (``icontains`` would wrap the column in UPPER() and not).
        condition &= Q(**{f"{prefix}search_key__contains": word})
    return condition


def _names_matching(names: QuerySet[Any], query: str) -> QuerySet[Any]:
    condition = _key_contains_words(search_words(query))
    key = search_key(query)
    if key:
        condition |= Q(search_key__trigram_word_similar=key)
    return names.filter(condition)


def _text_search(query: str) -> SearchQuery:
    return SearchQuery(query, search_type="websearch", config=TEXT_SEARCH_CONFIG)


def _claim_vector() -> SearchVector:
    # Must stay the expression of the index claim_text_fts, or PostgreSQL will not use it.
    return SearchVector("text", config=TEXT_SEARCH_CONFIG)


def _statement_vector() -> SearchVector:
    # Must stay the expression of the index statement_text_fts.
    return SearchVector("quote", "translation", config=TEXT_SEARCH_CONFIG)


def _text_matching[QS: QuerySet[Any]](queryset: QS, query: str, vector: SearchVector) -> QS:
    condition = _key_contains_words(search_words(query))
    text_query = _text_search(query)
    return queryset.alias(search_vector=vector).filter(Q(search_vector=text_query) | condition)


def claims_matching[QS: QuerySet[Claim]](queryset: QS, query: str) -> QS:
    """``queryset``'s claims whose text matches ``query``; their order is kept."""
    return _text_matching(queryset, query, _claim_vector())


def statements_matching[QS: QuerySet[Statement]](queryset: QS, query: str) -> QS:
    """``queryset``'s statements whose quote or translation matches ``query``; order kept."""
    return _text_matching(queryset, query, _statement_vector())


def actors_matching[QS: QuerySet[Actor]](
    queryset: QS, query: str, names: QuerySet[ActorName] | None = None
) -> QS:
    """``queryset``'s actors with a name (in any script, among ``names``, by default all)
    matching ``query``; order kept."""
    found = _names_matching(ActorName.objects.all() if names is None else names, query)
    return queryset.filter(pk__in=found.values("actor_id"))


def actors_named[QS: QuerySet[Actor]](
    queryset: QS, query: str, names: QuerySet[ActorName] | None = None
) -> QS:
    """``queryset``'s actors with a name holding every word of ``query`` once folded (Токаев,
    Тоқаев and Tokayev name the same man): stricter than ``actors_matching``, which also
    finds names that are merely alike."""
    names = ActorName.objects.all() if names is None else names
    found = names.filter(_key_contains_words(search_words(query)))
    return queryset.filter(pk__in=found.values("actor_id"))


def topics_matching[QS: QuerySet[Topic]](
    queryset: QS, query: str, names: QuerySet[TopicName] | None = None
) -> QS:
    """``queryset``'s topics whose name, or a name in another language (among ``names``, by
    default all), matches; order kept."""
    names = _names_matching(TopicName.objects.all() if names is None else names, query)
    return queryset.filter(
        Q(pk__in=_names_matching(Topic.objects.all(), query).values("pk"))
        | Q(pk__in=names.values("topic_id"))
    )


@dataclass
class SearchResults:
    """What the public search page shows; each list holds at most ``limit`` rows.

    ``more_*`` is true when a kind had more matches than shown (found by asking for one more).
    """

    query: str
    claims: list[Claim] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    more_claims: bool = False
    more_statements: bool = False
    more_actors: bool = False
    more_topics: bool = False

    @property
    def count(self) -> int:
        return len(self.claims) + len(self.statements) + len(self.actors) + len(self.topics)


def _best_name_similarity(model: type[Any], owner: str, key: str) -> Subquery:
    """The highest word similarity of ``key`` to any of a row's names."""
    return Subquery(
        model.objects.filter(**{owner: OuterRef("pk")})
        .annotate(similarity=TrigramWordSimilarity(key, "search_key"))
        .order_by("-similarity")
        .values("similarity")[:1]
    )


def _first(rows: QuerySet[Any], limit: int) -> tuple[list[Any], bool]:
    found = list(rows[: limit + 1])
    return found[:limit], len(found) > limit


def search(query: str, *, limit: int = RESULTS_PER_KIND) -> SearchResults:
    """The public search: what the public may see that matches ``query``, best first.

    Claims come as ``selectors.claim_cards()`` rows, ready for the claim card. Runs at most 9
    queries whatever the number of matches: claims, their asserting statements and those
    speakers' names; statements with their speakers, and the speakers' names; actors and their
    names; topics and their names (a kind with no match skips its follow-up queries). None when
    the query has no word to search for. Call ``clean_query`` first.
    """
    results = SearchResults(query=query)
    if not search_words(query):
        return results
    key = search_key(query)

    claims = claims_matching(claim_cards(), query)
    statements = statements_matching(Statement.objects.published().for_display(), query)
    # An actor or topic is found by, and shown with, the names its page shows.
    actors = actors_matching(
        Actor.objects.published().prefetch_related(Prefetch("names", public_actor_names())),
        query,
        public_actor_names(),
    )
    topics = topics_matching(
        Topic.objects.published().prefetch_related(Prefetch("names", public_topic_names())),
        query,
        public_topic_names(),
    )
    text_query = _text_search(query)
    claims = claims.annotate(search_rank=SearchRank(_claim_vector(), text_query)).order_by(
        "-search_rank", F("last_change").desc(), "-pk"
    )
    statements = statements.annotate(
        search_rank=SearchRank(_statement_vector(), text_query)
    ).order_by("-search_rank", "-stated_on", "pk")
    actors = actors.annotate(
        similarity=Coalesce(_best_name_similarity(ActorName, "actor", key), 0.0)
    ).order_by("-similarity", "slug")
    topics = topics.annotate(similarity=TrigramWordSimilarity(key, "search_key")).order_by(
        "-similarity", "name"
    )
    results.claims, results.more_claims = _first(claims, limit)
    results.statements, results.more_statements = _first(statements, limit)
    results.actors, results.more_actors = _first(actors, limit)
    results.topics, results.more_topics = _first(topics, limit)
    return results
