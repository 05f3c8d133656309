"""The public list's filters, as plain GET forms.

Parameter names are the API's where they mean the same (``status``, ``actor``, ``topic``,
``stated_from``, ``stated_to``), so ``/?status=unconfirmed&actor=kassym-jomart-tokayev`` and
``/api/v1/claims/?status=unconfirmed&actor=kassym-jomart-tokayev`` list the same claims. An empty
value filters nothing, since a submitted form sends every field. A draft actor or topic is
unknown here, as on its page.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from claimtracker.claims.dates import PartialDate, PartialDateFormField
from claimtracker.claims.models import Actor, Claim, Topic
from claimtracker.claims.models.claims import STATUS_CHOICES_WITH_NONE, ClaimQuerySet
from claimtracker.claims.selectors import public_actor_names
from claimtracker.claims.selectors_search import MAX_QUERY_LENGTH, actors_matching, actors_named

NOT_A_STATUS = _("“%(value)s” is not a status; choose one from the list.")
NO_SUCH_ACTOR = _("Nobody on record is called “%(value)s”.")
SEVERAL_ACTORS = _("“%(value)s” could be more than one person or institution: choose one.")
# How many people a name that is not unique (or only alike) offers to choose from.
ACTOR_SUGGESTIONS = 8
NO_SUCH_TOPIC = _("There is no topic with the address name “%(value)s”.")
STATED_FROM_HELP = _("2022, 2022-01 or 2022-01-05; statements certainly made on or after it.")
STATED_TO_HELP = _("2024, 2024-01 or 2024-01-11; statements certainly made on or before it.")


def stated_from_field() -> PartialDateFormField:
    return PartialDateFormField(required=False, label=_("Said from"), help_text=STATED_FROM_HELP)


def stated_to_field() -> PartialDateFormField:
    return PartialDateFormField(required=False, label=_("Said until"), help_text=STATED_TO_HELP)


class StatedRangeForm(forms.Form):
    """A range of statement dates, each bound a partial date; the start not after the end."""

    stated_from = stated_from_field()
    stated_to = stated_to_field()

    # The FilterSet's own fields come after these otherwise.
    field_order = ["status", "actor", "topic", "stated_from", "stated_to"]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        start: PartialDate | None = cleaned.get("stated_from")
        end: PartialDate | None = cleaned.get("stated_to")
        if start and end and start.earliest() > end.latest():
            raise forms.ValidationError(
                _("The start of the range (%(start)s) is after its end (%(end)s)."),
                code="reversed_range",
                params={"start": start.humanize(), "end": end.humanize()},
            )
        return cleaned


class ActorField(forms.CharField):
    """A published actor, named by the address of their page (kassym-jomart-tokayev) or by any
    of their published names in any script (Токаев, Тоқаев, Tokayev).

    A name that fits several people, or none exactly, is refused with ``suggestions`` set: the
    people it could mean, which the form offers as links. It works without JavaScript.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=MAX_QUERY_LENGTH, **kwargs)
        self.suggestions: list[Actor] = []

    def clean(self, value: Any) -> Actor | None:
        text = super().clean(value)
        if not text:
            return None
        actors = Actor.objects.published()
        by_address: Actor | None = actors.filter(slug=text).first()
        if by_address is not None:
            return by_address
        names = public_actor_names()
        named: list[Actor] = list(
            actors_named(actors, text, names).with_names()[: ACTOR_SUGGESTIONS + 1]
        )
        if len(named) == 1:
            return named[0]
        self.suggestions = named or list(
            actors_matching(actors, text, names).with_names()[:ACTOR_SUGGESTIONS]
        )
        if named:
            raise forms.ValidationError(SEVERAL_ACTORS, code="ambiguous", params={"value": text})
        raise forms.ValidationError(NO_SUCH_ACTOR, code="invalid_choice", params={"value": text})


class PartialDateFilter(django_filters.CharFilter):  # type: ignore[misc]  # untyped library
    field_class = PartialDateFormField


class ActorFilter(django_filters.Filter):  # type: ignore[misc]  # untyped library
    field_class = ActorField


def unfiltered(queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
    """Actor and dates filter together in ``ClaimListFilter.filter_queryset``."""
    return queryset


class ClaimListFilter(django_filters.FilterSet):  # type: ignore[misc]  # untyped library
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=STATUS_CHOICES_WITH_NONE,
        empty_label=_("Any status"),
        error_messages={
            "invalid_choice": _("“%(value)s” is not a status; choose one from the list.")
        },
        method="filter_status",
    )
    # A text box, not a list: there may be thousands of actors. Actor pages link here with
    # their address name filled in; readers type a name.
    actor = ActorFilter(
        label=_("Person or institution"),
        widget=forms.TextInput(attrs={"placeholder": "Tokayev, Токаев, Тоқаев"}),
        help_text=_("Any of their names, in any script."),
        method=unfiltered,
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        queryset=Topic.objects.published().order_by("name"),
        to_field_name="slug",
        empty_label=_("Any topic"),
        error_messages={
            "invalid_choice": _("There is no topic with the address name “%(value)s”.")
        },
        field_name="topics",
    )
    stated_from = PartialDateFilter(
        label=_("Said from"), help_text=STATED_FROM_HELP, method=unfiltered
    )
    stated_to = PartialDateFilter(
        label=_("Said until"), help_text=STATED_TO_HELP, method=unfiltered
    )

    class Meta:
        model = Claim
        fields: list[str] = []
        form = StatedRangeForm

    def filter_status(self, queryset: ClaimQuerySet, name: str, value: str) -> ClaimQuerySet:
        return queryset.with_status(value)

    def filter_queryset(self, queryset: ClaimQuerySet, *, by_status: bool = True) -> ClaimQuerySet:
        """The claims the filters leave; ``by_status=False`` applies all but the status, for
        the home page's status tabs, which count what each status would show."""
        data = self.form.cleaned_data
        for name, value in data.items():
            if by_status or name != "status":
                queryset = self.filters[name].filter(queryset, value)
        actor, start, end = data.get("actor"), data.get("stated_from"), data.get("stated_to")
        if actor or start or end:
            # One statement by this actor, within these dates, asserts the claim.
            queryset = queryset.asserted_by(actor, start=start, end=end)
        return queryset
