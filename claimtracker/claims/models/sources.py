from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from claimtracker.claims.dates import PartialDateField, partial_date_check
from claimtracker.claims.models.base import (
    Publishable,
    PublishableQuerySet,
    audited,
    publication_constraints,
    publication_triggers,
)
from claimtracker.claims.weburls import normalise_url, refuse_credentials, validate_web_url


@audited()
class Source(Publishable):
    """Where something was published or observed: what every other record cites."""

    title = models.CharField(max_length=500, help_text=_("The title as published."))
    publisher = models.CharField(
        max_length=300,
        blank=True,
        help_text=_(
            "The outlet or body that published it. Leave empty if the source does not say."
        ),
    )
    author = models.CharField(
        max_length=300, blank=True, help_text=_("Leave empty if the source does not name one.")
    )
    published_on = PartialDateField(
        help_text=_("As precise as the source says: 2024, 2024-01 or 2024-01-11."),
    )
    language = models.CharField(max_length=35, help_text=_("BCP 47 language tag, e.g. en, kk, ru."))
    url = models.URLField(
        max_length=2000,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_web_url],
        help_text=_(
            "http or https only. Stored in a canonical form, so a source is entered once. "
            "Leave empty for print or offline sources."
        ),
    )
    archive_url = models.URLField(
        max_length=2000,
        blank=True,
        validators=[validate_web_url],
        help_text=_("A copy in a web archive, in case the original changes or disappears."),
    )
    accessed_on = models.DateField(
        null=True, blank=True, help_text=_("When the cited copy was read.")
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        triggers = publication_triggers("source")
        constraints = [
            *publication_constraints("source"),
            partial_date_check("published_on", "source"),
            models.CheckConstraint(
                condition=models.Q(url__isnull=True)
                | models.Q(url__startswith="http://")
                | models.Q(url__startswith="https://"),
                name="source_url_is_web",
                violation_error_message=_("Enter a web address that starts with http(s)://."),
            ),
            models.CheckConstraint(
                condition=models.Q(archive_url="")
                | models.Q(archive_url__startswith="http://")
                | models.Q(archive_url__startswith="https://"),
                name="source_archive_url_is_web",
                violation_error_message=_("Enter a web address that starts with http(s)://."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.published_on})" if self.published_on else self.title

    def get_absolute_url(self) -> str:
        return reverse("web:source", args=[self.pk])

    def clean(self) -> None:
        # An empty address is "no address", which may repeat; only real addresses are unique.
        self.url = normalise_url(self.url) if self.url else None
        if self.archive_url:
            # Kept as given, not normalised: an archive's address embeds the original one.
            self.archive_url = self.archive_url.strip()
            try:
                refuse_credentials(self.archive_url)
            except ValidationError as error:
                raise ValidationError({"archive_url": error}) from error
