"""The search page: one box over claims, statements, actors and topics (docs/search.md).

``?q=`` alone shows the overview, the best few of each kind; ``&kind=claims`` (or
``statements``, ``actors``, ``topics``) pages through one kind, ``&page=`` choosing the page.
"""

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import InvalidPage
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from claimtracker.claims.selectors import with_status_held_for
from claimtracker.claims.selectors_search import (
    KINDS,
    MAX_QUERY_LENGTH,
    QueryTooLong,
    clean_query,
    search,
    search_page,
)


class SearchView(TemplateView):
    """``?q=``: no query shows the form and a hint; a query over ``MAX_QUERY_LENGTH`` characters,
    or a ``kind`` that is none of ``KINDS``, answers 400 with the form and a message; a page
    number past the end (or not a number) is a 404, as the home page's is."""

    template_name = "web/search.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raw = request.GET.get("q", "")
        kind = request.GET.get("kind", "")
        # Only a kind the search has is carried on, in the form's hidden field.
        unknown_kind = bool(kind) and kind not in KINDS
        context: dict[str, Any] = {
            "max_query_length": MAX_QUERY_LENGTH,
            "kind": "" if unknown_kind else kind,
        }
        try:
            query = clean_query(raw)
        except QueryTooLong:
            # The box keeps what fits, so the reader can shorten it rather than retype it.
            context |= {"search_query": raw[:MAX_QUERY_LENGTH], "too_long": True}
            return self.render_to_response(self.get_context_data(**context), status=400)
        context["search_query"] = query
        if unknown_kind:
            context["unknown_kind"] = True
            return self.render_to_response(self.get_context_data(**context), status=400)
        if query:
            context |= self.one_kind(query, kind) if kind else self.overview(query)
        return self.render_to_response(self.get_context_data(**context))

    def overview(self, query: str) -> dict[str, Any]:
        results = search(query)
        return {
            "results": results,
            **self.counted(results.count, results.estimated),
            **{kind: self.shown(kind, getattr(results, kind)) for kind in KINDS},
            **self.json_twins(query, "claims"),
        }

    def one_kind(self, query: str, kind: str) -> dict[str, Any]:
        try:
            found = search_page(query, kind, self.request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404(_("There is no such page of results.")) from error
        return {
            "found": found,
            "page_obj": found.page,
            **self.counted(found.total, found.estimated),
            kind: self.shown(kind, list(found.page.object_list)),
            **self.json_twins(query, kind),
        }

    @staticmethod
    def counted(count: int, estimated: bool) -> dict[str, Any]:
        """The results heading's number, also written with the reader's language's digit
        grouping (12 000, 12,000), and whether it is an estimate."""
        return {
            "count": count,
            "count_display": number_format(count, force_grouping=True),
            "estimated": estimated,
        }

    @staticmethod
    def shown(kind: str, rows: list[Any]) -> list[Any]:
        """``rows`` of ``kind`` with what the page shows besides their fields."""
        if kind == "claims":
            return with_status_held_for(rows, timezone.localdate())
        if kind == "actors":
            for actor in rows:
                # The names besides the one the link shows, so a reader sees why it matched.
                shown = actor.display_name()
                actor.other_names = [n for n in actor.names.all() if n.value != shown]
        return rows

    @staticmethod
    def json_twins(query: str, kind: str) -> dict[str, Any]:
        """The same search through the API, for each kind (the API lists are not ranked); the
        page's own twin is its kind's list."""
        encoded = urlencode({"q": query})
        twins = {name: f"{reverse(f'api:{name[:-1]}-list')}?{encoded}" for name in KINDS}
        return {"json_twin": twins[kind], "api_twins": twins}
