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
- Claims and statements: PostgreSQL full-text search on their stored, GIN-indexed
  ``search_document`` (``search.claim_document``, ``search.statement_document``): the query
  stemmed as English and as Russian (``websearch_to_tsquery``), or every folded word of it as a
  prefix of a folded word of the row (``to_tsquery('simple', 'word:*')``), which finds a Kazakh
  or Cyrillic text from any script and part of a word. A claim's document holds the words of
  its translations too, so a query in Russian or Kazakh finds the English claim.

At a million rows, a word can be in most of them: ``search`` never ranks them all. It takes at
most ``CANDIDATES`` matches in the order of an index (newest first), ranks those, and shows
the best ``limit``; the total is counted when the matches are few enough to list, and
estimated beyond ("about 12,000 results").
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    TrigramWordSimilarity,
)
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    F,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from claimtracker.claims.models import Actor, ActorName, Claim, Statement, Topic, TopicName
from claimtracker.claims.models.claims import last_change
from claimtracker.claims.planner import planned
from claimtracker.claims.search import FOLDED_CONFIG, LANGUAGE_CONFIGS, search_key, search_words
from claimtracker.claims.selectors import claim_cards, public_actor_names, public_topic_names

# Longer queries are refused (400) by the page and the API: no name or phrase needs more, and it
# bounds the work a query string can ask of the database.
MAX_QUERY_LENGTH = 200
# The overview shows the best few of each kind, each kind's pages a page's worth (search_page).
RESULTS_PER_KIND = 10
RESULTS_PER_PAGE = 20
KINDS = ("actors", "topics", "claims", "statements")
# How many matching claims (and statements) are ranked at most, taken newest first: enough
# that the best of a rare word's matches are all ranked, few enough that a word in every row
# costs a few milliseconds (docs/search.md, "Speed").
CANDIDATES = 200
# A query matching at most this many claims (or statements) is answered from the GIN index
# alone (``_few_matching``); above it, a word is common enough that an index in the order
# shown finds the first matches quickly. The GIN index's cost grows with the matches, not the
# table: well under a millisecond for 2 000, but 40 ms for a word in one row in six at a
# million rows, so it is asked only when the newest rows predict few matches
# (``_newest_tested``; docs/search.md, "Speed").
FEW_MATCHES = 2000
# How many of the newest rows are tested one by one before anything else is asked (about a
# microsecond a row): on a small site every row; at scale a sample that says how common the
# words are.
NEWEST = 1000
# PostgreSQL estimates a word its statistics do not know at a few percent of the rows (2.5% of
# a million claims), whether it is in none or in thousands; a word estimated at more than twice
# that is one they know as common, however rare it is among the newest rows.
COMMON_SHARE = 0.05
# Planner settings turned off for one query (``_planned``): a bitmap scan, which the GIN index
# gives, is all that is left; an index walk in the order asked for is all that is left.
_GIN_ONLY = ("enable_seqscan", "enable_indexscan")
_WALK_ONLY = ("enable_seqscan", "enable_bitmapscan")
# A folded word shorter than this is matched whole, not as a prefix: "a:*" would match most
# words of every row.
PREFIX_MIN_LENGTH = 3
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


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


def text_query(query: str) -> SearchQuery | None:
    """The full-text query ``query`` asks for, against the stored search documents; None when
    it has no word to search for.

    Three alternatives, any of which matches: the query stemmed in each language PostgreSQL
    stems (English, Russian), and every folded word (``search_words``) as a prefix of a folded
    word of the row, which is what meets Kazakh, a query in another script, and a word's start.
    """
    words = search_words(query)
    if not words:
        return None
    tsquery: SearchQuery | None = None
    # Each stemmer only where the query has its script: fewer alternatives, a cheaper plan.
    scripts = {"english": _LATIN.search(query), "russian": _CYRILLIC.search(query)}
    for config in LANGUAGE_CONFIGS.values():
        if not scripts.get(config, True):
            continue
        stemmed = SearchQuery(query, search_type="websearch", config=config)
        tsquery = stemmed if tsquery is None else tsquery | stemmed
    # Folded words hold only a-z, 0-9: nothing in them is tsquery syntax.
    prefixes = " & ".join(f"{word}:*" if len(word) >= PREFIX_MIN_LENGTH else word for word in words)
    folded = SearchQuery(prefixes, search_type="raw", config=FOLDED_CONFIG)
    return folded if tsquery is None else tsquery | folded


