"""The API's endpoints: one viewset per record type, on one shared base.

Each viewset's ``get_queryset`` starts from what the reader may see (``visibility.py``) and
prefetches exactly what its serializer reads, so a list runs the same number of queries whatever
its page size (``tests/api`` asserts each count). Lists are cursor-paginated and filtered by an
explicit FilterSet (``filters.py``); details answer conditional GETs (ETag, If-None-Match).

Writes are ``create`` and ``@action`` methods whose request body an input serializer from
``writes.py`` checks and whose work a domain service does; each names the role permission it
needs in ``write_permissions`` (see ``permissions.RolePermissions``), and the service checks it
again. Anything else is refused with 401, 403 or 405.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, ClassVar

from django.contrib.auth.models import User
from django.db.models import Model, Prefetch, QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from claimtracker.api import filters, serializers, writes
from claimtracker.api.visibility import (
    visible,
    visible_claims,
    visible_evidence,
    visible_links,
    visible_statements,
)
from claimtracker.claims import services
from claimtracker.claims.models import (
    Actor,
    ActorName,
    ActorRelation,
    ActorRole,
    Claim,
    ClaimEvidence,
    ContradictionLink,
    Correction,
    Evidence,
    Source,
    Statement,
    StatusChange,
    Topic,
    TopicName,
)

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


class ReadableSchema(AutoSchema):
    """Reading is open to anonymous clients (``RolePermissions`` allows every safe method),
    which drf-spectacular cannot tell from a custom permission class."""

    def get_auth(self) -> list[dict[str, list[str]]]:
        auths: list[dict[str, list[str]]] = super().get_auth()
        if self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths


def representation_etag(data: Any, request: Request) -> str:
    """A weak ETag over what the client receives: the data and the format it is rendered in.

    The data already reflects the reader (drafts, language), so two readers share an ETag only
    when they see the same thing.
    """
    payload = json.dumps(
        [request.accepted_renderer.format, data], cls=JSONEncoder, sort_keys=True
    ).encode()
    return f'W/"{hashlib.sha256(payload).hexdigest()[:40]}"'


def etag_matches(request: Request, etag: str) -> bool:
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    given = parse_etags(header)
    return "*" in given or etag.removeprefix("W/") in {tag.removeprefix("W/") for tag in given}


class ReadViewSet[M: Model](
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[M]
):
    """The shared base of every record endpoint: list and detail, strict filters, the
    project's cursor pagination, throttles and renderers (settings.REST_FRAMEWORK)."""

    # Action name -> the role permission it needs ("claims.add_statement"); empty: read-only.
    write_permissions: ClassVar[dict[str, str]] = {}
    filter_backends = [filters.StrictFilterBackend]
    schema = ReadableSchema()

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The record, with a weak ETag; 304 with no body when ``If-None-Match`` matches.

        The record is still read to compute the ETag: a 304 saves the transfer, not the query.
        """
        response = super().retrieve(request, *args, **kwargs)
        etag = representation_etag(response.data, request)
        if etag_matches(request, etag):
            response = Response(status=304)
        response["ETag"] = etag
        return response

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        # Token holders may see drafts: a shared cache must not give their answer to others.
        patch_vary_headers(response, ["Authorization"])
        return response


class ServiceWrites[M: Model](ReadViewSet[M]):
    """Helpers for writes: the acting account, and the answer a client gets for a record."""

    def author(self) -> User:
        user = self.request.user
        if not isinstance(user, User):  # RolePermissions lets no anonymous write this far
            raise PermissionError("a write needs an account")
        return user

    def check_input[S: writes.StrictSerializer](self, input_class: type[S]) -> S:
        data = input_class(data=self.request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        return data

    def answer(self, record: M, status_code: int = status.HTTP_200_OK) -> Response:
        """The record as the read endpoints show it, re-read so nested data is complete."""
        fresh = self.get_queryset().get(pk=record.pk)
        headers = {}
        if status_code == status.HTTP_201_CREATED:
            lookup = getattr(fresh, self.lookup_field)
            headers["Location"] = reverse(
                f"api:{self.basename}-detail", kwargs={self.lookup_field: lookup}
            )
        return Response(self.get_serializer(fresh).data, status=status_code, headers=headers)


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
        429: "Too many requests: wait the number of seconds in Retry-After.",
    }
    codes = [400, 401, 403, 413, 429, *extra]
    return {
        **created,
        **{code: OpenApiResponse(ERROR, description=described[code]) for code in codes},
    }


@csrf_exempt  # it writes nothing; without this a stray POST would get Django's HTML 403
def not_found(request: HttpRequest, path: str) -> JsonResponse:
    """Any other address under /api/v1/: a 404 in the API's error shape, not an HTML page."""
    return JsonResponse(
        {
            "errors": [
                {
                    "code": "not_found",
                    "message": "Nothing here. The API's collections are listed at /api/v1/.",
                    "field": None,
                }
            ]
        },
        status=404,
    )


