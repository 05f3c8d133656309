"""Accounts in the admin: editors manage journalists and fact-checkers, never anyone at or above
their own role, whatever the form sends; superusers manage everyone. Role policies (second
factor per role) are the editors' to set, except the Editor role's, which only superusers set.

Every limit is enforced on the server: the queryset hides accounts at or above the editor's
rank (their change, password and history pages answer "not found"), the form has no fields for
superuser status, staff status or permissions (a forged POST of those is ignored), and the
groups field only accepts roles below the editor's own (a forged id is a form error).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ManyToManyField, Q, QuerySet
from django.forms import BaseModelFormSet, Form, ModelMultipleChoiceField
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from claimtracker.accounts import services
from claimtracker.accounts.models import AccountKind, RolePolicy
from claimtracker.accounts.policy import (
    EDITOR_RANK,
    RANK,
    SUPERUSER_RANK,
    account_kind,
    acting_rank,
    grantable_groups,
    is_editor,
    may_set_policy,
    role_rank,
)
from claimtracker.accounts.receivers import remember_current_session

admin.site.unregister(User)


def is_superuser(request: HttpRequest) -> bool:
    return bool(request.user.is_active and getattr(request.user, "is_superuser", False))


class PeoplePasswordChangeForm(AdminPasswordChangeForm):  # type: ignore[type-arg]
    """The admin's "set password" form, refusing a password to an automated account."""

    def clean(self) -> dict[str, Any]:
        if account_kind(self.user) == AccountKind.Kind.AUTOMATED:
            raise ValidationError(
                {
                    "password1": _(
                        "This is an automated account: a program writes as it and it never "
                        "signs in, so it cannot be given a password."
                    )
                },
                code="automated_account",
            )
        return super().clean() or {}


