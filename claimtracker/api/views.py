"""The API's endpoints: one viewset per record type, on the shared bases in ``viewsets.py``.

Each ``get_queryset`` starts from what the reader may see (``visibility.py``) and prefetches
exactly what its serializer reads, so a list's query count is fixed (``tests/api`` asserts it).
Writes check the body with ``writes.py`` and name their role permission in ``write_permissions``;
publish and corrections come from ``actions.py``. docs/api.md describes every endpoint.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from claimtracker.api import filters, serializers, writes
from claimtracker.api.actions import (
    CORRECTION_PERMISSION,
    PUBLISH_PERMISSION,
    corrections_action,
    publish_action,
    translation_action,
    translation_permissions,
    translations_action,
)
from claimtracker.api.errors import NOT_FOUND, error_response
from claimtracker.api.openapi import documented, write_responses
from claimtracker.api.viewsets import ReadViewSet, ServiceWrites
from claimtracker.api.visibility import (
    visible,
    visible_actors,
    visible_claims,
    visible_evidence,
    visible_links,
    visible_parts,
    visible_sources,
    visible_statements,
    visible_topics,
)
from claimtracker.claims import selectors, services
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

# What every record's embedded ``corrections`` read: all of them, as every correction is public
# (only published records are corrected), each with the translations of its public note.
CORRECTIONS = ("corrections", "corrections__translations")


@csrf_exempt  # it writes nothing; without this a stray POST would get Django's HTML 403
def not_found(request: HttpRequest, path: str) -> JsonResponse:
    """Any other address under /api/v1/: a 404 in the API's error shape, not an HTML page."""
    return error_response(404, "not_found", NOT_FOUND)


@documented(
    plural="actors",
    singular="actor",
    list_description="People and institutions, with their names in several languages and "
    "scripts, their posts over time and family ties, each citing its source.",
    detail_description="One actor. Their statements are not embedded: follow `statements_url`.",
)
class ActorViewSet(ReadViewSet[Actor]):
    serializer_class = serializers.ActorSerializer
    filterset_class = filters.ActorFilter
    queryset = Actor.objects.all()
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Actor]:
        request = self.request
        names = ActorName.objects.select_related("source")
        roles = ActorRole.objects.select_related("organisation", "source")
        relations = ActorRelation.objects.select_related("other", "source")
        towards = ActorRelation.objects.select_related("subject", "source")
        # Of a published actor, the public sees the names, posts and ties citing public records
        # only: a draft actor's tie to this one stays private with it.
        return visible_actors(request).prefetch_related(
            *CORRECTIONS,
            Prefetch("names", visible_parts(names, request, selectors.public_actor_names)),
            Prefetch("roles", visible_parts(roles, request, selectors.public_actor_roles)),
            "roles__organisation__names",
            Prefetch(
                "relations", visible_parts(relations, request, selectors.public_actor_relations)
            ),
            "relations__other__names",
            Prefetch(
                "relations_as_other",
                visible_parts(towards, request, selectors.public_actor_relations_towards),
            ),
            "relations_as_other__subject__names",
        )


@documented(
    plural="sources",
    singular="source",
    list_description="Where statements, evidence, names and roles were published or observed.",
    detail_description="One source.",
)
class SourceViewSet(ReadViewSet[Source]):
    serializer_class = serializers.SourceSerializer
    filterset_class = filters.SourceFilter
    queryset = Source.objects.all()

    def get_queryset(self) -> QuerySet[Source]:
        return visible_sources(self.request).prefetch_related(*CORRECTIONS, "captures")


@documented(
    plural="statements",
    singular="statement",
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
        "publish": PUBLISH_PERMISSION,
        "corrections": CORRECTION_PERMISSION,
    }

    @extend_schema(
        summary="Log a statement",
        description="A draft statement, quoted verbatim. Give its source as `source_id`, or as "
        "a `source` object: a source whose address (once normalised) is already known is "
        "reused, so sending the same source twice creates it once. The speaker's role on "
        "`stated_on` is filled in when exactly one recorded role covers that date.",
        request=writes.StatementInput,
        responses=write_responses({201: serializers.StatementSerializer}),
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        statement = self.check_input(writes.StatementInput).save_as(self.author())
        return self.answer(statement, status.HTTP_201_CREATED)

    publish = publish_action(serializers.StatementSerializer, "statement")
    corrections = corrections_action(writes.StatementCorrectionInput, "statement")

    def get_queryset(self) -> QuerySet[Statement]:
        return (
            visible_statements(self.request)
            .for_display()
            .prefetch_related(
                *CORRECTIONS,
                "speaker_role__organisation__names",
                Prefetch("claims", queryset=visible_claims(self.request)),
            )
        )


@documented(
    plural="claims",
    singular="claim",
    list_description="Checkable propositions, with their current status, the statements that "
    "assert them, the evidence with its stance and every status change. Anonymous clients see "
    "published claims, statements and evidence only.",
    detail_description="One claim with its full status history.",
)
class ClaimViewSet(ServiceWrites[Claim]):
    serializer_class = serializers.ClaimSerializer
    filterset_class = filters.ClaimFilter
    queryset = Claim.objects.all()
    lookup_field = "slug"
    write_permissions: ClassVar[dict[str, str]] = {
        "create": "claims.add_claim",
        "publish": PUBLISH_PERMISSION,
        "corrections": CORRECTION_PERMISSION,
        "status_changes": "claims.add_statuschange",
        **translation_permissions("claimtranslation"),
    }

    @extend_schema(
        summary="Create a draft claim",
        description="A claim with no status: nobody has assessed it yet.",
        request=writes.ClaimInput,
        responses=write_responses({201: serializers.ClaimSerializer}),
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
    )
    @action(detail=True, methods=["post"], url_path="status-changes")
    def status_changes(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        change = self.check_input(writes.StatusChangeInput).save_as(self.author(), claim)
        return self.answer(
            change,
            status.HTTP_201_CREATED,
            reread=StatusChange.objects.prefetch_related("evidence"),
            serializer_class=serializers.StatusChangeSerializer,
            basename="statuschange",
        )

    publish = publish_action(serializers.ClaimSerializer, "claim")
    corrections = corrections_action(writes.ClaimCorrectionInput, "claim")
    translations = translations_action(
        writes.ClaimTranslationInput, serializers.ClaimSerializer, "claim"
    )
    translation = translation_action("claim")

    def get_queryset(self) -> QuerySet[Claim]:
        request = self.request
        evidence = visible_evidence(request)
        return visible_claims(request).prefetch_related(
            *CORRECTIONS,
            Prefetch("topics", queryset=visible_topics(request).prefetch_related("names")),
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
                    Prefetch("evidence", queryset=evidence), "translations"
                ),
            ),
            "translations",
        )


