"""People and institutions, their names in several languages and scripts, and their roles."""

from __future__ import annotations

from typing import Self

from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import Left, Length
from django.db.models.lookups import GreaterThanOrEqual
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from claimtracker.claims.dates import PartialDate, PartialDateField, partial_date_check
from claimtracker.claims.models.base import (
    LocalizedName,
    Publishable,
    PublishableQuerySet,
    Recorded,
    audited,
    publication_constraints,
    publication_triggers,
)
from claimtracker.claims.models.frozen import PartOfPublished
from claimtracker.claims.scripts import in_reader_script, script_of
from claimtracker.claims.weburls import validate_web_url


class ActorKind(models.TextChoices):
    PERSON = "person", _("Person")
    INSTITUTION = "institution", _("Institution")


class ActorQuerySet(PublishableQuerySet):
    def with_names(self) -> Self:
        """Fetch every name up front: ``display_name`` then runs no query per actor."""
        return self.prefetch_related("names")


@audited()
class Actor(Publishable):
    """A person or institution. Public once published, which publishing a record that cites
    it does (``services.record_publish``); until then only staff see it."""

    slug = models.SlugField(
        max_length=120, unique=True, help_text=_("Used in the public address; never change it.")
    )
    kind = models.CharField(max_length=20, choices=ActorKind.choices)
    description = models.TextField(
        blank=True, help_text=_("One or two sentences for readers, from the cited sources.")
    )
    same_as = models.URLField(
        max_length=500,
        blank=True,
        validators=[validate_web_url],
        verbose_name=_("identifying page"),
        help_text=_(
            "A page that unambiguously identifies this actor and is already cited as a source, "
            "such as their Wikipedia article. Shown to fact-check aggregators as schema.org "
            "sameAs."
        ),
    )

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        constraints = publication_constraints("actor")
        triggers = publication_triggers("actor")

    def __str__(self) -> str:
        return self.display_name()

    def get_absolute_url(self) -> str:
        return reverse("web:actor", args=[self.slug])

    def display_name(self, language: str | None = None) -> str:
        """The name for a reader of ``language`` (default: the active one), else the primary.

        Uses prefetched names when present (``Actor.objects.with_names()``); otherwise this
        runs a query.
        """
        code = (language or get_language() or "en").lower()
        wanted = code.split("-")[0]
        names = [name for name in self.names.all() if name.kind != NameKind.FORMER]
        in_language = [n for n in names if n.language.split("-")[0].lower() == wanted]
        in_script = [n for n in in_language if n.script == script_of(code)]
        for candidates in (in_script, in_language, names):
            if candidates:
                best = min(candidates, key=lambda n: NAME_KIND_PREFERENCE[n.kind])
                return in_reader_script(best.value, best.script, code)
        return self.slug

    def role_on(self, when: PartialDate | None) -> ActorRole | None:
        """The role this actor held on a date, when exactly one recorded role covers it."""
        if when is None:
            return None
        covering = [role for role in self.roles.all() if role.covers(when)]
        return covering[0] if len(covering) == 1 else None


class NameKind(models.TextChoices):
    PRIMARY = "primary", _("Primary (shown when no name matches the reader's language)")
    ALIAS = "alias", _("Name in another language, or alias")
    TRANSLITERATION = "transliteration", _("Transliteration")
    FORMER = "former", _("Former name (no longer used)")


NAME_KIND_PREFERENCE: dict[str, int] = {
    NameKind.PRIMARY: 0,
    NameKind.ALIAS: 1,
    NameKind.TRANSLITERATION: 2,
    NameKind.FORMER: 3,
}


@audited()
class ActorName(LocalizedName):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="names")
    kind = models.CharField(max_length=20, choices=NameKind.choices, default=NameKind.ALIAS)

    class Meta:
        ordering = ["actor", "kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["actor"],
                condition=models.Q(kind="primary"),
                name="actorname_one_primary_per_actor",
                violation_error_message=_("An actor has exactly one primary name."),
            ),
            models.UniqueConstraint(
                fields=["actor", "value", "language"],
                name="actorname_unique_per_language",
                violation_error_message=_("This actor already has this name in this language."),
            ),
        ]
        triggers = [
            PartOfPublished(owner_column="actor_id", owner_table="claims_actor", target="actor_id")
        ]
        indexes = [
            # Search: actors by any of their names, folded (pg_trgm, 0003_search).
            GinIndex(
                fields=["search_key"], opclasses=["gin_trgm_ops"], name="actorname_search_trgm"
            ),
        ]


def _end_not_before_start(model_name: str) -> models.CheckConstraint:
    # ISO reduced-precision text compares chronologically once both sides have the same
    # precision, so compare the end with the start cut to the end's length: an end of "2022"
    # is not before a start of "2022-05".
    return models.CheckConstraint(
        condition=models.Q(start__isnull=True)
        | models.Q(end__isnull=True)
        | models.Q(GreaterThanOrEqual(models.F("end"), Left("start", Length("end")))),
        name=f"{model_name}_end_not_before_start",
        violation_error_message=_("The end date is before the start date."),
    )


@audited()
class ActorRole(Recorded):
    """A post held over time (Popolo's Membership): "chairman" of an organisation, from, to."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(
        max_length=300, help_text=_("The post as the source names it, e.g. “President”.")
    )
    organisation = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="member_roles",
        help_text=_("The institution the post belongs to, if the source names one."),
    )
    start = PartialDateField(help_text=_("Leave empty when the source does not say."))
    end = PartialDateField(help_text=_("Leave empty when unknown or still held."))
    note = models.CharField(
        max_length=500,
        blank=True,
        help_text=_("The source's own words about when, e.g. “at the time”, “former”."),
    )
    source = models.ForeignKey("claims.Source", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["actor", "start", "title"]
        constraints = [
            partial_date_check("start", "actorrole"),
            partial_date_check("end", "actorrole"),
            _end_not_before_start("actorrole"),
            models.CheckConstraint(
                condition=~models.Q(organisation=models.F("actor")),
                name="actorrole_not_own_organisation",
                violation_error_message=_("An actor cannot hold a post in itself."),
            ),
        ]
        triggers = [
            PartOfPublished(owner_column="actor_id", owner_table="claims_actor", target="actor_id")
        ]

    def __str__(self) -> str:
        organisation = f", {self.organisation}" if self.organisation_id else ""
        return f"{self.title}{organisation}"

    def covers(self, when: PartialDate) -> bool:
        starts_before = self.start is None or self.start.earliest() <= when.earliest()
        ends_after = self.end is None or self.end.latest() >= when.latest()
        return starts_before and ends_after


class RelationKind(models.TextChoices):
    NEPHEW_OR_NIECE_OF = "nephew_or_niece_of", _("is a nephew or niece of")
    CHILD_OF = "child_of", _("is a child of")
    SIBLING_OF = "sibling_of", _("is a sibling of")
    SPOUSE_OF = "spouse_of", _("is married to")
    RELATIVE_OF = "relative_of", _("is a relative of")


@audited()
class ActorRelation(Recorded):
    """A family tie between two actors, as a source states it: "Abish is Nazarbayev's nephew"."""

    subject = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=30, choices=RelationKind.choices)
    other = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="relations_as_other")
    source = models.ForeignKey("claims.Source", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["subject", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "kind", "other"], name="actorrelation_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(subject=models.F("other")),
                name="actorrelation_not_self",
                violation_error_message=_("An actor cannot be related to itself."),
            ),
        ]
        triggers = [
            PartOfPublished(
                owner_column="subject_id", owner_table="claims_actor", target="actor_id"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.get_kind_display()} {self.other}"
