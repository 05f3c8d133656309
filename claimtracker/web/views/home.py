"""The home page: every published claim as a card, newest change first, with filters."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.generic import ListView

from claimtracker.claims.models import Claim
from claimtracker.claims.selectors import claim_cards, with_status_held_for
from claimtracker.web.filters import ClaimListFilter
from claimtracker.web.pagination import IdsFirstPaginator


class HomeView(ListView):  # type: ignore[type-arg]
    """Bad filter values answer 400 with the form and its errors; a page number past the end
    (or not a number) is a 404, as Django's ListView does."""

    template_name = "web/home.html"
    context_object_name = "claims"
    paginate_by = 20
    paginator_class = IdsFirstPaginator
    filterset: ClaimListFilter

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.filterset = ClaimListFilter(request.GET or None, queryset=claim_cards())
        if self.filterset.is_bound and not self.filterset.is_valid():
            self.object_list = self.filterset.queryset.none()
            return self.render_to_response({"filter": self.filterset}, status=400)
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        return self.filterset.qs if self.filterset.is_bound else self.filterset.queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        claims: list[Claim] = with_status_held_for(list(context["claims"]), timezone.localdate())
        return {**context, "claims": claims, "filter": self.filterset}