@documented(
    plural="evidence",
    singular="piece of evidence",
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
        "publish": PUBLISH_PERMISSION,
        "corrections": CORRECTION_PERMISSION,
        **translation_permissions("evidencetranslation"),
    }

    publish = publish_action(serializers.EvidenceSerializer, "piece of evidence")
    corrections = corrections_action(writes.EvidenceCorrectionInput, "piece of evidence")
    translations = translations_action(
        writes.EvidenceTranslationInput, serializers.EvidenceSerializer, "piece of evidence"
    )
    translation = translation_action("piece of evidence")

    def get_queryset(self) -> QuerySet[Evidence]:
        links = visible(
            ClaimEvidence.objects.select_related("claim"), self.request, through="claim"
        )
        return (
            visible_evidence(self.request)
            .select_related("source")
            .prefetch_related(*CORRECTIONS, Prefetch("claim_links", queryset=links), "translations")
        )


@documented(
    plural="status changes",
    singular="status change",
    list_description="Every change of every claim's status, append-only: the status before "
    "and after, when it was recorded, the date it holds as of, the public reason and the "
    "evidence cited. Anonymous clients see the history of published claims only.",
    detail_description="One status change.",
)
class StatusChangeViewSet(ServiceWrites[StatusChange]):
    serializer_class = serializers.StatusChangeSerializer
    filterset_class = filters.StatusChangeFilter
    queryset = StatusChange.objects.all()
    # The change itself is never edited; the translations of its public reason are.
    write_permissions: ClassVar[dict[str, str]] = translation_permissions("statuschangetranslation")

    translations = translations_action(
        writes.StatusChangeTranslationInput, serializers.StatusChangeSerializer, "status change"
    )
    translation = translation_action("status change")

    def get_queryset(self) -> QuerySet[StatusChange]:
        changes = visible(
            StatusChange.objects.select_related("claim"), self.request, through="claim"
        )
        return changes.prefetch_related(
            Prefetch("evidence", queryset=visible_evidence(self.request)), "translations"
        )


@documented(
    plural="corrections",
    singular="correction",
    list_description="Every public correction and withdrawal of every record, append-only, "
    "as the public corrections page lists them: the record it is of, the public note with its "
    "translations, and each field's text before and after. Every correction is public: only "
    "published records are corrected.",
    detail_description="One correction or withdrawal.",
)
class CorrectionViewSet(ServiceWrites[Correction]):
    serializer_class = serializers.CorrectionSerializer
    filterset_class = filters.CorrectionFilter
    queryset = Correction.objects.all()
    # The correction itself is never edited; the translations of its public note are, each
    # write a further correction of the same record (as in the admin's CorrectionAdmin).
    write_permissions: ClassVar[dict[str, str]] = translation_permissions("correctiontranslation")

    translations = translations_action(
        writes.CorrectionTranslationInput, serializers.CorrectionSerializer, "correction"
    )
    translation = translation_action("correction")

    def get_queryset(self) -> QuerySet[Correction]:
        return Correction.objects.prefetch_related("translations")


@documented(
    plural="contradiction links",
    singular="contradiction link",
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
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        link = self.check_input(writes.ContradictionLinkInput).save_as(self.author())
        return self.answer(link, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Remove a contradiction link",
        request=None,
        responses=write_responses({204: None}, 404),
    )
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.contradiction_link_delete(by=self.author(), link=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    def get_queryset(self) -> QuerySet[ContradictionLink]:
        return visible_links(self.request).select_related(
            *(f"{side}_{kind}" for side in "ab" for kind in ("statement", "claim", "evidence"))
        )


@documented(
    plural="topics",
    singular="topic",
    list_description="Narratives and events that group claims, named in several languages.",
    detail_description="One topic. Its claims are not embedded: follow `claims_url`.",
)
class TopicViewSet(ServiceWrites[Topic]):
    serializer_class = serializers.TopicSerializer
    filterset_class = filters.TopicFilter
    queryset = Topic.objects.all()
    lookup_field = "slug"
    write_permissions: ClassVar[dict[str, str]] = translation_permissions("topictranslation")

    translations = translations_action(
        writes.TopicTranslationInput, serializers.TopicSerializer, "topic"
    )
    translation = translation_action("topic")

    def get_queryset(self) -> QuerySet[Topic]:
        names = TopicName.objects.select_related("source")
        return visible_topics(self.request).prefetch_related(
            *CORRECTIONS,
            Prefetch("names", visible_parts(names, self.request, selectors.public_topic_names)),
            "translations",
        )
