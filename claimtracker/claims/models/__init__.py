"""The ClaimTracker domain: ``from claimtracker.claims.models import Claim``."""

from claimtracker.claims.models.actors import (
    Actor,
    ActorKind,
    ActorName,
    ActorRelation,
    ActorRole,
    NameKind,
    RelationKind,
)
from claimtracker.claims.models.base import Script
from claimtracker.claims.models.claims import (
    STATUS_DEFINITIONS,
    Claim,
    ClaimStatus,
    StatusChange,
    StatusChangeEvidence,
)
from claimtracker.claims.models.corrections import Correction, CorrectionKind
from claimtracker.claims.models.counters import ClaimCount
from claimtracker.claims.models.evidence import ClaimEvidence, Evidence, EvidenceKind, Stance
from claimtracker.claims.models.history import audit_sources, event_models
from claimtracker.claims.models.links import END_KINDS, ContradictionLink
from claimtracker.claims.models.revision import RecordRevision
from claimtracker.claims.models.sources import Source
from claimtracker.claims.models.statements import QuoteMode, Statement
from claimtracker.claims.models.topics import Topic, TopicName
from claimtracker.claims.models.translations import (
    TRANSLATION_MODELS,
    ClaimTranslation,
    ContentTranslation,
    CorrectionTranslation,
    EvidenceTranslation,
    StatusChangeTranslation,
    TopicTranslation,
    TranslationOrigin,
)

__all__ = [
    "END_KINDS",
    "STATUS_DEFINITIONS",
    "TRANSLATION_MODELS",
    "Actor",
    "ActorKind",
    "ActorName",
    "ActorRelation",
    "ActorRole",
    "Claim",
    "ClaimCount",
    "ClaimEvidence",
    "ClaimStatus",
    "ClaimTranslation",
    "ContentTranslation",
    "ContradictionLink",
    "Correction",
    "CorrectionKind",
    "CorrectionTranslation",
    "Evidence",
    "EvidenceKind",
    "EvidenceTranslation",
    "NameKind",
    "QuoteMode",
    "RecordRevision",
    "RelationKind",
    "Script",
    "Source",
    "Stance",
    "Statement",
    "StatusChange",
    "StatusChangeEvidence",
    "StatusChangeTranslation",
    "Topic",
    "TopicName",
    "TopicTranslation",
    "TranslationOrigin",
    "audit_sources",
    "event_models",
]
