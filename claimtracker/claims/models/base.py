"""Pieces every curated record shares: who created it, and whether the public may see it."""

from __future__ import annotations

from typing import Any, Self

import pghistory
import pgtrigger
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from claimtracker.claims.models.frozen import CorrectedOnly
from claimtracker.claims.scripts import language_tag
from claimtracker.claims.search import SearchKeyed, SearchKeyField
from claimtracker.claims.text import validate_visible_text


class PublishableQuerySet(models.QuerySet[Any]):
    def published(self) -> Self:
        """What the public sees: public pages, feeds and the public API start here."""
        return self.filter(published_at__isnull=False)

    def drafts(self) -> Self:
        return self.filter(published_at__isnull=True)


class VisibleText(models.Model):
    """Every free-text field is checked for invisible characters (``claims/text.py``).

    Part of ``full_clean()``, so the admin, the API and the services all refuse them, with the
    field named; a mixin rather than per-field validators, so a new text field is covered too.
    """

    class Meta:
        abstract = True

    def clean_fields(self, exclude: Any = None) -> None:
        errors: dict[str, Any] = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if (exclude and field.name in exclude) or field.name in errors or field.generated:
                continue
            value = getattr(self, field.attname)
            if isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
                try:
                    validate_visible_text(value)
                except ValidationError as error:
                    errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)


class Recorded(VisibleText):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text=_("The account that entered this record."),
    )

    class Meta:
        abstract = True


class Publishable(Recorded):
    """A record that starts as a draft only staff see, until a fact-checker or editor publishes it.

    Once published it is never deleted nor unpublished (the database refuses both); a record
    that turns out wrong is corrected with a note instead.
    """

    published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("Empty while this is a draft. Set by publishing, never by hand."),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


def publication_constraints(model_name: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            condition=models.Q(published_at__isnull=True, published_by__isnull=True)
            | models.Q(published_at__isnull=False, published_by__isnull=False),
            name=f"{model_name}_published_with_publisher",
        )
    ]


def publication_triggers(target: str) -> list[pgtrigger.Trigger]:
    """Database triggers: a published row is never deleted, never returns to draft, and
    changes only with a public correction (``frozen.py``; ``target`` is the correction's
    column that points at this model)."""
    return [
        CorrectedOnly(target=f"{target}_id"),
        pgtrigger.Protect(
            name="published_never_deleted",
            operation=pgtrigger.Delete,
            condition=pgtrigger.Q(old__published_at__isnull=False),
        ),
        pgtrigger.Protect(
            name="published_never_unpublished",
            operation=pgtrigger.Update,
            condition=pgtrigger.Q(old__published_at__isnull=False, new__published_at__isnull=True),
        ),
    ]


def audited(*, exclude: tuple[str, ...] = ()) -> Any:
    """Record every insert, update and delete of the model in its event table (``audit.py``).

    Derived columns are left out: the search key follows the text, ``updated_at`` every save.
    """
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        exclude=["search_key", "updated_at", *exclude],
        # Nobody is granted anything on events: curators read them through the admin's
        # history of the record, and no one writes them but the triggers.
        meta={"default_permissions": ()},
    )


class Script(models.TextChoices):
    """ISO 15924 codes of the scripts names are written in."""

    LATIN = "Latn", _("Latin")
    CYRILLIC = "Cyrl", _("Cyrillic")
    ARABIC = "Arab", _("Arabic")
    OTHER = "Zyyy", _("Other")


class LocalizedName(VisibleText, SearchKeyed):
    """A name in one language and script, citing where it comes from."""

    value = models.CharField(
        max_length=300, help_text=_("The name exactly as the source writes it.")
    )
    language = models.CharField(
        max_length=35,
        help_text=_("BCP 47 language tag, e.g. en, kk, ru."),
    )
    script = models.CharField(max_length=4, choices=Script.choices, default=Script.LATIN)
    source = models.ForeignKey(
        "claims.Source",
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where this name, in this spelling, comes from."),
    )
    # Search finds the name in any script (claimtracker/claims/search.py).
    search_key = SearchKeyField(sources=["value"])

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.value} ({self.language})"

    @property
    def lang_tag(self) -> str:
        """The name's ``lang`` attribute: a Latin-script Kazakh name is kk-Latn, not kk."""
        return language_tag(self.language, self.script)