@admin.register(User)
class StaffUserAdmin(UserAdmin):  # type: ignore[type-arg]
    # What an editor may see and change; superusers get Django's full form.
    editor_fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (
            _("Role"),
            {
                "fields": ("is_active", "groups"),
                "description": _(
                    "An editor may give the journalist or fact-checker role. Unticking "
                    "“active” signs the person out everywhere and revokes their API tokens. "
                    "Staff status follows the role: an account with a role can use the admin."
                ),
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    editor_readonly_fields = ("last_login", "date_joined")
    actions = ["deactivate_and_sign_out", "reset_second_factor"]
    change_password_form = PeoplePasswordChangeForm
    list_display = ("username", "first_name", "last_name", "email", "is_active", "is_staff")

    # Who sees what

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        queryset = super().get_queryset(request)
        if is_superuser(request):
            return queryset
        if not is_editor(request.user):
            return queryset.none()
        # Editors see only accounts below their rank: no superusers, no editors (themselves
        # included: their own password has its own page, and they may not widen their role).
        outranking = [name for name, rank in RANK.items() if rank >= EDITOR_RANK]
        return queryset.exclude(Q(is_superuser=True) | Q(groups__name__in=outranking)).distinct()

    def may_manage(self, request: HttpRequest, obj: User | None) -> bool:
        if is_superuser(request):
            return True
        if not is_editor(request.user):
            return False
        return obj is None or (
            not obj.is_superuser and role_rank(obj) < min(acting_rank(request.user), SUPERUSER_RANK)
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_superuser(request) or is_editor(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.may_manage(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.may_manage(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.may_manage(request, None)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Accounts are deactivated, not deleted: the history names who did what.
        return is_superuser(request) and super().has_delete_permission(request, obj)

    # The form an editor gets

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None or is_superuser(request):
            return super().get_fieldsets(request, obj)
        return self.editor_fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if is_superuser(request):
            return super().get_readonly_fields(request, obj)
        return self.editor_readonly_fields

    def formfield_for_manytomany(
        self, db_field: ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField | None:  # type: ignore[type-arg]
        if db_field.name == "groups" and not is_superuser(request):
            kwargs["queryset"] = Group.objects.filter(
                pk__in=[group.pk for group in grantable_groups(request.user)]
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # Saving

    def save_model(self, request: HttpRequest, obj: User, form: Form, change: bool) -> None:
        deactivated = change and "is_active" in form.changed_data and not obj.is_active
        super().save_model(request, obj, form, change)
        if deactivated:
            services.user_sessions_end(user=obj)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        grantable = {group.pk for group in grantable_groups(request.user)}
        # Groups the editor cannot see in the form (none of the roles; other groups a superuser
        # gave) stay as they were instead of being dropped by the save.
        kept = [group for group in form.instance.groups.all() if group.pk not in grantable]
        super().save_related(request, form, formsets, change)
        if is_superuser(request):
            return
        user = form.instance
        user.groups.add(*kept)
        has_role = user.groups.filter(name__in=RANK).exists()
        if user.is_staff != has_role:
            user.is_staff = has_role
            user.save(update_fields=["is_staff"])

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        # Saving a new password ends every session and token of the account
        # (receivers.end_sessions_on_password_change); Django then moves the session of a user
        # who changed their own password to a new key, which is recorded here so that later
        # sign-outs reach it too.
        response: HttpResponse = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302 and str(request.user.pk) == id:
            remember_current_session(request, request.user)
        return response

    # Actions

    @admin.action(description=_("Deactivate and sign out everywhere"))
    def deactivate_and_sign_out(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        by = request.user
        if not isinstance(by, User):
            raise PermissionDenied
        done = 0
        for user in queryset:
            if self.may_manage(request, user) and user.pk != by.pk:
                services.user_deactivate(by=by, user=user)
                done += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d account deactivated and signed out.",
                "%(count)d accounts deactivated and signed out.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reset second factor (lost phone)"))
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        done = 0
        for user in queryset:
            if self.may_manage(request, user):
                services.second_factor_reset(user=user)
                done += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d account must set up a new authenticator at the next sign-in.",
                "%(count)d accounts must set up a new authenticator at the next sign-in.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )


class RolePolicyFormSet(BaseModelFormSet):  # type: ignore[type-arg]
    """The changelist's editable column, locked on the rows this user may not set."""

    def __init__(self, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        self.request = request
        super().__init__(*args, **kwargs)

    def _construct_form(self, i: int, **kwargs: Any) -> Any:
        form = super()._construct_form(i, **kwargs)  # type: ignore[misc]
        policy = form.instance
        if policy.pk is not None and not may_set_policy(self.request.user, policy.group):
            # A disabled field ignores whatever a forged POST sends for it.
            form.fields["require_second_factor"].disabled = True
        return form


@admin.register(RolePolicy)
class RolePolicyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Editors set the policies of journalists and fact-checkers; only superusers the Editor
    role's (policy.may_set_policy). Every save goes through services.role_policy_save, which
    signs out the members who now need a second factor.
    """

    list_display = ("group", "require_second_factor")
    list_editable = ("require_second_factor",)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_editor(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_editor(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None:
            return may_set_policy(request.user, obj.group)
        return is_editor(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_editor(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None:
            return may_set_policy(request.user, obj.group)
        return is_editor(request.user)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "group":
            kwargs["queryset"] = Group.objects.filter(
                pk__in=[
                    group.pk
                    for group in Group.objects.filter(name__in=RANK)
                    if may_set_policy(request.user, group)
                ]
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changelist_formset(self, request: HttpRequest, **kwargs: Any) -> Any:
        formset = super().get_changelist_formset(request, formset=RolePolicyFormSet, **kwargs)

        class RequestFormSet(formset):  # type: ignore[misc,valid-type]
            def __init__(self, *args: Any, **inner: Any) -> None:
                super().__init__(*args, request=request, **inner)

        return RequestFormSet

    def save_model(self, request: HttpRequest, obj: RolePolicy, form: Any, change: bool) -> None:
        by = request.user
        if not isinstance(by, User):
            raise PermissionDenied
        ended = services.role_policy_save(by=by, policy=obj)
        if ended:
            self.message_user(
                request,
                ngettext(
                    "%(count)d member now needs a second factor and was signed out everywhere.",
                    "%(count)d members now need a second factor and were signed out everywhere.",
                    ended,
                )
                % {"count": ended},
                messages.WARNING,
            )

    def delete_model(self, request: HttpRequest, obj: RolePolicy) -> None:
        by = request.user
        if not isinstance(by, User):
            raise PermissionDenied
        services.role_policy_delete(by=by, policy=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[RolePolicy]) -> None:
        for policy in queryset.select_related("group"):
            self.delete_model(request, policy)