# Schema documentation shared by every endpoint

ERROR = serializers.ErrorResponseSerializer
COMMON_ERRORS = {
    401: OpenApiResponse(ERROR, description="The token given is invalid, expired or revoked."),
    429: OpenApiResponse(
        ERROR, description="Too many requests: wait the number of seconds in Retry-After."
    ),
}
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag of the copy you hold; the answer is 304 with no body if it is current.",
)


def documented(
    *,
    serializer: type[serializers.ReadSerializer[Any]],
    plural: str,
    singular: str,
    list_description: str,
    detail_description: str,
    lookup: OpenApiParameter,
) -> Any:
    """List and detail documentation for a record endpoint."""
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {plural}",
            description=f"{list_description}\n\nCursor-paginated, newest first: follow `next`. "
            "Unknown or malformed query parameters are a 400 naming the parameter.",
            responses={
                200: serializer,
                400: OpenApiResponse(ERROR, description="An unknown or malformed query parameter."),
                404: OpenApiResponse(ERROR, description="No page of this list has that cursor."),
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


# Endpoints

CORRECTION_DESCRIPTION = (
    "A published record is never silently edited or deleted: it is corrected or withdrawn "
    "with a public note (fact-checkers and editors). A `correction` sets the fields in "
    "`changes` (only those given; a correction that changes nothing is a 400) and records each "
    "field's text before and after; a `withdrawal` marks the record withdrawn for good: it "
    "stays public, marked, with the note, and no longer counts toward its claims. A draft is a "
    "400: edit it instead. Readers see every correction on the record's page and at "
    "/corrections/."
)


def answer_correction(correction: Correction) -> Response:
    return Response(
        serializers.CorrectionSerializer(correction).data, status=status.HTTP_201_CREATED
    )


@documented(
    serializer=serializers.ActorSerializer,
    plural="actors",
    singular="actor",
    list_description="People and institutions, with their names in several languages and "
    "scripts, their posts over time and family ties, each citing its source.",
    detail_description="One actor. Their statements are not embedded: follow `statements_url`.",
    lookup=slug_parameter("actor"),
)
class ActorViewSet(ReadViewSet[Actor]):
    serializer_class = serializers.ActorSerializer
    filterset_class = filters.ActorFilter
    queryset = Actor.objects.all()
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Actor]:
        return Actor.objects.prefetch_related(
            Prefetch("names", queryset=ActorName.objects.select_related("source")),
            Prefetch("roles", queryset=ActorRole.objects.select_related("organisation", "source")),
            "roles__organisation__names",
            Prefetch("relations", queryset=ActorRelation.objects.select_related("other", "source")),
            "relations__other__names",
            Prefetch(
                "relations_as_other",
                queryset=ActorRelation.objects.select_related("subject", "source"),
            ),
            "relations_as_other__subject__names",
        )


@documented(
    serializer=serializers.SourceSerializer,
    plural="sources",
    singular="source",
    lookup=id_parameter("source"),
    list_description="Where statements, evidence, names and roles were published or observed.",
    detail_description="One source.",
)
class SourceViewSet(ReadViewSet[Source]):
    serializer_class = serializers.SourceSerializer
    filterset_class = filters.SourceFilter
    queryset = Source.objects.all()


