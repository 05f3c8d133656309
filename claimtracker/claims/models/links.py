"""Contradiction links between statements, claims and evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Self

from django.db import models
from django.db.models import Case, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from claimtracker.claims.models.base import Recorded, audited

# A link's two ends are each exactly one of these; the rank orders kinds so that every pair has
# one canonical way round (see ContradictionLink).
END_KINDS = {"statement": 1, "claim": 2, "evidence": 3}


type LinkEnd = models.Model


def end_kind(item: LinkEnd) -> str:
    kind = item._meta.model_name
    if kind not in END_KINDS:
        raise TypeError(f"a contradiction link joins statements, claims and evidence, not {kind}")
    return kind


def end_key(item: LinkEnd) -> tuple[int, int]:
    return END_KINDS[end_kind(item)], item.pk


def _end_options(side: str) -> dict[str, Any]:
    return {
        "on_delete": models.PROTECT,
        "null": True,
        "blank": True,
        "related_name": f"contradiction_links_as_{side}",
    }


def _kind_rank(side: str) -> Case:
    return Case(
        *(
            When(**{f"{side}_{kind}__isnull": False}, then=Value(rank))
            for kind, rank in END_KINDS.items()
        ),
        default=Value(0),
        output_field=models.SmallIntegerField(),
    )


def _end_id(side: str) -> Coalesce:
    return Coalesce(
        *(f"{side}_{kind}" for kind in END_KINDS), output_field=models.BigIntegerField()
    )


def _exactly_one_end(side: str) -> Q:
    ends = [f"{side}_{kind}" for kind in END_KINDS]
    condition = Q()
    for chosen in ends:
        condition |= Q(**{f"{end}__isnull": end != chosen for end in ends})
    return condition


class ContradictionLinkQuerySet(models.QuerySet[Any]):
    def published(self) -> Self:
        """Links whose two ends are both published: a link to a draft is a draft too.

        Each end's ``published_at`` is a scalar subquery on its primary key, which PostgreSQL
        runs as one index lookup per link; a join, or EXISTS (which PostgreSQL 18 turns into a
        hash of every published row), would cost what the tables pointed into weigh. The bulk
        export runs this same SQL."""
        ends_published_at = {
            f"{side}_published_at": Coalesce(
                *(self._end_published_at(f"{side}_{kind}") for kind in END_KINDS)
            )
            for side in "ab"
        }
        return self.alias(**ends_published_at).filter(
            a_published_at__isnull=False, b_published_at__isnull=False
        )

    def touching(self, *items: LinkEnd) -> Self:
        """Links with any of ``items`` at either end (a page's record and what it is made of)."""
        ids: dict[str, list[int]] = {}
        for item in items:
            ids.setdefault(end_kind(item), []).append(item.pk)
        condition = Q(pk__in=[])
        for kind, pks in ids.items():
            condition |= Q(**{f"a_{kind}__in": pks}) | Q(**{f"b_{kind}__in": pks})
        return self.filter(condition)

    def for_display(self) -> Self:
        """Both ends of every link with what a page names them by, in a fixed number of queries."""
        return self.select_related(
            *(f"{side}_{kind}" for side in "ab" for kind in END_KINDS),
            "a_statement__speaker",
            "b_statement__speaker",
        ).prefetch_related("a_statement__speaker__names", "b_statement__speaker__names")

    def _end_published_at(self, end_name: str) -> Subquery:
        end = self.model._meta.get_field(end_name)
        ends = end.related_model._base_manager.filter(pk=OuterRef(end.attname)).order_by()
        return Subquery(ends.values("published_at"))


@audited(exclude=("a_kind", "a_id", "b_kind", "b_id"))
class ContradictionLink(Recorded):
    """Two items that contradict each other, with the explanation readers see.

    Each end is a statement, a claim or a piece of evidence, as typed foreign keys. A link is
    stored one way round only: end A sorts before end B by (kind rank, id). That rule, a check
    constraint and a unique constraint make (A, B) and (B, A) the same row and forbid a link from
    an item to itself; ``services.contradiction_link_create`` puts the ends in order.
    """

    a_statement = models.ForeignKey("claims.Statement", **_end_options("a"))
    a_claim = models.ForeignKey("claims.Claim", **_end_options("a"))
    a_evidence = models.ForeignKey("claims.Evidence", **_end_options("a"))
    b_statement = models.ForeignKey("claims.Statement", **_end_options("b"))
    b_claim = models.ForeignKey("claims.Claim", **_end_options("b"))
    b_evidence = models.ForeignKey("claims.Evidence", **_end_options("b"))
    a_kind = models.GeneratedField(
        expression=_kind_rank("a"), output_field=models.SmallIntegerField(), db_persist=True
    )
    a_id = models.GeneratedField(
        expression=_end_id("a"), output_field=models.BigIntegerField(), db_persist=True
    )
    b_kind = models.GeneratedField(
        expression=_kind_rank("b"), output_field=models.SmallIntegerField(), db_persist=True
    )
    b_id = models.GeneratedField(
        expression=_end_id("b"), output_field=models.BigIntegerField(), db_persist=True
    )
    explanation = models.TextField(
        help_text=_("How the two contradict each other, for readers; quote the sources.")
    )

    objects = ContradictionLinkQuerySet.as_manager()

    class Meta:
        ordering = ["a_kind", "a_id", "b_kind", "b_id"]
        constraints = [
            models.CheckConstraint(condition=_exactly_one_end("a"), name="link_one_end_a"),
            models.CheckConstraint(condition=_exactly_one_end("b"), name="link_one_end_b"),
            models.CheckConstraint(
                condition=Q(a_kind__lt=F("b_kind")) | Q(a_kind=F("b_kind"), a_id__lt=F("b_id")),
                name="link_ends_in_order",
                violation_error_message=_("An item cannot contradict itself."),
            ),
            models.UniqueConstraint(
                fields=["a_kind", "a_id", "b_kind", "b_id"],
                name="link_unique_pair",
                violation_error_message=_("These two items are already linked."),
            ),
            models.CheckConstraint(
                condition=~Q(explanation__regex=r"^\s*$"),
                name="link_explanation_not_blank",
                violation_error_message=_("Explain how the two contradict each other."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.end_a} ⟷ {self.end_b}"

    @classmethod
    def between(cls, first: LinkEnd, second: LinkEnd, explanation: str) -> ContradictionLink:
        """An unsaved link with its ends in canonical order, whichever way round they came."""
        ends = sorted([first, second], key=end_key)
        link = cls(explanation=explanation)
        for side, item in zip("ab", ends, strict=True):
            setattr(link, f"{side}_{end_kind(item)}", item)
        return link

    @property
    def end_a(self) -> models.Model:
        return self._end("a")

    @property
    def end_b(self) -> models.Model:
        return self._end("b")

    def seen_from(self, *near: LinkEnd) -> Facing:
        """The link as a page about ``near`` (a record and its parts) shows it: which end is the
        page's and which the other's."""
        keys = {end_key(item) for item in near}
        if end_key(self.end_a) in keys:
            return Facing(self, self.end_a, self.end_b)
        return Facing(self, self.end_b, self.end_a)

    def _end(self, side: str) -> models.Model:
        for kind in END_KINDS:
            item: models.Model | None = getattr(self, f"{side}_{kind}")
            if item is not None:
                return item
        raise ValueError(f"contradiction link {self.pk} has no end {side}")


@dataclass(frozen=True)
class Facing:
    """A contradiction link from one end: ``near`` is the page's record (or one of its parts)."""

    link: ContradictionLink
    near: LinkEnd
    far: LinkEnd

    @property
    def contradicted_by(self) -> bool:
        """Evidence contradicts what was said or claimed; between two statements, two claims or
        two pieces of evidence the contradiction is mutual and reads "contradicts" both ways."""
        return end_kind(self.far) == "evidence" and end_kind(self.near) != "evidence"

    @property
    def near_kind(self) -> str:
        return end_kind(self.near)

    @property
    def far_kind(self) -> str:
        return end_kind(self.far)
