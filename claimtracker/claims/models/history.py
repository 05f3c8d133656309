"""The audit trail's reach: the claim's many-to-many rows, and which events make up whose history.

Each curated model is tracked where it is declared (``@audited()``, ``base.py``); the rows
Django creates for ``Claim.statements`` and ``Claim.topics`` have no class of their own, so
proxies here carry their tracking (pghistory's documented way for many-to-many tables).
"""

from __future__ import annotations

from typing import Any

import pghistory
from django.apps import apps
from django.db import models

from claimtracker.claims.models.claims import Claim
from claimtracker.claims.models.frozen import PartOfPublished


@pghistory.track(
    pghistory.InsertEvent("statement.add"),
    pghistory.DeleteEvent("statement.remove"),
    obj_field=None,
    model_name="ClaimStatementEvent",
    meta={"default_permissions": ()},
)
class ClaimStatement(Claim.statements.through):  # type: ignore[name-defined,misc]
    class Meta:
        proxy = True
        default_permissions = ()
        triggers = [
            PartOfPublished(owner_column="claim_id", owner_table="claims_claim", target="claim_id")
        ]


@pghistory.track(
    pghistory.InsertEvent("topic.add"),
    pghistory.DeleteEvent("topic.remove"),
    obj_field=None,
    model_name="ClaimTopicEvent",
    meta={"default_permissions": ()},
)
class ClaimTopic(Claim.topics.through):  # type: ignore[name-defined,misc]
    class Meta:
        proxy = True
        default_permissions = ()
        triggers = [
            PartOfPublished(owner_column="claim_id", owner_table="claims_claim", target="claim_id")
        ]


# A record's history: its own events, then those of the rows edited as part of it (what the
# admin shows as its inlines), found by the column that points to the record.
PARTS: dict[str, list[tuple[str, str, str]]] = {
    "actor": [
        ("ActorNameEvent", "actor name", "actor_id"),
        ("ActorRoleEvent", "post held", "actor_id"),
        ("ActorRelationEvent", "family tie", "subject_id"),
    ],
    "topic": [
        ("TopicNameEvent", "topic name", "topic_id"),
        ("TopicTranslationEvent", "translation", "topic_id"),
    ],
    "claim": [
        ("ClaimStatementEvent", "asserting statement", "claim_id"),
        ("ClaimTopicEvent", "topic", "claim_id"),
        ("ClaimEvidenceEvent", "evidence link", "claim_id"),
        ("ClaimTranslationEvent", "translation", "claim_id"),
        ("StatusChangeTranslationEvent", "reason translation", "status_change__claim_id"),
    ],
    "evidence": [("EvidenceTranslationEvent", "translation", "evidence_id")],
}


def audit_sources(model: type[models.Model]) -> list[tuple[type[models.Model], str, str]]:
    """(event model, what it records, lookup for the record's id) making up ``model``'s history.

    Empty for a model that is not tracked.
    """
    name = model._meta.model_name or ""
    label = f"{model._meta.object_name}Event"
    try:
        own: Any = apps.get_model("claims", label)
    except LookupError:
        return []
    sources = [(own, str(model._meta.verbose_name), "pgh_obj_id")]
    for event_name, what, lookup in PARTS.get(name, []):
        sources.append((apps.get_model("claims", event_name), what, lookup))
    return sources


def event_models() -> list[type[models.Model]]:
    """Every event table of the audit trail (append-only)."""
    return [
        model
        for model in apps.get_app_config("claims").get_models()
        if issubclass(model, pghistory.models.Event)
    ]
