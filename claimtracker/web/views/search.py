"""The search page: one box over claims, statements, actors and topics (docs/search.md)."""

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from claimtracker.claims.selectors import with_status_held_for
from claimtracker.claims.selectors_search import (
    MAX_QUERY_LENGTH,
    QueryTooLong,
    clean_query,
    search,
)

API_LISTS = ("claim", "statement", "actor", "topic")


class SearchView(TemplateView):
    """``?q=``: no query shows the form and a hint; a query over ``MAX_QUERY_LENGTH`` characters
    answers 400 with the form and a message."""

    template_name = "web/search.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raw = request.GET.get("q", "")
        context: dict[str, Any] = {"max_query_length": MAX_QUERY_LENGTH}
        try:
            query = clean_query(raw)
        except QueryTooLong:
            # The box keeps what fits, so the reader can shorten it rather than retype it.
            context |= {"search_query": raw[:MAX_QUERY_LENGTH], "too_long": True}
            return self.render_to_response(self.get_context_data(**context), status=400)
        context["search_query"] = query
        if query:
            results = search(query)
            with_status_held_for(results.claims, timezone.localdate())
            for actor in results.actors:
                # The names besides the one the link shows, so a reader sees why it matched.
                shown = actor.display_name()
                actor.other_names = [  # type: ignore[attr-defined]
                    n for n in actor.names.all() if n.value != shown
                ]
            context |= {"results": results, **self.json_twins(query)}
        return self.render_to_response(self.get_context_data(**context))

    def json_twins(self, query: str) -> dict[str, Any]:
        """The same search through the API, for each kind (the API lists are not ranked)."""
        encoded = urlencode({"q": query})
        twins = {kind: f"{reverse(f'api:{kind}-list')}?{encoded}" for kind in API_LISTS}
        return {"json_twin": twins["claim"], "api_twins": twins}
