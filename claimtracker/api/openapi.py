"""How the API documents itself in its OpenAPI schema (drf-spectacular), beyond what it infers.

Named enums, anonymous reading, the path parameters, and the answers every list, detail and
write documents, errors included; then, in postprocessing hooks, what holds for the whole
schema: this deployment's server, licence and contact, nullables as OpenAPI 3.1 writes them,
and the answers every operation can give (429, 400 for plain HTTP, 406…). The schema is served
at /api/v1/schema/ and checked by Redocly, Spectral (`make lint-schema`) and openapi-core
(tests/api/test_responses_match_schema.py); docs/api.md is the guide for clients.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_choice_description_list
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.permissions import SAFE_METHODS
from rest_framework.viewsets import GenericViewSet

from claimtracker.api.errors import ErrorResponseSerializer
from claimtracker.api.fields import EnumField

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


# drf-spectacular registers extensions in an untyped __init_subclass__.
class EnumFieldExtension(OpenApiSerializerFieldExtension):  # type: ignore[no-untyped-call]
    """``EvidenceKindEnum``, ``RelationKindEnum``…: without this, drf-spectacular names every
    enum after its field, and the many fields called ``kind`` collide."""

    target_class = EnumField

    def get_name(self) -> str:
        return f"{self.target.enum.__name__}Enum"

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        return {
            "type": "string",
            "enum": list(self.target.enum.values),
            "description": build_choice_description_list(self.target.enum.choices),
        }


# drf-spectacular registers extensions in an untyped __init_subclass__.
class SessionSchemeOfSubclasses(SessionScheme):  # type: ignore[no-untyped-call]
    """The cookie session, whichever subclass of DRF's session authentication checks it (the
    second factor's, say): drf-spectacular matches the class exactly unless told otherwise."""

    match_subclasses = True


class ReadableSchema(AutoSchema):
    """Reading is open to anonymous clients (``RolePermissions`` allows every safe method),
    which drf-spectacular cannot tell from a custom permission class."""

    def get_auth(self) -> list[dict[str, list[str]]]:
        auths: list[dict[str, list[str]]] = super().get_auth()
        if self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths


ERROR = ErrorResponseSerializer
TOO_MANY_REQUESTS = "Too many requests: wait the number of seconds in Retry-After."
COMMON_ERRORS = {
    401: OpenApiResponse(ERROR, description="The token given is invalid, expired or revoked."),
    429: OpenApiResponse(ERROR, description=TOO_MANY_REQUESTS),
}
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag of the copy you hold; the answer is 304 with no body if it is current.",
)


def id_parameter(singular: str) -> OpenApiParameter:
    return OpenApiParameter(
        "id",
        {"type": "integer", "minimum": 1},
        OpenApiParameter.PATH,
        description=f"The {singular}'s id.",
    )


def slug_parameter(singular: str) -> OpenApiParameter:
    return OpenApiParameter(
        "slug",
        OpenApiTypes.STR,
        OpenApiParameter.PATH,
        description=f"The {singular}'s slug, as in its public address.",
        pattern=SLUG_PATTERN,
    )


def documented[V: type[GenericViewSet[Any]]](
    *, plural: str, singular: str, list_description: str, detail_description: str
) -> Callable[[V], V]:
    """List and detail documentation for a record endpoint, for its ``serializer_class`` and
    its lookup (a slug or an id)."""

    def document(viewset: V) -> V:
        # The stubs declare serializer_class per instance; every viewset here sets it on the class.
        serializer = viewset.serializer_class  # type: ignore[misc]
        if viewset.lookup_field == "slug":
            lookup = slug_parameter(singular)
        else:
            lookup = id_parameter(singular)
        decorate = extend_schema_view(
            list=extend_schema(
                summary=f"List {plural}",
                description=f"{list_description}\n\nCursor-paginated, newest first: follow "
                "`next`. Unknown or malformed query parameters are a 400 naming the parameter.",
                responses={
                    200: serializer,
                    400: OpenApiResponse(
                        ERROR, description="An unknown or malformed query parameter."
                    ),
                    404: OpenApiResponse(
                        ERROR, description="No page of this list has that cursor."
                    ),
                    **COMMON_ERRORS,
                },
            ),
            retrieve=extend_schema(
                summary=f"One {singular}",
                description=f"{detail_description}\n\nCarries a weak `ETag`; send it back in "
                "`If-None-Match` to get 304 when nothing changed.",
                parameters=[lookup, IF_NONE_MATCH],
                responses={
                    200: serializer,
                    304: OpenApiResponse(description="Not modified: the copy you hold is current."),
                    400: OpenApiResponse(ERROR, description="A query parameter was given."),
                    404: OpenApiResponse(ERROR, description=f"No {singular} here, or a draft."),
                    **COMMON_ERRORS,
                },
            ),
        )
        return decorate(viewset)

    return document


