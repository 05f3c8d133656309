from __future__ import annotations

from typing import Any, Self

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from claimtracker.claims.dates import (
    PartialDate,
    PartialDateField,
    certainly_on_or_after,
    certainly_on_or_before,
    describe_date,
    partial_date_check,
)
from claimtracker.claims.models.base import (
    Publishable,
    PublishableQuerySet,
    audited,
    publication_constraints,
    publication_triggers,
)
from claimtracker.claims.models.corrections import (
    Withdrawable,
    withdrawal_triggers,
)
from claimtracker.claims.search import SearchKeyed, SearchKeyField, statement_document


class QuoteMode(models.TextChoices):
    DIRECT = "direct", _("Direct quote: the speaker's own words")
    REPORTED = "reported", _("Reported speech: the source's paraphrase, not the speaker's words")


class StatementQuerySet(PublishableQuerySet):
    def for_display(self) -> Self:
        """Everything a statement's citation line shows, in a fixed number of queries."""
        return self.select_related(
            "speaker", "speaker_role__organisation", "source", "first_appearance"
        ).prefetch_related("speaker__names")

    def stated_within(
        self, start: PartialDate | None = None, end: PartialDate | None = None
    ) -> Self:
        """Statements certainly made within ``start``..``end``, each bound inclusive at its
        precision and either one open: ``stated_within(PartialDate(2023, 4))`` keeps "2023-04"
        and "2024" but not "2023", which may be January. Year 1 and year 9999 are bounds like
        any other: up to 9999 keeps every dated statement.

        A statement with no date matches an end bound when its "not after" date does, and never
        a start bound: nothing says how early it was made.
        """
        condition = models.Q()
        if start is not None:
            condition &= certainly_on_or_after("stated_on", start.earliest())
        if end is not None:
            last_day = end.latest()
            condition &= certainly_on_or_before("stated_on", last_day) | models.Q(
                stated_not_after__lte=last_day
            )
        return self.filter(condition)

    def latest_first(self) -> Self:
        """The latest statement first, undated ones last: the order the indexes
        statement_latest and statement_speaker_latest hold, so a page of them is a walk."""
        return self.order_by(models.F("stated_on").desc(nulls_last=True), "-pk")


@audited(exclude=("search_document",))
class Statement(SearchKeyed, Withdrawable, Publishable):
    """Who said what, when and where, quoted verbatim from the source it was taken from."""

    speaker = models.ForeignKey("claims.Actor", on_delete=models.PROTECT, related_name="statements")
    speaker_role = models.ForeignKey(
        "claims.ActorRole",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text=_("The post the speaker held when the statement was made, if known."),
    )
    mode = models.CharField(max_length=10, choices=QuoteMode.choices, default=QuoteMode.DIRECT)
    quote = models.TextField(
        help_text=_(
            "Character for character as the source prints it, in the original language; "
            "only the quoted words. A fragment is fine: the paraphrase around it goes in Context."
        )
    )
    language = models.CharField(
        max_length=35, help_text=_("Language of the quote (BCP 47, e.g. en, kk, ru).")
    )
    translation = models.TextField(blank=True, help_text=_("Optional translation of the quote."))
    translation_language = models.CharField(max_length=35, blank=True)
    context = models.TextField(
        blank=True,
        help_text=_("The source's sentence around the quote, verbatim, so readers see how it ran."),
    )
    stated_on = PartialDateField(help_text=_("When it was said, as precise as the source says."))
    stated_on_wording = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The source's own words for when, e.g. “in his latest interview”."),
    )
    stated_not_after = models.DateField(
        null=True,
        blank=True,
        help_text=_("Latest possible date when the exact one is unknown, e.g. the source's date."),
    )
    place = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Where or in what medium: a speech, an interview, a court hearing."),
    )
    source = models.ForeignKey(
        "claims.Source",
        on_delete=models.PROTECT,
        related_name="statements",
        help_text=_("Where this quote was taken from."),
    )
    first_appearance = models.ForeignKey(
        "claims.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="first_appearances",
        help_text=_("Where it was first said or printed, if known and different from the source."),
    )

    search_key = SearchKeyField(sources=["quote", "translation"])
    # Search (docs/search.md): the stored, indexed document searched, each text stemmed in its
    # own language; PostgreSQL recomputes it on every write of the row.
    search_document = models.GeneratedField(
        expression=statement_document(), output_field=SearchVectorField(), db_persist=True
    )

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["-stated_on", "-stated_not_after", "pk"]
        constraints = [
            partial_date_check("stated_on", "statement"),
            *publication_constraints("statement"),
            models.CheckConstraint(
                condition=~models.Q(quote__regex=r"^\s*$"),
                name="statement_quote_not_blank",
                violation_error_message=_("A statement needs the quoted words."),
            ),
            models.CheckConstraint(
                condition=models.Q(translation="") | ~models.Q(translation_language=""),
                name="statement_translation_has_language",
                violation_error_message=_("Say which language the translation is in."),
            ),
        ]
        indexes = [
            # Actor pages: an actor's statements, latest first, in the page's order. Whether
            # one is published rides along, so the actor's tally reads the statements from this
            # index alone, not from one table page each (claims.selectors.actor_tally).
            models.Index(
                "speaker",
                models.F("stated_on").desc(nulls_last=True),
                models.F("id").desc(),
                include=["published_at"],
                name="statement_speaker_latest",
            ),
            # A topic's timeline: the latest statements of a topic holding many claims are found
            # by walking this, not by sorting all of them (claims.selectors.topic_timeline).
            models.Index(
                models.F("stated_on").desc(nulls_last=True),
                models.F("id").desc(),
                name="statement_latest",
            ),
            # Search (0013_search_documents, claims.selectors_search).
            GinIndex(fields=["search_document"], name="statement_search_document"),
        ]
        triggers = [*publication_triggers("statement"), *withdrawal_triggers()]

    def __str__(self) -> str:
        quote = self.quote if len(self.quote) <= 60 else f"{self.quote[:57]}…"
        return f"{self.speaker}: “{quote}”"

    def get_absolute_url(self) -> str:
        return reverse("web:statement", args=[self.pk])

    @property
    def date_display(self) -> str:
        return describe_date(self.stated_on, self.stated_on_wording, self.stated_not_after)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        role = self.speaker_role if self.speaker_role_id else None
        if role is not None and role.actor_id != self.speaker_id:
            errors["speaker_role"] = _("This post belongs to someone else than the speaker.")
        if (
            self.stated_on
            and self.stated_not_after
            and self.stated_on.earliest() > self.stated_not_after
        ):
            errors["stated_not_after"] = _("The latest possible date is before the date.")
        if self.first_appearance_id and self.first_appearance_id == self.source_id:
            errors["first_appearance"] = _(
                "Leave this empty when the statement first appeared in the cited source."
            )
        if errors:
            raise ValidationError(errors)