@documented(
    serializer=serializers.StatementSerializer,
    plural="statements",
    singular="statement",
    lookup=id_parameter("statement"),
    list_description="Who said what, when and where, quoted verbatim from the cited source, "
    "with the claims each statement asserts. Anonymous clients see published statements only.",
    detail_description="One statement.",
)
class StatementViewSet(ServiceWrites[Statement]):
    serializer_class = serializers.StatementSerializer
    filterset_class = filters.StatementFilter
    queryset = Statement.objects.all()
    write_permissions: ClassVar[dict[str, str]] = {
        "create": "claims.add_statement",
        "publish": "claims.publish_records",
        "corrections": "claims.add_correction",
    }

    @extend_schema(
        summary="Log a statement",
        description="A draft statement, quoted verbatim. Give its source as `source_id`, or as "
        "a `source` object: a source whose address (once normalised) is already known is "
        "reused, so sending the same source twice creates it once. The speaker's role on "
        "`stated_on` is filled in when exactly one recorded role covers that date.",
        request=writes.StatementInput,
        responses=write_responses({201: serializers.StatementSerializer}),
        tags=["statements"],
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        statement = self.check_input(writes.StatementInput).save_as(self.author())
        return self.answer(statement, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Publish a statement",
        description="Make a draft public. Publishing is for good: a published record is "
        "corrected, never deleted or returned to draft. Publishing twice changes nothing.",
        request=None,
        responses=write_responses({200: serializers.StatementSerializer}, 404),
        tags=["statements"],
    )
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        record = services.record_publish(by=self.author(), record=self.get_object())
        return self.answer(record)

    @extend_schema(
        summary="Correct or withdraw a published statement",
        description=CORRECTION_DESCRIPTION,
        request=writes.StatementCorrectionInput,
        responses=write_responses({201: serializers.CorrectionSerializer}, 404),
        tags=["statements"],
    )
    @action(detail=True, methods=["post"])
    def corrections(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return answer_correction(
            self.check_input(writes.StatementCorrectionInput).save_as(
                self.author(), self.get_object()
            )
        )

    def get_queryset(self) -> QuerySet[Statement]:
        return (
            visible_statements(self.request)
            .for_display()
            .prefetch_related(
                "speaker_role__organisation__names",
                Prefetch("claims", queryset=visible_claims(self.request)),
            )
        )


@documented(
    serializer=serializers.ClaimSerializer,
    plural="claims",
    singular="claim",
    list_description="Checkable propositions, with their current status, the statements that "
    "assert them, the evidence with its stance and every status change. Anonymous clients see "
    "published claims, statements and evidence only.",
    detail_description="One claim with its full status history.",
    lookup=slug_parameter("claim"),
)
class ClaimViewSet(ServiceWrites[Claim]):
    serializer_class = serializers.ClaimSerializer
    filterset_class = filters.ClaimFilter
    queryset = Claim.objects.all()
    lookup_field = "slug"
    write_permissions: ClassVar[dict[str, str]] = {
        "create": "claims.add_claim",
        "publish": "claims.publish_records",
        "status_changes": "claims.add_statuschange",
    }

    @extend_schema(
        summary="Create a draft claim",
        description="A claim with no status: nobody has assessed it yet.",
        request=writes.ClaimInput,
        responses=write_responses({201: serializers.ClaimSerializer}),
        tags=["claims"],
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.check_input(writes.ClaimInput).save_as(self.author())
        return self.answer(claim, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a claim's status",
        description="Record a new status with the reason readers see and the evidence (linked "
        "to this claim) it rests on. `expected_status` is the status you saw (empty for none): "
        "if someone changed it since, the answer is 409 and nothing is recorded. Setting the "
        "status the claim already has is a 400.",
        request=writes.StatusChangeInput,
        responses=write_responses({201: serializers.StatusChangeSerializer}, 404, 409),
        tags=["claims"],
    )
    @action(detail=True, methods=["post"], url_path="status-changes")
    def status_changes(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        change = self.check_input(writes.StatusChangeInput).save_as(self.author(), claim)
        fresh = StatusChange.objects.prefetch_related("evidence").get(pk=change.pk)
        data = serializers.StatusChangeSerializer(fresh, context=self.get_serializer_context()).data
        location = reverse("api:statuschange-detail", kwargs={"pk": change.pk})
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": location})

    @extend_schema(
        summary="Publish a claim",
        description="Make a draft public. Publishing is for good: a published record is "
        "corrected, never deleted or returned to draft. Publishing twice changes nothing.",
        request=None,
        responses=write_responses({200: serializers.ClaimSerializer}, 404),
        tags=["claims"],
    )
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        record = services.record_publish(by=self.author(), record=self.get_object())
        return self.answer(record)

    def get_queryset(self) -> QuerySet[Claim]:
        request = self.request
        evidence = visible_evidence(request)
        return visible_claims(request).prefetch_related(
            Prefetch("topics", queryset=Topic.objects.prefetch_related("names")),
            Prefetch(
                "statements",
                queryset=visible_statements(request)
                .select_related("speaker")
                .prefetch_related("speaker__names"),
            ),
            Prefetch(
                "evidence_links",
                queryset=visible(
                    ClaimEvidence.objects.select_related("evidence"), request, through="evidence"
                ),
            ),
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.prefetch_related(
                    Prefetch("evidence", queryset=evidence)
                ),
            ),
        )


@documented(
    serializer=serializers.EvidenceSerializer,
    plural="evidence",
    singular="piece of evidence",
    lookup=id_parameter("piece of evidence"),
    list_description="Investigations, rulings, testimony, official statements, reporting, "
    "documents and observations, with the claims each bears on and how. Anonymous clients see "
    "published evidence and claims only.",
    detail_description="One piece of evidence.",
)
class EvidenceViewSet(ServiceWrites[Evidence]):
    serializer_class = serializers.EvidenceSerializer
    filterset_class = filters.EvidenceFilter
    queryset = Evidence.objects.all()
    write_permissions: ClassVar[dict[str, str]] = {
        "publish": "claims.publish_records",
        "corrections": "claims.add_correction",
    }

    @extend_schema(
        summary="Correct or withdraw a published piece of evidence",
        description=CORRECTION_DESCRIPTION,
        request=writes.EvidenceCorrectionInput,
        responses=write_responses({201: serializers.CorrectionSerializer}, 404),
        tags=["evidence"],
    )
    @action(detail=True, methods=["post"])
    def corrections(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return answer_correction(
            self.check_input(writes.EvidenceCorrectionInput).save_as(
                self.author(), self.get_object()
            )
        )

    @extend_schema(
        summary="Publish a piece of evidence",
        description="Make a draft public. Publishing is for good: a published record is "
        "corrected, never deleted or returned to draft. Publishing twice changes nothing.",
        request=None,
        responses=write_responses({200: serializers.EvidenceSerializer}, 404),
        tags=["evidence"],
    )
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        record = services.record_publish(by=self.author(), record=self.get_object())
        return self.answer(record)

    def get_queryset(self) -> QuerySet[Evidence]:
        links = visible(
            ClaimEvidence.objects.select_related("claim"), self.request, through="claim"
        )
        return (
            visible_evidence(self.request)
            .select_related("source")
            .prefetch_related(Prefetch("claim_links", queryset=links))
        )


@documented(
    serializer=serializers.StatusChangeSerializer,
    plural="status changes",
    singular="status change",
    lookup=id_parameter("status change"),
    list_description="Every change of every claim's status, append-only: the status before "
    "and after, when it was recorded, the date it holds as of, the public reason and the "
    "evidence cited. Anonymous clients see the history of published claims only.",
    detail_description="One status change.",
)
class StatusChangeViewSet(ReadViewSet[StatusChange]):
    serializer_class = serializers.StatusChangeSerializer
    filterset_class = filters.StatusChangeFilter
    queryset = StatusChange.objects.all()

    def get_queryset(self) -> QuerySet[StatusChange]:
        changes = visible(
            StatusChange.objects.select_related("claim"), self.request, through="claim"
        )
        return changes.prefetch_related(
            Prefetch("evidence", queryset=visible_evidence(self.request))
        )


@documented(
    serializer=serializers.ContradictionLinkSerializer,
    plural="contradiction links",
    singular="contradiction link",
    lookup=id_parameter("contradiction link"),
    list_description="Pairs of statements, claims or evidence that contradict each other, with "
    "the explanation readers see. Anonymous clients see links whose two ends are published.",
    detail_description="One contradiction link.",
)
class ContradictionLinkViewSet(ServiceWrites[ContradictionLink]):
    serializer_class = serializers.ContradictionLinkSerializer
    filterset_class = filters.ContradictionLinkFilter
    queryset = ContradictionLink.objects.all()
    write_permissions: ClassVar[dict[str, str]] = {
        "create": "claims.add_contradictionlink",
        "destroy": "claims.delete_contradictionlink",
    }

    @extend_schema(
        summary="Link two items that contradict each other",
        description="Each end is a statement, a claim or a piece of evidence. A link never "
        "joins an item to itself, and (A, B) is the same link as (B, A): a second one is a 400.",
        request=writes.ContradictionLinkInput,
        responses=write_responses({201: serializers.ContradictionLinkSerializer}),
        tags=["contradiction-links"],
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        link = self.check_input(writes.ContradictionLinkInput).save_as(self.author())
        return self.answer(link, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Remove a contradiction link",
        request=None,
        responses=write_responses({204: None}, 404),
        tags=["contradiction-links"],
    )
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.contradiction_link_delete(by=self.author(), link=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    def get_queryset(self) -> QuerySet[ContradictionLink]:
        return visible_links(self.request).select_related(
            *(f"{side}_{kind}" for side in "ab" for kind in ("statement", "claim", "evidence"))
        )


@documented(
    serializer=serializers.TopicSerializer,
    plural="topics",
    singular="topic",
    list_description="Narratives and events that group claims, named in several languages.",
    detail_description="One topic. Its claims are not embedded: follow `claims_url`.",
    lookup=slug_parameter("topic"),
)
class TopicViewSet(ReadViewSet[Topic]):
    serializer_class = serializers.TopicSerializer
    filterset_class = filters.TopicFilter
    queryset = Topic.objects.all()
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Topic]:
        return Topic.objects.prefetch_related(
            Prefetch("names", queryset=TopicName.objects.select_related("source"))
        )
