"""Query parameters of the API's lists: one explicit ``FilterSet`` per endpoint, and a backend
that answers 400 for a parameter an endpoint does not know instead of silently ignoring it.

Filter semantics (docs/api.md repeats them for clients):

- A parameter given with an empty value (``?status=``) filters nothing.
- Slugs and ids name visible records only: an anonymous client filtering by a draft claim's (or
  actor's, or topic's) slug gets the same 400 as for a slug that does not exist.
- Date-time bounds (``changed_since``, ``recorded_before``…) take ISO 8601, with or without a
  time and offset (UTC when none); ``*_since`` is inclusive, ``*_before`` exclusive.
- Statement dates are partial (``2023``, ``2023-04``, ``2023-04-17``), and so are the bounds of
  ``stated_from`` and ``stated_to``. A statement matches only when the source's date is
  certainly within the range, each bound inclusive at its own precision: ``stated_from=2023-04``
  matches ``2023-04``, ``2023-04-17`` and ``2024`` but not ``2023`` (which may be January);
  ``stated_to=2023-04`` matches ``2023-04-30`` and ``2023-04`` but not ``2023``. A statement
  with no date matches ``stated_to`` when its "not after" bound does, and never ``stated_from``.
  The rule is ``Statement.objects.stated_within``, which the public list and actor pages use too.
- ``q`` searches as the public search page does (``claims.selectors_search``, docs/search.md):
  claims and statements by words of their text, actors and topics by any of their names in any
  script. It narrows the list and keeps its order (newest first, for stable cursors); it is not
  ranked. Over 200 characters is a 400.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q, QuerySet
from django.forms.utils import ErrorDict
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.request import Request

from claimtracker.api.visibility import (
    visible_actors,
    visible_claims,
    visible_evidence,
    visible_parts,
    visible_statements,
    visible_topics,
)
from claimtracker.claims import dates, selectors, selectors_search
from claimtracker.claims.models import (
    Actor,
    ActorKind,
    ActorName,
    Claim,
    ContradictionLink,
    Correction,
    CorrectionKind,
    Evidence,
    EvidenceKind,
    Source,
    Statement,
    StatusChange,
    Topic,
    TopicName,
)
from claimtracker.claims.models.claims import STATUS_CHOICES_WITH_NONE, ClaimQuerySet
from claimtracker.claims.models.statements import StatementQuerySet

PAGINATION = ["cursor", "page_size"]
# DRF's ?format=json (or api, the browsable API), accepted everywhere.
FORMAT = "format"

LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
LANGUAGE_TAG = RegexValidator(
    LANGUAGE_PATTERN,
    "Give a BCP 47 language tag, e.g. en, kk or ru-Latn.",
    code="invalid",
)
PARTIAL_DATE_SCHEMA = {"type": "string", "pattern": dates.ISO_REDUCED_SQL, "example": "2023-04"}
SLUG_SCHEMA = {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"}


class StrictFilterBackend(filters.DjangoFilterBackend):
    """django-filter's backend, except that an unknown or repeated query parameter is a 400
    naming it. Lists take their FilterSet's parameters plus ``cursor`` and ``page_size``;
    details take only ``format``, and are never filtered. An action that reads parameters of
    its own names them in its ``query_parameters`` attribute (``actions.translation_action``).
    """

    def filter_queryset(
        self, request: Request, queryset: QuerySet[Any], view: Any
    ) -> QuerySet[Any]:
        action = getattr(view, "action", None)
        listing = action == "list"
        known: list[str] = list(getattr(getattr(view, action or "", None), "query_parameters", ()))
        if listing:
            filterset_class = self.get_filterset_class(view, queryset)
            known = [*sorted(filterset_class.base_filters if filterset_class else ()), *PAGINATION]
        errors = {
            name: [error]
            for name in request.query_params
            if (error := self.refusal(request, name, known))
        }
        if errors:
            raise ValidationError(errors)
        if not listing:
            return queryset
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise refused_filters(filterset.errors)
        filtered: QuerySet[Any] = filterset.qs
        return filtered

    def refusal(self, request: Request, name: str, known: list[str]) -> ErrorDetail | None:
        if name not in known and name != FORMAT:
            takes = f"takes: {', '.join(known)}" if known else "takes no query parameters"
            return ErrorDetail(
                f"Unknown query parameter “{name}”. This endpoint {takes}.",
                code="unknown_parameter",
            )
        if len(request.query_params.getlist(name)) > 1:
            return ErrorDetail(f"Give “{name}” once.", code="repeated_parameter")
        return None


def refused_filters(errors: ErrorDict) -> ValidationError:
    """The form's errors as a 400, each message formatted as Django formats it.

    django-filter's own translation applies ``%`` to every message, params or not, so a
    message quoting the input (``'100%' is not a date``) raised TypeError and answered 500.
    """
    return ValidationError(
        {
            name: [
                ErrorDetail(
                    str(error.message % error.params if error.params else error.message),
                    code=error.code or "invalid",
                )
                for error in error_list
            ]
            for name, error_list in errors.as_data().items()
        }
    )


# drf-spectacular's extension hooks are untyped; they register in __init_subclass__.
class StrictFilterExtension(DjangoFilterExtension):  # type: ignore[no-untyped-call]
    """Documents each filter parameter as drf-spectacular does, plus ``allowEmptyValue``: an
    empty value filters nothing (the browsable API's filter form sends empty fields)."""

    target_class = "claimtracker.api.filters.StrictFilterBackend"
    priority = 1

    def get_schema_operation_parameters(
        self, auto_schema: Any, *args: Any, **kwargs: Any
    ) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(  # type: ignore[no-untyped-call]
            auto_schema, *args, **kwargs
        )
        return [{**parameter, "allowEmptyValue": True} for parameter in parameters]


# Fields and filters


class BoundedIsoDateTimeField(IsoDateTimeField):
    """ISO 8601 date-times that exist in UTC: 9999-12-31T23:00-05:00 does not, and would make
    the database adapter raise instead of answering 400. Given to the database in UTC:
    PostgreSQL refuses offsets beyond ±15:59 (``+20:19``, a 500) that Python accepts."""

    def to_python(self, value: Any) -> datetime.datetime | None:
        result: datetime.datetime | None = super().to_python(value)
        if result is None:
            return None
        try:
            return result.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class DateTimeFilter(filters.IsoDateTimeFilter):
    field_class = BoundedIsoDateTimeField


class PartialDateFilter(filters.CharFilter):
    field_class = dates.PartialDateFormField


def documented(schema: dict[str, Any], help_text: str) -> Any:
    """Document a filter whose type drf-spectacular cannot infer (it then drops help_text)."""
    return extend_schema_field({**schema, "description": help_text})


def slug_filter(queryset: Any, noun: str, *, help_text: str, **kwargs: Any) -> Any:
    """A filter naming a record by slug; an unknown slug is a 400, not an empty list."""
    return documented(SLUG_SCHEMA, help_text)(
        filters.ModelChoiceFilter(
            queryset=queryset,
            to_field_name="slug",
            widget=forms.TextInput,  # the browsable API would otherwise list every row
            error_messages={"invalid_choice": f"There is no {noun} with the slug “%(value)s”."},
            help_text=help_text,
            **kwargs,
        )
    )


def id_filter(queryset: Any, noun: str, *, help_text: str, **kwargs: Any) -> Any:
    return documented({"type": "integer"}, help_text)(
        filters.ModelChoiceFilter(
            queryset=queryset,
            widget=forms.TextInput,
            error_messages={"invalid_choice": f"There is no {noun} with the id “%(value)s”."},
            help_text=help_text,
            **kwargs,
        )
    )


def partial_date_filter(*, method: str, help_text: str) -> Any:
    return documented(PARTIAL_DATE_SCHEMA, help_text)(
        PartialDateFilter(method=method, help_text=help_text)
    )


def language_filter(help_text: str) -> Any:
    """A BCP 47 tag, matching the tag itself and its subtags (method ``filter_language``)."""
    return documented({"type": "string", "pattern": LANGUAGE_PATTERN}, help_text)(
        filters.CharFilter(method="filter_language", validators=[LANGUAGE_TAG], help_text=help_text)
    )


def search_filter(help_text: str) -> Any:
    """``?q=``, filtered by the FilterSet's ``filter_search`` method."""
    return documented(
        {"type": "string", "maxLength": selectors_search.MAX_QUERY_LENGTH, "example": "Тоқаев"},
        help_text,
    )(
        filters.CharFilter(
            method="filter_search",
            max_length=selectors_search.MAX_QUERY_LENGTH,
            help_text=help_text,
        )
    )


def search_query(value: str) -> str:
    # The form field has refused a query that is too long already; this only drops control
    # characters, which PostgreSQL refuses in text (NUL) and no reader means.
    return selectors_search.clean_query(value)


def by_language(queryset: QuerySet[Any], tag: str) -> QuerySet[Any]:
    return queryset.filter(Q(language__iexact=tag) | Q(language__istartswith=f"{tag}-"))


# FilterSets, one per endpoint


class ClaimFilter(filters.FilterSet):
    status = filters.ChoiceFilter(
        choices=STATUS_CHOICES_WITH_NONE,
        method="filter_status",
        help_text="Claims with this current status; `none`: claims nobody has assessed yet "
        "(not the same as `unconfirmed`).",
    )
    actor = slug_filter(
        visible_actors,
        "actor",
        method="filter_actor",
        help_text="Claims asserted by a statement of the actor with this slug.",
    )
    topic = slug_filter(
        visible_topics,
        "topic",
        field_name="topics",
        help_text="Claims under the topic with this slug.",
    )
    changed_since = DateTimeFilter(
        field_name="status_changed_at",
        lookup_expr="gte",
        help_text="Claims whose status last changed at or after this ISO 8601 date or time.",
    )
    changed_before = DateTimeFilter(
        field_name="status_changed_at",
        lookup_expr="lt",
        help_text="Claims whose status last changed before this ISO 8601 date or time.",
    )
    q = search_filter(
        "Claims whose text contains these words (full-text search on PostgreSQL; Kazakh, "
        "Russian and Latin spellings fold together). Keeps the list's order."
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        return selectors_search.claims_matching(queryset, search_query(value))

    def filter_status(self, queryset: ClaimQuerySet, name: str, value: str) -> ClaimQuerySet:
        return queryset.with_status(value)

    def filter_actor(self, queryset: ClaimQuerySet, name: str, actor: Actor) -> ClaimQuerySet:
        # Only statements the reader may see count: a draft statement must not reveal, through
        # this filter, which published claim it asserts.
        return queryset.asserted_by(actor, statements=visible_statements(self.request))


class StatementFilter(filters.FilterSet):
    actor = slug_filter(
        visible_actors,
        "actor",
        field_name="speaker",
        help_text="Statements by the actor with this slug.",
    )
    stated_from = partial_date_filter(
        method="filter_stated_from",
        help_text="Statements certainly made on or after this date (2023, 2023-04 or "
        "2023-04-17, inclusive at its precision). A statement dated 2023 does not match "
        "2023-04: it may have been made in January.",
    )
    stated_to = partial_date_filter(
        method="filter_stated_to",
        help_text="Statements certainly made on or before this date (2023, 2023-04 or "
        "2023-04-17, inclusive at its precision: 2023-04 means up to 30 April). Undated "
        "statements match when their not-after bound does.",
    )
    language = language_filter("Language of the quote, a BCP 47 tag; `kk` also matches `kk-Cyrl`.")
    q = search_filter(
        "Statements whose quote or translation contains these words (full-text search on "
        "PostgreSQL; Kazakh, Russian and Latin spellings fold together). Keeps the list's order."
    )

    class Meta:
        model = Statement
        fields: list[str] = []

    def filter_search(
        self, queryset: QuerySet[Statement], name: str, value: str
    ) -> QuerySet[Statement]:
        return selectors_search.statements_matching(queryset, search_query(value))

    def filter_stated_from(
        self, queryset: StatementQuerySet, name: str, value: dates.PartialDate
    ) -> StatementQuerySet:
        return queryset.stated_within(start=value)

    def filter_stated_to(
        self, queryset: StatementQuerySet, name: str, value: dates.PartialDate
    ) -> StatementQuerySet:
        return queryset.stated_within(end=value)

    def filter_language(
        self, queryset: QuerySet[Statement], name: str, value: str
    ) -> QuerySet[Statement]:
        return by_language(queryset, value)


class EvidenceFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=EvidenceKind.choices, help_text="The kind of evidence.")
    claim = slug_filter(
        visible_claims,
        "claim",
        field_name="claim_links__claim",
        help_text="Evidence linked to the claim with this slug, whatever its stance.",
    )

    class Meta:
        model = Evidence
        fields: list[str] = []


class HistoryFilter(filters.FilterSet):
    """The filters of an append-only history (status changes, corrections): by when each entry
    was recorded."""

    recorded_since = DateTimeFilter(
        field_name="recorded_at",
        lookup_expr="gte",
        help_text="Entries recorded at or after this ISO 8601 date or time.",
    )
    recorded_before = DateTimeFilter(
        field_name="recorded_at",
        lookup_expr="lt",
        help_text="Entries recorded before this ISO 8601 date or time.",
    )


class StatusChangeFilter(HistoryFilter):
    claim = slug_filter(
        visible_claims, "claim", help_text="The history of the claim with this slug."
    )

    class Meta:
        model = StatusChange
        fields: list[str] = []


class CorrectionFilter(HistoryFilter):
    kind = filters.ChoiceFilter(
        choices=CorrectionKind.choices, help_text="Corrections or withdrawals only."
    )

    class Meta:
        model = Correction
        fields: list[str] = []


class ContradictionLinkFilter(filters.FilterSet):
    statement = id_filter(
        visible_statements,
        "statement",
        method="filter_end",
        help_text="Links with the statement with this id at either end.",
    )
    claim = slug_filter(
        visible_claims,
        "claim",
        method="filter_end",
        help_text="Links with the claim with this slug at either end.",
    )
    evidence = id_filter(
        visible_evidence,
        "evidence",
        method="filter_end",
        help_text="Links with the evidence with this id at either end.",
    )

    class Meta:
        model = ContradictionLink
        fields: list[str] = []

    def filter_end(
        self, queryset: QuerySet[ContradictionLink], name: str, value: Any
    ) -> QuerySet[ContradictionLink]:
        return queryset.filter(Q(**{f"a_{name}": value}) | Q(**{f"b_{name}": value}))


class ActorFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=ActorKind.choices, help_text="Person or institution.")
    q = search_filter(
        "Actors with a name matching these words in any script: `Тоқаев`, `Токаев` and "
        "`tokayev` all find Kassym-Jomart Tokayev."
    )

    class Meta:
        model = Actor
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[Actor], name: str, value: str) -> QuerySet[Actor]:
        # Found by the names the reader may see, as the search page finds them.
        names = visible_parts(ActorName.objects.all(), self.request, selectors.public_actor_names)
        return selectors_search.actors_matching(queryset, search_query(value), names)


class SourceFilter(filters.FilterSet):
    language = language_filter("Language of the source, a BCP 47 tag; `ru` also matches `ru-Latn`.")

    class Meta:
        model = Source
        fields: list[str] = []

    def filter_language(
        self, queryset: QuerySet[Source], name: str, value: str
    ) -> QuerySet[Source]:
        return by_language(queryset, value)


class TopicFilter(filters.FilterSet):
    q = search_filter(
        "Topics whose name, in any language and script, matches these words: `Қанды Қаңтар` "
        "and `Qandy Qantar` find the same topic."
    )

    class Meta:
        model = Topic
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[Topic], name: str, value: str) -> QuerySet[Topic]:
        names = visible_parts(TopicName.objects.all(), self.request, selectors.public_topic_names)
        return selectors_search.topics_matching(queryset, search_query(value), names)
