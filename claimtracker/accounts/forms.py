"""The admin login with its second factor, and the form that confirms a new authenticator."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp import match_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from claimtracker.accounts.policy import has_any_device

# Six digits from an app, or an eight-character backup code; spaces are forgiven.
CODE_MAX_LENGTH = 16


def code_field(*, required: bool, label: Any, help_text: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=CODE_MAX_LENGTH,
        help_text=help_text,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class SecondFactorAuthenticationForm(AdminAuthenticationForm):
    """Username, password and, for anyone who has set up an authenticator, its code.

    Passwords are left to password managers: no autocomplete="off", no length cap, paste works.
    A wrong code counts as a failed login (django-axes locks out after too many).
    """

    otp_token = code_field(
        required=False,
        label=_("Authentication code"),
        help_text=_(
            "The six-digit code from your authenticator app, or one of your backup codes. "
            "Leave empty if you have not set one up yet."
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        user = self.get_user()
        if user is None or not has_any_device(user):
            return cleaned
        token = "".join((cleaned.get("otp_token") or "").split())
        device = match_token(user, token) if token else None
        if device is None:
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned.get("username")},
                request=self.request,
            )
            raise forms.ValidationError(
                _("Enter the current code from your authenticator app, or a backup code."),
                code="invalid_otp",
            )
        # django_otp's user_logged_in receiver keeps this device in the session (is_verified).
        user.otp_device = device  # type: ignore[attr-defined]
        return cleaned


class SessionVerifyForm(forms.Form):
    """A code from any of the user's devices (app or backup code), for a session that has none."""

    otp_token = code_field(
        required=True,
        label=_("Authentication code"),
        help_text=_("The six digits your authenticator app shows now, or a backup code."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.device: Any = None

    def clean_otp_token(self) -> str:
        token = "".join(self.cleaned_data["otp_token"].split())
        self.device = match_token(self.user, token)
        if self.device is None:
            raise forms.ValidationError(
                _("That code does not match: type the current one, or a backup code."),
                code="invalid_otp",
            )
        return token


class DeviceConfirmForm(forms.Form):
    """The first code from a newly scanned authenticator, proving it was set up right."""

    otp_token = code_field(
        required=True,
        label=_("Code from your app"),
        help_text=_("The six digits your authenticator app shows now."),
    )

    def __init__(self, *args: Any, device: TOTPDevice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self) -> str:
        token = "".join(self.cleaned_data["otp_token"].split())
        # The device is not saved yet (its key lives in the session), and TOTPDevice.verify_token
        # would save it, confirmed or not; the same check, without the save.
        device = self.device
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        if not (token.isdigit() and totp.verify(int(token), device.tolerance)):
            raise forms.ValidationError(
                _("That code does not match. Check the time on your phone and try the next one."),
                code="invalid_otp",
            )
        device.last_t = totp.t()  # this code cannot be used again
        return token
