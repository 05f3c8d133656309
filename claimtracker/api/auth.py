"""Tokens for scripts (django-rest-knox): shown once, stored hashed, expiring, revocable.

POST /api/v1/auth/token/        with HTTP Basic (or the admin session): a new token
POST /api/v1/auth/logout/       with the token: revokes it
POST /api/v1/auth/logout-all/   with a token: revokes all of the account's tokens
"""

from django.urls import path
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from knox import views as knox_views
from rest_framework import serializers
from rest_framework.authentication import BasicAuthentication, SessionAuthentication
from rest_framework.permissions import IsAuthenticated

from claimtracker.api.serializers import ErrorResponseSerializer


class TokenSerializer(serializers.Serializer[None]):
    expiry = serializers.DateTimeField(help_text="When the token stops working.")
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`. Shown once.")


@extend_schema_view(
    post=extend_schema(
        summary="Create a token",
        description="Authenticate with HTTP Basic (username and password). The token is shown "
        "only in this response; ClaimTracker keeps a hash of it.",
        request=None,
        responses={
            200: TokenSerializer,
            401: ErrorResponseSerializer,
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
    authentication_classes = [BasicAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]


@extend_schema_view(
    post=extend_schema(
        summary="Revoke this token",
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
        request=None,
        responses={204: None, 401: ErrorResponseSerializer, 429: ErrorResponseSerializer},
        tags=["auth"],
    )
)
class TokenRevokeAllView(knox_views.LogoutAllView):
    permission_classes = [IsAuthenticated]


urlpatterns = [
    path("token/", TokenCreateView.as_view(), name="token-create"),
    path("logout/", TokenRevokeView.as_view(), name="token-revoke"),
    path("logout-all/", TokenRevokeAllView.as_view(), name="token-revoke-all"),
]
