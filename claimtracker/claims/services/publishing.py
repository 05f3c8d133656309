"""Publishing a draft, and deleting one: a published record is never deleted."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from claimtracker.claims.models.base import Publishable
from claimtracker.claims.services.common import (
    require_model_permission,
    require_permission,
    writing,
)


def record_publish[Record: Publishable](*, by: User, record: Record) -> Record:
    """Make a draft statement, claim or piece of evidence public. Publishing is for good."""
    require_permission(by, "publish_records", _("publish records"))
    if record.published_at is not None:
        return record
    with writing(by=by, why=_("Published")):
        record.published_at = timezone.now()
        record.published_by = by
        record.full_clean()
        record.save(update_fields=["published_at", "published_by", "updated_at"])
    return record


def require_editable(by: User, record: Publishable) -> None:
    """Once published, a record is edited by editors only (corrections aside)."""
    if record.is_published:
        require_permission(by, "edit_published", _("edit published records"))


def record_delete(*, by: User, record: models.Model, why: str = "") -> None:
    """Delete a record entered by mistake; the database refuses to delete a published one."""
    require_model_permission(by, "delete", type(record))
    if isinstance(record, Publishable) and record.is_published:
        raise PermissionDenied(_("A published record is never deleted: correct it instead."))
    with writing(by=by, why=why):
        record.delete()
