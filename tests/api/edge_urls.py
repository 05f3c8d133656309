"""The project's addresses plus some that fail on purpose, for tests/api/test_edges.py and
test_write_answers.py: a real exception is the only way to see what a client gets then."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path

from claimtracker.api.views import StatementViewSet
from claimtracker.claims.models import Statement
from claimtracker.urls import handler400, handler403, handler404, handler500, urlpatterns


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


class StatementsGoneBeforeTheAnswer(StatementViewSet):
    """As if an editor deleted the new draft between the write's commit and its re-read."""

    def get_queryset(self) -> QuerySet[Statement]:
        return super().get_queryset().none()


class StatementsThatCannotBeShown(StatementsGoneBeforeTheAnswer):
    """As if showing a statement had a bug: every serialization raises."""

    def get_serializer_class(self) -> Any:
        class Broken(super().get_serializer_class()):  # type: ignore[misc]
            def to_representation(self, instance: Any) -> Any:
                raise RuntimeError("a bug")

        return Broken


def create(viewset: type[StatementViewSet]) -> Any:
    return viewset.as_view({"post": "create"}, basename="statement")


urlpatterns = [
    path("api/v1/broken/", broken),
    path("api/v1/statements-gone/", create(StatementsGoneBeforeTheAnswer)),
    path("api/v1/statements-unshowable/", create(StatementsThatCannotBeShown)),
    path("broken/", broken),
    *urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
