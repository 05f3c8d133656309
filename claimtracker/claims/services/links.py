"""Contradiction links between two statements, claims or pieces of evidence."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from claimtracker.claims.models import ContradictionLink
from claimtracker.claims.models.links import LinkEnd
from claimtracker.claims.services.common import require_permission, writing


def contradiction_link_create(
    *, by: User, first: LinkEnd, second: LinkEnd, explanation: str
) -> ContradictionLink:
    """Link two items that contradict each other; (A, B) and (B, A) are the same link."""
    require_permission(by, "add_contradictionlink", _("link contradictions"))
    link = ContradictionLink.between(first, second, explanation.strip())
    link.created_by = by
    with writing(by=by, why=link.explanation):
        link.full_clean()
        link.save()
    return link


def contradiction_link_update(
    *, by: User, link: ContradictionLink, explanation: str, why: str = ""
) -> ContradictionLink:
    """Improve a link's explanation; its two ends stay put."""
    require_permission(by, "change_contradictionlink", _("change contradiction links"))
    with writing(by=by, why=why or explanation.strip()):
        link.explanation = explanation.strip()
        link.full_clean()
        link.save()
    return link


def contradiction_link_delete(*, by: User, link: ContradictionLink) -> None:
    """Remove a link that turned out wrong (links are editorial, not history)."""
    require_permission(by, "delete_contradictionlink", _("remove contradiction links"))
    with writing(by=by, why=_("Link removed")):
        link.delete()
