"""The second factor (authenticator app, backup codes), and /.well-known/security.txt."""

from __future__ import annotations

import base64
import datetime

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from claimtracker.accounts import services
from claimtracker.accounts.forms import DeviceConfirmForm, SessionVerifyForm
from claimtracker.accounts.policy import second_factor_required

TEMPLATE = "accounts/second_factor.html"


def qr_code_svg(text: str) -> str:
    """``text`` as an inline SVG QR code, drawn on white so it scans in the admin's dark theme.

    Inline markup because the Content Security Policy admits images from this site only, and
    the secret must not become a URL of its own. The SVG holds path data, no script or style.
    """
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=8)
    return str(image.to_string(encoding="unicode"))


def safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def page(request: HttpRequest, context: dict[str, object], status: int = 200) -> HttpResponse:
    return render(
        request,
        TEMPLATE,
        {
            **admin.site.each_context(request),
            "next": safe_next(request),
            "required": second_factor_required(request.user),
            **context,
        },
        status=status,
    )


def signed_in_user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):  # login_required has let only users through
        raise PermissionDenied
    return request.user


def setup_context(device: TOTPDevice) -> dict[str, object]:
    return {
        "mode": "setup",
        "qr_code": mark_safe(qr_code_svg(device.config_url)),  # noqa: S308 - our own SVG
        "secret": base64.b32encode(device.bin_key).decode(),
    }


@never_cache
@login_required(login_url="admin:login")
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator and confirm it with a code, or prove one for this session.

    GET shows a QR code for a key kept in this session (the same across reloads, never shown to
    another sign-in); POST checks the code and only then saves the device. A confirmed device is
    proved with a code instead; ``?replace=1`` sets up a new phone.
    """
    user = signed_in_user(request)
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    verified = user.is_verified()  # type: ignore[attr-defined]
    if confirmed is not None and not verified:
        # Signed in before the role required it: prove the app for this session.
        verify = SessionVerifyForm(request.POST or None, user=user)
        if request.method == "POST" and verify.is_valid():
            otp_login(request, verify.device)
            return page(request, {"mode": "done"})
        return page(
            request, {"mode": "verify", "form": verify}, status=400 if verify.errors else 200
        )
    if (
        confirmed is not None
        and verified
        and not request.GET.get("replace")
        and request.method == "GET"
    ):
        return page(request, {"mode": "done"})
    device = services.totp_device_pending(user=user, session=request.session)
    form = DeviceConfirmForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        services.totp_device_confirm(device=device, session=request.session)
        otp_login(request, device)
        codes = services.backup_codes_issue(user=user)
        return page(request, {"mode": "codes", "codes": codes})
    return page(
        request,
        {"form": form, **setup_context(device)},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required(login_url="admin:login")
@require_POST
def backup_codes(request: HttpRequest) -> HttpResponse:
    """Ten new backup codes, shown once; the old ones stop working. Needs a verified session."""
    user = signed_in_user(request)
    if not user.is_verified():  # type: ignore[attr-defined]
        return page(request, {"mode": "verify_first"}, status=403)
    codes = services.backup_codes_issue(user=user)
    return page(request, {"mode": "codes", "codes": codes})


@require_GET
def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116: whom to tell about a vulnerability. Expires is always within the coming year."""
    expires = (
        timezone.now() + datetime.timedelta(days=settings.SECURITY_TXT_EXPIRES_DAYS)
    ).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(datetime.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        f"Preferred-Languages: {settings.SECURITY_TXT_LANGUAGES}",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
    ]
    if settings.SECURITY_POLICY_URL:
        lines.append(f"Policy: {settings.SECURITY_POLICY_URL}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