def write_responses(created: Any, *extra: int) -> dict[int, Any]:
    """The answers every write documents: the record, and the error shape for each refusal."""
    described = {
        400: "The body is malformed JSON, has an unknown field, a wrong type or a value the "
        "rules refuse; each error names its field.",
        401: "No valid token or session.",
        403: "Your role does not allow this.",
        404: "No such record, or not one you can see.",
        409: "The claim's status changed since you read it; nothing was recorded.",
        413: "The body is too large.",
        429: TOO_MANY_REQUESTS,
    }
    codes = [400, 401, 403, 413, 429, *extra]
    return {
        **created,
        **{code: OpenApiResponse(ERROR, description=described[code]) for code in codes},
    }


# Postprocessing hooks (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]): what holds for the whole
# schema is written here once, not on each view.

RETRY_AFTER = {
    "schema": {"type": "integer", "minimum": 0},
    "description": "How many seconds to wait before the next request.",
}
UNKNOWN_PARAMETER = (
    "An unknown, repeated or malformed query parameter, or a slug in a filter that names no "
    "record; the error names the parameter."
)


def describe_the_deployment(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Where this deployment answers, who publishes it and under which licence: read from the
    settings when the schema is generated, so every deployment's schema names itself."""
    # Paths already begin with /api/v1, so the server is the site itself. Production always
    # has SITE_URL (web.E001); a relative "/" keeps a schema generated without it valid.
    result["servers"] = [
        {"url": settings.SITE_URL or "/", "description": f"{settings.PUBLISHER_NAME}"}
    ]
    info = result["info"]
    # The code's licence is the project's business; clients of the API get the data licence.
    info["license"] = {"name": settings.DATA_LICENCE, "url": settings.DATA_LICENCE_URL}
    info["contact"] = {"name": settings.PUBLISHER_NAME, "url": f"{settings.SITE_URL}/"}
    if not settings.SITE_URL:
        del info["contact"]["url"]
    return result


def _nullable_as_json_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """One schema with OpenAPI 3.0's ``nullable`` rewritten as OpenAPI 3.1 (JSON Schema) says:
    ``nullable`` means nothing in 3.1, so a validator would refuse the nulls the API sends."""
    if not schema.pop("nullable", False):
        return schema
    if isinstance(kind := schema.get("type"), str):
        schema["type"] = [kind, "null"]
    elif isinstance(kind, list):
        schema["type"] = [*kind, "null"] if "null" not in kind else kind
    else:
        # Only a reference or a composition is left: wrap it, keeping its description outside.
        outside = ("description", "readOnly", "writeOnly")
        meta = {key: schema.pop(key) for key in outside if key in schema}
        schema = {"oneOf": [schema, {"type": "null"}], **meta}
    return schema


def _rewrite_nullable(node: Any) -> Any:
    if isinstance(node, dict):
        rewritten = {key: _rewrite_nullable(value) for key, value in node.items()}
        return _nullable_as_json_schema(rewritten)
    if isinstance(node, list):
        return [_rewrite_nullable(value) for value in node]
    return node


def nullable_as_json_schema(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular writes OpenAPI 3.1 nullables itself; hand-written schemas (pagination's
    links, a few fields) still say ``nullable: true``, rewritten here."""
    result["components"] = _rewrite_nullable(result.get("components", {}))
    result["paths"] = _rewrite_nullable(result["paths"])
    return result


HTTPS_REQUIRED = "Plain HTTP where the deployment requires HTTPS (`https_required`)."
SECOND_FACTOR_REQUIRED = (
    "A browser session whose account needs a second factor it has not given "
    "(`second_factor_required`)."
)
NOT_ACCEPTABLE = "The `Accept` header names no format this endpoint answers in (JSON)."


def document_every_answer(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Answers any operation can give, documented here once rather than on each view: every
    request is throttled (429, with Retry-After); in production plain HTTP is a 400 before any
    view runs (ApiRequiresHttpsMiddleware); a session short of its second factor is a 403
    wherever sessions are accepted; a 400 on a list also covers a slug that names no record;
    and the views that negotiate their format answer 406 to an `Accept` they cannot meet (the
    export views fix their content type and never do)."""
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}

    def document(responses: dict[str, Any], code: int, description: str) -> dict[str, Any]:
        answer: dict[str, Any] = responses.setdefault(
            str(code), {"description": description, "content": error}
        )
        return answer

    for path, operations in result["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            document(responses, 429, TOO_MANY_REQUESTS)["headers"] = {"Retry-After": RETRY_AFTER}
            bad_request = document(responses, 400, HTTPS_REQUIRED)
            if method == "get" and "cursor" in {
                parameter["name"] for parameter in operation.get("parameters", [])
            }:
                bad_request["description"] = UNKNOWN_PARAMETER
            if bad_request["description"] != HTTPS_REQUIRED:
                bad_request["description"] += f" Also: {HTTPS_REQUIRED}"
            if any("cookieAuth" in scheme for scheme in operation.get("security", [])):
                forbidden = document(responses, 403, SECOND_FACTOR_REQUIRED)
                if forbidden["description"] != SECOND_FACTOR_REQUIRED:
                    forbidden["description"] += f" Also: {SECOND_FACTOR_REQUIRED}"
            if not path.startswith("/api/v1/export/"):
                document(responses, 406, NOT_ACCEPTABLE)
    return result
