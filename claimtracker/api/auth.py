"""Tokens for scripts (django-rest-knox): shown once, stored hashed, expiring, revocable.

POST /api/v1/auth/token/        with HTTP Basic (or the admin session): a new token; an account
                                with an authenticator (or whose role requires one) adds
                                {"otp_token": "123456"}, unless its admin session passed it
POST /api/v1/auth/logout/       with the token: revokes it
POST /api/v1/auth/logout-all/   with a token: revokes all of the account's tokens
"""

import logging
from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_otp import match_token
from drf_spectacular.authentication import BasicScheme
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from knox import views as knox_views
from rest_framework import exceptions, serializers
from rest_framework.authentication import BasicAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from claimtracker.accounts.authentication import SecondFactorSessionAuthentication
from claimtracker.accounts.policy import has_any_device, second_factor_required
from claimtracker.accounts.sessions import leaves_session_alone
from claimtracker.api.errors import ErrorResponseSerializer

security_log = logging.getLogger("claimtracker.security")


class LockoutAwareBasicAuthentication(BasicAuthentication):
    """HTTP Basic that django-axes can lock out like the admin login.

    Axes marks the request it is given; DRF would hand it its own Request wrapper, whose marks
    the lockout middleware never sees, so the plain HttpRequest is passed instead.
    """

    def authenticate_credentials(
        self, userid: str, password: str, request: Request | None = None
    ) -> tuple[Any, None]:
        django_request = request._request if request is not None else None
        user = authenticate(request=django_request, username=userid, password=password)
        if user is None:
            raise exceptions.AuthenticationFailed(_("Invalid username/password."))
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return (user, None)


class LockoutAwareBasicScheme(BasicScheme):  # type: ignore[no-untyped-call]
    # The schema documents it as the HTTP Basic it is.
    target_class = "claimtracker.api.auth.LockoutAwareBasicAuthentication"


class TokenRequestSerializer(serializers.Serializer[None]):
    otp_token = serializers.CharField(
        required=False,
        max_length=16,
        help_text="The current code from your authenticator app, or a backup code. Needed when "
        "your account has an authenticator or your role requires one, unless you are "
        "signed in to the admin with it (the browsable API's session).",
    )


class TokenSerializer(serializers.Serializer[None]):
    expiry = serializers.DateTimeField(help_text="When the token stops working.")
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`. Shown once.")


@extend_schema_view(
    post=extend_schema(
        summary="Create a token",
        description="Authenticate with HTTP Basic (username and password), plus `otp_token` "
        "when your account has an authenticator or your role requires a second factor. The "
        "token is shown only in this response; ClaimTracker keeps a hash of it. Five failed "
        "attempts for one username from one address lock that pair out for 15 minutes (429).",
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            400: ErrorResponseSerializer,
            401: ErrorResponseSerializer,
            403: ErrorResponseSerializer,
            429: ErrorResponseSerializer,
        },
        examples=[
            OpenApiExample(
                "A new token",
                value={"expiry": "2026-12-25T10:00:00Z", "token": "9f0c…e41a"},
                response_only=True,
            )
        ],
        tags=["auth"],
    )
)
class TokenCreateView(knox_views.LoginView):
    # Exchanging a password for a token is the one place HTTP Basic is accepted.
    # The session is the admin's, judged with its second factor like every API session. knox
    # sends user_logged_in here without signing anyone in: the receivers leave the cookie's
    # session alone (accounts/receivers.py), and so does the idle clock (leaves_session_alone).
    authentication_classes = [LockoutAwareBasicAuthentication, SecondFactorSessionAuthentication]
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, format: str | None = None) -> Response:
        self.check_second_factor(request)
        response: Response = super().post(request, format=format)
        if response.status_code == 200:
            security_log.info("token issued: user=%s", request.user.get_username())
        return response

    def check_second_factor(self, request: Request) -> None:
        """A token is as strong as the sign-in that got it: the second factor is asked here too.

        Passed when the admin session already verified it; otherwise ``otp_token`` must match
        one of the account's devices. A wrong code counts as a failed sign-in (lockout).
        """
        user = request.user
        if getattr(user, "is_verified", lambda: False)():
            return
        required = second_factor_required(user)
        if not (required or has_any_device(user)):
            return
        if not has_any_device(user):
            raise exceptions.PermissionDenied(
                _(
                    "Your role requires a second factor: set up an authenticator app at "
                    "/accounts/second-factor/ (sign in to the admin first), then ask again."
                ),
                code="second_factor_setup_required",
            )
        try:
            data = request.data
        except exceptions.UnsupportedMediaType:
            # The body is optional (curl -u sends none, forms send multipart): no code given.
            data = {}
        serializer = TokenRequestSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        token = "".join(serializer.validated_data.get("otp_token", "").split())
        if not token:
            raise exceptions.AuthenticationFailed(
                _("Send the code from your authenticator app as otp_token."),
                code="otp_required",
            )
        if match_token(user, token) is None:
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=request._request,
            )
            raise exceptions.AuthenticationFailed(
                _("That code does not match: send the current one, or a backup code."),
                code="otp_invalid",
            )


@extend_schema_view(
    post=extend_schema(
        summary="Revoke this token",
        description=(
            "Revokes the token this request is signed with: it is refused from then on. The "
            "account's other tokens keep working (`logout-all` revokes them all). No body; "
            "answers 204."
        ),
        request=None,
        responses={204: None, 401: ErrorResponseSerializer, 429: ErrorResponseSerializer},
        tags=["auth"],
    )
)
class TokenRevokeView(knox_views.LogoutView):
    permission_classes = [IsAuthenticated]


@extend_schema_view(
    post=extend_schema(
        summary="Revoke all of this account's tokens",
        description=(
            "Revokes every token of the account this request is signed with, this one "
            "included: every client signed in with one must create a new token. No body; "
            "answers 204."
        ),
        request=None,
        responses={204: None, 401: ErrorResponseSerializer, 429: ErrorResponseSerializer},
        tags=["auth"],
    )
)
class TokenRevokeAllView(knox_views.LogoutAllView):
    permission_classes = [IsAuthenticated]


urlpatterns = [
    path("token/", leaves_session_alone(TokenCreateView.as_view()), name="token-create"),
    path("logout/", TokenRevokeView.as_view(), name="token-revoke"),
    path("logout-all/", TokenRevokeAllView.as_view(), name="token-revoke-all"),
]