def _few_matching(queryset: QuerySet[Any], tsquery: SearchQuery) -> list[int] | None:
    """The keys of all rows of ``queryset``'s table (drafts too) whose document matches
    ``tsquery``, or None when more than ``FEW_MATCHES`` do.

    Why a query of its own, and why it tells PostgreSQL how: it estimates a prefix term
    (``word:*``) at a few percent of the rows whatever the word. Asked for the newest matches
    (``ORDER BY … LIMIT``), it then walks the newest-first index testing every row until it
    has enough, which for a rare word means the whole table (650 ms at 200 000 claims); asked
    for the matches alone, it may read the whole table too. The GIN index answers a rare word
    in well under a millisecond, so this query may use nothing else (``_planned``).
    """
    inner = queryset.model._base_manager.filter(search_document=tsquery).order_by()
    keys = _planned(inner.values_list("pk")[: FEW_MATCHES + 1], _GIN_ONLY)
    return [key for (key,) in keys] if len(keys) <= FEW_MATCHES else None


def _planned(rows: QuerySet[Any], settings: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """``rows`` (a ``values_list``), read with the planner's ``settings`` turned off for this
    query only (``planner.planned``)."""
    sql, params = rows.query.sql_with_params()
    return planned(sql, params, settings, using=rows.db)


def _document_matching[QS: QuerySet[Any]](queryset: QS, query: str) -> QS:
    tsquery = text_query(query)
    if tsquery is None:
        return queryset.none()
    table = queryset.model._base_manager.all()
    newest = _newest_tested(table, tsquery, "-pk")
    keys = None
    if newest.exhausted:
        keys = newest.hits
    elif _listable(table.filter(search_document=tsquery), newest)[0]:
        keys = _few_matching(queryset, tsquery)
    if keys is None:
        # ``search_document @@ query``: a word in many rows, which the GIN index serves and an
        # ordered index walk soon finds enough of.
        return queryset.filter(search_document=tsquery)
    return queryset.filter(pk__in=_keys(keys))


@dataclass
class _Newest:
    """What testing the newest rows found: the matching keys, in the order walked, whether the
    walk reached the end of the table, the table's size as the planner last counted it, and how
    many matches the table is predicted to hold."""

    hits: list[int]
    exhausted: bool
    table_rows: float

    @property
    def predicted(self) -> float:
        if self.exhausted:
            return len(self.hits)
        return len(self.hits) / NEWEST * self.table_rows

    @property
    def few_predicted(self) -> bool:
        return self.predicted <= FEW_MATCHES


def _newest_tested(rows: QuerySet[Any], tsquery: SearchQuery, *order: Any) -> _Newest:
    """The newest ``NEWEST`` of ``rows`` in ``order`` (an order an index gives), each tested
    against ``tsquery``, in one query of about a millisecond.

    The share that matches, times the table's size as the planner last counted it
    (``pg_class.reltuples``, read in the same query; 0 before the first ``ANALYZE``), predicts
    how many rows match in all: whether the GIN index can list them cheaply.
    """
    table = rows.model._meta.db_table
    walked = list(
        rows.order_by(*order)
        .annotate(
            hit=SearchVectorExact(F("search_document"), tsquery),
            # An uncorrelated subquery: PostgreSQL reads it once for the whole query.
            table_rows=RawSQL(
                "SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = %s::regclass", (table,)
            ),
        )
        .values_list("pk", "hit", "table_rows")[:NEWEST]
    )
    return _Newest(
        hits=[key for key, hit, _rows in walked if hit],
        exhausted=len(walked) < NEWEST,
        table_rows=float(walked[0][2]) if walked else 0.0,
    )


def _listable(matching: QuerySet[Any], newest: _Newest) -> tuple[bool, int | None]:
    """Whether the GIN index should list every row of ``matching`` (``_few_matching``), and
    the planner's estimate of them when it was asked (one ``EXPLAIN``, nothing run).

    Only when the newest rows predict few matches, and the planner's statistics do not know the
    words as common (``COMMON_SHARE``) and in more than ``FEW_MATCHES`` rows: so they are, even
    when the newest rows hold few of them (a word of older years), and listing every match from
    the GIN index would cost as many microseconds as there are matches. A table too small to
    hold more than ``FEW_MATCHES`` is not asked about."""
    if not newest.few_predicted:
        return False, None
    if newest.table_rows <= FEW_MATCHES:
        return True, None
    estimate = planner_estimate(matching)
    return estimate <= max(FEW_MATCHES, COMMON_SHARE * newest.table_rows), estimate


def _keys(keys: list[int]) -> RawSQL:
    """``keys`` as a subquery for ``pk__in``: one array parameter, not thousands of
    placeholders."""
    return RawSQL("SELECT unnest(%s::bigint[])", (keys,))


def claims_matching[QS: QuerySet[Claim]](queryset: QS, query: str) -> QS:
    """``queryset``'s claims whose text, or a translation of it, matches ``query``; their
    order is kept."""
    return _document_matching(queryset, query)


def statements_matching[QS: QuerySet[Statement]](queryset: QS, query: str) -> QS:
    """``queryset``'s statements whose quote or translation matches ``query``; order kept."""
    return _document_matching(queryset, query)


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
    """What the search's overview shows; each list holds at most ``limit`` rows.

    ``more_*`` is true when a kind had more matches than shown (``search_page`` shows them).
    ``*_total`` is how many match; ``estimated`` says that a total is the planner's estimate,
    because more than ``CANDIDATES`` claims or statements matched and they are not counted.
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
    claims_total: int = 0
    statements_total: int = 0
    actors_total: int = 0
    topics_total: int = 0
    estimated: bool = False

    @property
    def count(self) -> int:
        """How many results in all, estimated when ``estimated``."""
        return self.claims_total + self.statements_total + self.actors_total + self.topics_total


def _best_name_similarity(model: type[Any], owner: str, key: str) -> Subquery:
    """The highest word similarity of ``key`` to any of a row's names."""
    return Subquery(
        model.objects.filter(**{owner: OuterRef("pk")})
        .annotate(similarity=TrigramWordSimilarity(key, "search_key"))
        .order_by("-similarity")
        .values("similarity")[:1]
    )


def _first(rows: QuerySet[Any], limit: int) -> tuple[list[Any], bool, int]:
    """The first ``limit`` rows, whether there are more, and how many rows there are in all,
    in one query (``count(*) OVER ()`` before the LIMIT)."""
    found = list(rows.annotate(matches=Window(Count("*")))[: limit + 1])
    total = found[0].matches if found else 0
    return found[:limit], len(found) > limit, total


def planner_estimate(rows: QuerySet[Any]) -> int:
    """How many rows ``rows`` gives as the planner estimates it (EXPLAIN, nothing run)."""
    plan = json.loads(rows.explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def about(*estimates: float) -> int:
    """The largest of ``estimates``, rounded to two significant digits, as an estimate said as
    such is written (about 12,000)."""
    estimate = round(max(estimates))
    digits = max(len(str(estimate)) - 2, 0)
    return round(estimate, -digits)


@dataclass
class _Candidates:
    """The keys to rank (at most ``CANDIDATES``, newest first) and how many rows match."""

    keys: list[int]
    total: int
    estimated: bool = False


def _candidates(rows: QuerySet[Any], tsquery: SearchQuery, *order: Any, enough: int) -> _Candidates:
    """The newest ``CANDIDATES`` (at least ``enough`` when there are) of ``rows`` matching
    ``tsquery``, in ``order``, an order an index gives, and how many match, found the cheapest
    way for how common the words are.

    1. The newest ``NEWEST`` rows, read through that index, each tested (``_newest_tested``,
       about a millisecond): on a small site every row, and the total is exact.
    2. When they predict at most ``FEW_MATCHES`` matches in all, every match, found through the
       GIN index alone (``_few_matching``), then put in order by primary key; the total is
       exact.
    3. Otherwise the word is common: the matches among the newest are the candidates, and when
       they are fewer than ``enough``, the index in ``order`` is walked until ``enough`` rows
       match, which a word in more than one row in a thousand soon gives. The total is then
       estimated.

    The planner alone gets 2 wrong for a rare word, because it takes a prefix term for a common
    one (``_few_matching``); and asking the GIN index for every match of a common word costs as
    many microseconds as there are matches, which is why 1 decides (docs/search.md, "Speed").
    """
    newest = _newest_tested(rows, tsquery, *order)
    if newest.exhausted:
        return _Candidates(newest.hits[:CANDIDATES], len(newest.hits))
    ordered = rows.order_by(*order)
    matching = rows.filter(search_document=tsquery)
    known: list[float] = [newest.predicted]
    listable, estimate = _listable(matching, newest)
    if listable:
        keys = _few_matching(rows, tsquery)
        if keys == []:
            return _Candidates([], 0)
        if keys is not None:
            found = list(ordered.filter(pk__in=_keys(keys)).values_list("pk", flat=True))
            return _Candidates(found[:CANDIDATES], len(found))
        known.append(FEW_MATCHES + 1)
    found = newest.hits
    if len(found) < enough:
        # The planner, misled by a prefix term, may fetch every match and sort them; the walk
        # soon finds enough.
        walk = matching.order_by(*order).values_list("pk")[:enough]
        found = [key for (key,) in _planned(walk, _WALK_ONLY)]
    # The planner's estimate, asked once.
    total = about(planner_estimate(matching) if estimate is None else estimate, len(found), *known)
    return _Candidates(found[:CANDIDATES], total, True)


def _ranked(
    rows: QuerySet[Any], candidates: _Candidates, tsquery: SearchQuery, *order: Any
) -> list[int]:
    """The keys of ``candidates``, best match first (``ts_rank`` on the stored document), then
    in ``order``: one query over at most ``CANDIDATES`` rows that reads nothing but keys, so
    what a page shows is read for its own rows only."""
    if not candidates.keys:
        return []
    ranked = (
        rows.filter(pk__in=candidates.keys)
        .annotate(search_rank=SearchRank(F("search_document"), tsquery))
        .order_by("-search_rank", *order)
        .values_list("pk", flat=True)
    )
    return list(ranked)


def _in_order[M: Model](rows: QuerySet[M], keys: list[int]) -> list[M]:
    """The rows of ``rows`` with ``keys``, in the order of ``keys``."""
    if not keys:
        return []
    found = {row.pk: row for row in rows.filter(pk__in=keys)}
    return [found[key] for key in keys if key in found]


@dataclass
class _Documents:
    """How claims or statements are searched: their public rows, the newest-first order an
    index gives (the candidates'), and the order of rows ranked alike."""

    rows: QuerySet[Any]
    order: tuple[Any, ...]
    tie_break: tuple[Any, ...]


def _documents(kind: str) -> _Documents:
    if kind == "claims":
        return _Documents(
            rows=Claim.objects.published().alias(last_change=last_change()),
            order=(last_change().desc(), F("pk").desc()),
            tie_break=(F("last_change").desc(), "-pk"),
        )
    return _Documents(
        rows=Statement.objects.published(),
        order=("-pk",),
        tie_break=("-stated_on", "pk"),
    )


def _ranked_documents(kind: str, tsquery: SearchQuery) -> tuple[list[int], _Candidates]:
    """The keys of ``kind`` ("claims" or "statements") matching ``tsquery``, ranked, and the
    candidates they were taken from (how many match in all, estimated or not)."""
    how = _documents(kind)
    # The same candidates for the overview and every page of a kind, so paging neither
    # repeats nor skips a row: a page's worth, and one more to know there are more.
    candidates = _candidates(how.rows, tsquery, *how.order, enough=RESULTS_PER_PAGE + 1)
    return _ranked(how.rows, candidates, tsquery, *how.tie_break), candidates


def _shown(kind: str, keys: list[int]) -> list[Any]:
    """The claim cards or statements with ``keys``, in that order."""
    rows = claim_cards() if kind == "claims" else Statement.objects.published().for_display()
    return _in_order(rows, keys)


def _names_found(kind: str, query: str) -> QuerySet[Any]:
    """The public actors or topics matching ``query``, best match first, with their names.

    An actor or topic is found by, and shown with, the names its page shows."""
    key = search_key(query)
    if kind == "actors":
        actors: QuerySet[Any] = actors_matching(
            Actor.objects.published().prefetch_related(Prefetch("names", public_actor_names())),
            query,
            public_actor_names(),
        ).annotate(similarity=Coalesce(_best_name_similarity(ActorName, "actor", key), 0.0))
        return actors.order_by("-similarity", "slug")
    topics: QuerySet[Any] = topics_matching(
        Topic.objects.published().prefetch_related(Prefetch("names", public_topic_names())),
        query,
        public_topic_names(),
    ).annotate(similarity=TrigramWordSimilarity(key, "search_key"))
    return topics.order_by("-similarity", "name")


def search(query: str, *, limit: int = RESULTS_PER_KIND) -> SearchResults:
    """The public search's overview: what the public may see that matches ``query``, the best
    ``limit`` of each kind; ``search_page`` pages through one kind.

    Claims come as ``selectors.claim_cards()`` rows, ready for the claim card. On a site of
    fewer than ``NEWEST`` claims and statements it runs 13 queries whatever the number of
    matches: for claims, the newest tested, the candidates ranked, the cards, their asserting
    statements and those speakers' names; the same for statements but the names; actors and
    their names; topics and their names (a kind with no match skips its follow-up queries). At
    scale, finding the candidates takes at most three queries more for claims and for
    statements (``_candidates``: an ``EXPLAIN`` and the GIN index's keys and their order, or a
    walk and an ``EXPLAIN``). Empty when the query has no word to search for. Call
    ``clean_query`` first.

    Claims and statements: the newest ``CANDIDATES`` matches are ranked (``ts_rank`` on the
    stored document), best first, then newest first.
    """
    results = SearchResults(query=query)
    tsquery = text_query(query)
    if tsquery is None:
        return results
    ranked, claims = _ranked_documents("claims", tsquery)
    results.claims = _shown("claims", ranked[:limit])
    ranked, statements = _ranked_documents("statements", tsquery)
    results.statements = _shown("statements", ranked[:limit])
    results.claims_total, results.statements_total = claims.total, statements.total
    results.more_claims, results.more_statements = claims.total > limit, statements.total > limit
    results.estimated = claims.estimated or statements.estimated
    results.actors, results.more_actors, results.actors_total = _first(
        _names_found("actors", query), limit
    )
    results.topics, results.more_topics, results.topics_total = _first(
        _names_found("topics", query), limit
    )
    return results


@dataclass
class SearchPage:
    """One page of one kind of results (``search_page``).

    ``page`` is a Django ``Page`` of the kind's rows. ``total`` is how many match, the planner's
    estimate when ``estimated``; ``ranked`` is how many can be paged through: every match for
    actors and topics, the ranked candidates for claims and statements (at most
    ``CANDIDATES``, the newest matches), which is fewer than ``total`` for a common word.
    """

    query: str
    kind: str
    page: Page[Any]
    total: int
    ranked: int
    estimated: bool = False


def search_page(
    query: str, kind: str, number: Any, *, per_page: int = RESULTS_PER_PAGE
) -> SearchPage:
    """Page ``number`` of ``kind`` (one of ``KINDS``) among the public results for ``query``,
    in the overview's order. Raises ``django.core.paginator.InvalidPage`` for a page number
    that is not one, or past the end; call ``clean_query`` first.

    Claims and statements page through the ranked candidates (the overview's first rows are
    page 1's), each page's rows read for themselves; actors and topics through every match.
    """
    tsquery = text_query(query)
    if tsquery is None:
        return SearchPage(query, kind, Paginator([], per_page).page(number), 0, 0)
    if kind in ("claims", "statements"):
        ranked, candidates = _ranked_documents(kind, tsquery)
        page = Paginator(ranked, per_page).page(number)
        page.object_list = _shown(kind, list(page.object_list))
        return SearchPage(query, kind, page, candidates.total, len(ranked), candidates.estimated)
    page = Paginator(_names_found(kind, query), per_page).page(number)
    return SearchPage(query, kind, page, page.paginator.count, page.paginator.count)
