"""A journalist's unpublished work, entered through the services as the admin and API enter it:
a new actor, a new topic, and a draft claim asserted by a draft statement quoting a new source.

tests/web/test_drafts_private.py and tests/api/test_drafts_private.py check that none of it is
public until a fact-checker publishes the claim, and that all of it is public afterwards.
"""

from dataclasses import dataclass

from claimtracker.claims import services
from claimtracker.claims.models import (
    Actor,
    ActorName,
    Claim,
    NameKind,
    Source,
    Statement,
    Topic,
)


@dataclass
class Investigation:
    actor: Actor
    name_source: Source
    statement_source: Source
    topic: Topic
    statement: Statement
    claim: Claim


def journalists_investigation(journalist) -> Investigation:
    name_source = services.source_create(
        by=journalist,
        title="Leaked staff list of the river authority",
        language="en",
        url="https://leaks.example.org/staff-list",
    )
    actor = services.actor_create(
        by=journalist,
        slug="aigerim-dambuilder",
        kind="person",
        names=services.RowEdits(
            added=[
                ActorName(
                    value="Aigerim Dambuilder",
                    language="en",
                    kind=NameKind.PRIMARY,
                    source=name_source,
                )
            ]
        ),
    )
    topic = services.topic_create(by=journalist, slug="river-dam-affair", name="River dam affair")
    statement = services.statement_create(
        by=journalist,
        speaker=actor,
        quote="The river will be dammed before spring.",
        language="en",
        new_source={
            "title": "Recording from the closed hearing",
            "language": "en",
            "url": "https://leaks.example.org/hearing",
        },
    )
    claim = services.claim_create(
        by=journalist,
        slug="the-river-will-be-dammed",
        text="The river will be dammed before spring.",
        statements=[statement],
        topics=[topic],
    )
    return Investigation(
        actor=actor,
        name_source=name_source,
        statement_source=statement.source,
        topic=topic,
        statement=statement,
        claim=claim,
    )


def publish_investigation(fact_checker, investigation: Investigation) -> None:
    """Publishing the claim publishes the statement, its speaker and source, the speaker's
    name's source and the topic with it (``services.record_publish``)."""
    services.record_publish(by=fact_checker, record=investigation.claim)
