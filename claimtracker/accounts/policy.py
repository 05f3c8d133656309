"""Who outranks whom, and who must use a second factor. Reads only; each runs a query or two."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ObjectDoesNotExist
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from claimtracker.accounts.models import AccountKind
from claimtracker.claims.roles import GROUP_NAMES, Role

# A User, an AnonymousUser, or the lazy wrapper middleware puts around either.
AnyUser = Any

# The role groups in order of what they may do; docs/roles.md has the matrix.
RANK = {
    GROUP_NAMES[Role.JOURNALIST]: 1,
    GROUP_NAMES[Role.FACT_CHECKER]: 2,
    GROUP_NAMES[Role.EDITOR]: 3,
}
EDITOR_RANK = RANK[GROUP_NAMES[Role.EDITOR]]
# Above every role: only a superuser manages editors and other superusers.
SUPERUSER_RANK = 100


def role_rank(user: AnyUser) -> int:
    """The highest role ``user`` holds (0 for none); superusers outrank every role."""
    # Inactive accounts keep their rank: an editor may not reactivate a deactivated editor.
    if not user.is_authenticated:
        return 0
    if getattr(user, "is_superuser", False):
        return SUPERUSER_RANK
    names = user.groups.values_list("name", flat=True)
    return max((RANK.get(name, 0) for name in names), default=0)


# What each role alone may do (claims/roles.py): the acting user's rank is read from the
# permissions Django has already loaded for the page, so the admin's menus cost no query.
RANK_PERMISSIONS = [
    (RANK[GROUP_NAMES[Role.EDITOR]], "claims.edit_published"),
    (RANK[GROUP_NAMES[Role.FACT_CHECKER]], "claims.add_statuschange"),
    (RANK[GROUP_NAMES[Role.JOURNALIST]], "claims.add_claim"),
]


def acting_rank(user: AnyUser) -> int:
    """The rank of the signed-in user from their (cached) permissions; superusers outrank all.

    Permissions come only from the role groups (editors cannot grant any directly), so this is
    the rank of their highest role.
    """
    if not user.is_authenticated or not user.is_active:
        return 0
    if getattr(user, "is_superuser", False):
        return SUPERUSER_RANK
    return next((rank for rank, perm in RANK_PERMISSIONS if user.has_perm(perm)), 0)


def is_editor(user: AnyUser) -> bool:
    """Editors and superusers manage accounts of lower roles and the role policies."""
    return acting_rank(user) >= EDITOR_RANK


def grantable_groups(user: AnyUser) -> list[Group]:
    """The role groups ``user`` may hand out: those strictly below their own role.

    Superusers may grant any group (role or not); editors grant journalist and fact-checker.
    """
    rank = acting_rank(user)
    if rank >= SUPERUSER_RANK:
        return list(Group.objects.all())
    names = [name for name, group_rank in RANK.items() if group_rank < rank]
    return list(Group.objects.filter(name__in=names))


def second_factor_required(user: AnyUser) -> bool:
    """Must ``user`` pass a second factor? Superusers always; role members per RolePolicy.

    A role with no policy row follows settings.SECOND_FACTOR_REQUIRED. Accounts in no role
    can do nothing in the admin, so they are not asked.
    """
    if not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False):
        return bool(settings.SECOND_FACTOR_REQUIRED_FOR_SUPERUSERS)
    groups = list(user.groups.select_related("policy").filter(name__in=RANK))
    default = bool(settings.SECOND_FACTOR_REQUIRED)
    for group in groups:
        policy = getattr(group, "policy", None)
        if (policy is None and default) or (policy is not None and policy.require_second_factor):
            return True
    return False


def has_confirmed_device(user: AnyUser) -> bool:
    """Has ``user`` a confirmed authenticator app? Runs a query.

    Backup codes do not count: they sign a user in once, who is then asked to set up an app.
    """
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def has_any_device(user: AnyUser) -> bool:
    """Can ``user`` answer a code at all (an app or a backup code)? A query per device type."""
    return any(True for _device in devices_for_user(user, confirmed=True))


def account_kind(user: AnyUser) -> str | None:
    """``AccountKind.Kind`` of ``user``, or None for a person's account. A query unless the
    user was loaded with ``select_related("account_kind")`` (the sign-in backend does that).
    """
    try:
        return str(user.account_kind.kind)
    except ObjectDoesNotExist:
        return None


def may_sign_in(user: AnyUser) -> bool:
    """Automated accounts never sign in; demo accounts (public passwords) only under DEBUG."""
    kind = account_kind(user)
    if kind == AccountKind.Kind.AUTOMATED:
        return False
    return not (kind == AccountKind.Kind.DEMO and not settings.DEBUG)


def may_set_policy(user: AnyUser, group: Group) -> bool:
    """Editors set the policies of the roles below their own; only superusers set the Editor
    role's, so that an editor cannot switch off the second factor that protects editors.
    """
    if acting_rank(user) >= SUPERUSER_RANK:
        return True
    return is_editor(user) and RANK.get(group.name, 0) < EDITOR_RANK
