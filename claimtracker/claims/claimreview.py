"""schema.org ClaimReview for a claim: what a claim's public page embeds as JSON-LD, and what the
ClaimReview feed (``/api/v1/export/claimreview.json``) lists for every assessed claim.

``claim_review(claim)`` builds one object from a claim fetched with ``for_claim_review()``, which
prefetches all it reads, so a page of claims costs the same queries as one. Plain data, no HTTP:
the caller serialises it. Withdrawn statements are left out: machines must not present as said
what readers see marked withdrawn.

The scale: schema.org ratings are numbers, our statuses are words. Only the statuses that sit on
a true/false line get a number (refuted 1, partly confirmed 3, confirmed 5, of 1 to 5);
unconfirmed and disputed say where a claim stands, not how true it is, so they get none and
readers see ``alternateName`` only.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from claimtracker.claims.models import (
    ActorKind,
    ActorName,
    Claim,
    ClaimStatus,
    ClaimTranslation,
    Source,
    Statement,
    StatusChange,
    StatusChangeTranslation,
)
from claimtracker.claims.selectors_translations import prefetch_paths, prefetched_translation

SCHEMA_ORG = "https://schema.org"
RATING_VALUES = {
    ClaimStatus.REFUTED: 1,
    ClaimStatus.PARTLY_CONFIRMED: 3,
    ClaimStatus.CONFIRMED: 5,
}
WORST_RATING, BEST_RATING = 1, 5
SCHEMA_TYPES = {ActorKind.PERSON: "Person", ActorKind.INSTITUTION: "Organization"}


def site_url() -> str:
    """The public site's address, with no trailing slash."""
    return str(settings.SITE_URL).rstrip("/")


def publisher_name() -> str:
    return str(settings.PUBLISHER_NAME)


def for_claim_review(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """``claims`` with everything ``claim_review`` reads, in a fixed number of queries."""
    return claims.prefetch_related(
        Prefetch(
            "statements",
            # A withdrawn statement says nothing any more: not who said it, nor where.
            queryset=Statement.objects.published()
            .filter(withdrawn_at__isnull=True)
            .select_related("speaker", "source", "first_appearance")
            .prefetch_related(Prefetch("speaker__names", queryset=ActorName.objects.order_by("pk")))
            .order_by("pk"),
        ),
        Prefetch("status_changes", queryset=StatusChange.objects.order_by("recorded_at", "pk")),
        # The claim and its reason in the reader's language: none fetched in English.
        *prefetch_paths(
            ("translations", ClaimTranslation),
            ("status_changes__translations", StatusChangeTranslation),
        ),
    )


def claims_for_review() -> QuerySet[Claim]:
    """What the feed lists: published claims that have a status, oldest first."""
    return for_claim_review(Claim.objects.published().assessed().order_by("pk"))


def claim_review(claim: Claim, *, language: str | None = None) -> dict[str, Any]:
    """The ClaimReview of an assessed claim, as a JSON-ready dict.

    ``language`` picks the speaker's name (default: the active language). Runs queries unless the
    claim comes from ``for_claim_review``. Raises ValueError for a claim with no status.
    """
    if not claim.status:
        raise ValueError(f"claim {claim.slug} has no status, so there is no review of it")
    changes = list(claim.status_changes.all())
    # The review's texts in the reader's language when translated (``inLanguage`` says which);
    # else the English originals.
    text, in_language = prefetched_translation(claim, "text", language) or (claim.text, "en")
    rating: dict[str, Any] = {
        "@type": "Rating",
        "alternateName": str(ClaimStatus(claim.status).label),
    }
    if changes:
        reason = prefetched_translation(changes[-1], "reason", language)
        rating["ratingExplanation"] = (
            reason[0] if reason and in_language != "en" else changes[-1].reason
        )
    if claim.status in RATING_VALUES:
        rating |= {
            "ratingValue": RATING_VALUES[ClaimStatus(claim.status)],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
        }
    review: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "url": site_url() + claim.get_absolute_url(),
        "claimReviewed": text,
        "inLanguage": in_language,
        "author": {"@type": "Organization", "name": publisher_name(), "url": site_url() + "/"},
        "reviewRating": rating,
        "itemReviewed": _claim_item(claim, language),
    }
    if changes:
        # When the assessment was made (the date it holds as of, e.g. the assessing article's),
        # at the precision it is known, not when it was typed in.
        review["datePublished"] = changes[-1].as_of.isoformat()
    return review


def _claim_item(claim: Claim, language: str | None) -> dict[str, Any]:
    """The reviewed Claim: who first said it, when, and every source it appeared in, from its
    published statements that stand (none withdrawn)."""
    statements = sorted(claim.statements.all(), key=_chronological)
    item: dict[str, Any] = {"@type": "Claim"}
    if not statements:
        return item
    first = statements[0]
    item["author"] = {
        "@type": SCHEMA_TYPES[ActorKind(first.speaker.kind)],
        "name": first.speaker.display_name(language),
    }
    if first.speaker.same_as:
        item["author"]["sameAs"] = first.speaker.same_as
    if first.stated_on is not None:
        item["datePublished"] = first.stated_on.isoformat()
    sources = list({statement.source_id: statement.source for statement in statements}.values())
    item["appearance"] = [_creative_work(source) for source in sources]
    first_appearance = next(
        (s.first_appearance for s in statements if s.first_appearance is not None), None
    )
    if first_appearance is not None:
        item["firstAppearance"] = _creative_work(first_appearance)
    return item


def _chronological(statement: Statement) -> tuple[datetime.date, int]:
    """Dated statements by their earliest possible day, then those bounded, then the undated."""
    if statement.stated_on is not None:
        when = statement.stated_on.earliest()
    else:
        when = statement.stated_not_after or datetime.date.max
    return when, statement.pk


def _creative_work(source: Source) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": source.title}
    if source.url:
        work["url"] = source.url
    if source.published_on is not None:
        work["datePublished"] = source.published_on.isoformat()
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    return work
