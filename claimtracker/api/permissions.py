from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request


def sees_drafts(request: Request) -> bool:
    """Staff in a role read drafts; everyone else reads published records only."""
    user = request.user
    return bool(
        user and user.is_authenticated and user.is_staff and user.has_perm("claims.view_claim")
    )


class RolePermissions(BasePermission):
    """Reading is open (viewsets narrow anonymous readers to published records). Writing needs
    the permission the view names for its action in ``write_permissions``, from the same
    role matrix as the admin (``claimtracker/claims/roles.py``); the services check it again.
    An action with no entry is refused.
    """

    message = "Your role does not allow this."

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not (request.user and request.user.is_authenticated):
            return False
        needed: str | None = getattr(view, "write_permissions", {}).get(
            getattr(view, "action", None)
        )
        return needed is not None and request.user.has_perm(needed)
