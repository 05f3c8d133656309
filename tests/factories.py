"""Factories for the domain: name only the fields a test relies on."""

import factory
from django.contrib.auth.models import Group, User

from claimtracker.claims import models
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.roles import GROUP_NAMES, Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")
    is_staff = True

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=GROUP_NAMES[Role(extracted)]))


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Source

    title = factory.Sequence(lambda n: f"Report {n}")
    language = "en"
    published_on = PartialDate(2024, 1, 11)


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Actor
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"actor-{n}")
    kind = models.ActorKind.PERSON
    primary_name = factory.RelatedFactory(
        "tests.factories.ActorNameFactory",
        factory_related_name="actor",
        value=factory.SelfAttribute("..slug"),
        kind=models.NameKind.PRIMARY,
    )


class ActorNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ActorName

    actor = factory.SubFactory(ActorFactory)
    value = factory.Sequence(lambda n: f"Name {n}")
    language = "en"
    source = factory.SubFactory(SourceFactory)


class ActorRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ActorRole

    actor = factory.SubFactory(ActorFactory)
    title = "President"
    source = factory.SubFactory(SourceFactory)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Statement

    speaker = factory.SubFactory(ActorFactory)
    quote = factory.Sequence(lambda n: f"quoted words {n}")
    language = "en"
    source = factory.SubFactory(SourceFactory)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Topic

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"Topic {n}")


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Claim
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"claim-{n}")
    text = factory.Sequence(lambda n: f"Proposition number {n} is true.")

    @factory.post_generation
    def statements(self, create, extracted, **kwargs):
        # A claim is published only with a statement asserting it: one by default, none only
        # when a test says statements=[].
        if create:
            self.statements.set([StatementFactory()] if extracted is None else extracted)


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Evidence

    kind = models.EvidenceKind.REPORTING
    title = factory.Sequence(lambda n: f"Evidence {n}")
    summary = "What the source establishes."
    source = factory.SubFactory(SourceFactory)


class ClaimEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ClaimEvidence

    claim = factory.SubFactory(ClaimFactory)
    evidence = factory.SubFactory(EvidenceFactory)
    stance = models.Stance.SUPPORTS


def status_basis(claim, new_status):
    """Evidence linked to ``claim`` that ``new_status`` may rest on (the rules:
    tests/claims/test_status_rules.py): contradicting for Disputed, any other otherwise.

    Reuses a fitting link; only a draft claim gets a new one (a published claim's links change
    only through a correction).
    """
    links = claim.evidence_links.filter(evidence__withdrawn_at__isnull=True)
    if new_status == models.ClaimStatus.DISPUTED:
        links = links.filter(stance=models.Stance.CONTRADICTS)
    if claim.published_at is not None:
        links = links.filter(evidence__published_at__isnull=False)
    link = links.select_related("evidence").first()
    if link is None:
        contradicts = new_status == models.ClaimStatus.DISPUTED
        stance = models.Stance.CONTRADICTS if contradicts else models.Stance.SUPPORTS
        link = ClaimEvidenceFactory(claim=claim, stance=stance)
    return link.evidence
