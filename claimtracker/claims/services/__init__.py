"""Every write goes through here: ``from claimtracker.claims import services``.

The admin, the API and the management commands call these functions and never write rows
themselves. Each is named ``<entity>_<action>``, keyword-only and atomic, checks the role's
permission, and validates with ``full_clean()`` so a refused write leaves nothing behind.
One module per concept; see docs/roles.md for who may do what.
"""

from claimtracker.claims.services.actors import (
    actor_create,
    actor_role_create,
    actor_role_update,
    actor_update,
    require_one_primary_name,
)
from claimtracker.claims.services.claims import claim_create, claim_update
from claimtracker.claims.services.common import RowEdits, require_permission
from claimtracker.claims.services.corrections import (
    CORRECTABLE,
    correcting,
    record_correct,
    record_withdraw,
)
from claimtracker.claims.services.evidence import (
    claim_evidence_create,
    claim_evidence_delete,
    claim_evidence_update,
    evidence_create,
    evidence_update,
)
from claimtracker.claims.services.links import (
    contradiction_link_create,
    contradiction_link_delete,
    contradiction_link_update,
)
from claimtracker.claims.services.publishing import (
    drafts_published_with,
    record_delete,
    record_publish,
)
from claimtracker.claims.services.sources import (
    source_create,
    source_get_or_create,
    source_update,
)
from claimtracker.claims.services.statements import statement_create, statement_update
from claimtracker.claims.services.status import (
    REASON_MIN_LENGTH,
    StaleStatus,
    claim_change_status,
)
from claimtracker.claims.services.topics import topic_create, topic_update
from claimtracker.claims.services.translations import (
    kazakh_latin_names_ensure,
    translation_delete,
    translation_model,
    translation_save,
    translations_apply,
)

__all__ = [
    "CORRECTABLE",
    "REASON_MIN_LENGTH",
    "RowEdits",
    "StaleStatus",
    "actor_create",
    "actor_role_create",
    "actor_role_update",
    "actor_update",
    "claim_change_status",
    "claim_create",
    "claim_evidence_create",
    "claim_evidence_delete",
    "claim_evidence_update",
    "claim_update",
    "contradiction_link_create",
    "contradiction_link_delete",
    "contradiction_link_update",
    "correcting",
    "drafts_published_with",
    "evidence_create",
    "evidence_update",
    "kazakh_latin_names_ensure",
    "record_correct",
    "record_delete",
    "record_publish",
    "record_withdraw",
    "require_one_primary_name",
    "require_permission",
    "source_create",
    "source_get_or_create",
    "source_update",
    "statement_create",
    "statement_update",
    "topic_create",
    "topic_update",
    "translation_delete",
    "translation_model",
    "translation_save",
    "translations_apply",
]
