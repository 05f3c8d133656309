"""Golden files: the API's shape for one representative object of each type, as a contract.

Each test builds the same fixed records, reads one object as an anonymous reader and compares
it with ``tests/api/golden/<type>.json``, ids and timestamps normalised. Any change of shape (a
field added, renamed, removed or differently nested) fails here. If the change is intended,
regenerate the files, review the diff and commit it with the change:

    UPDATE_GOLDEN=1 DEBUG=true scripts/with-postgres .venv/bin/pytest tests/api/test_golden.py

The schema's examples (claimtracker/api/examples.py) must keep the same shape as these files.
"""

import datetime
import json
import os
import re
from pathlib import Path

import pytest

from claimtracker.api import examples
from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import (
    ActorKind,
    ActorRelation,
    ClaimStatus,
    EvidenceKind,
    QuoteMode,
    RelationKind,
    Script,
    Stance,
    TopicName,
)
from tests.api.records import publish, set_status
from tests.factories import (
    ActorFactory,
    ActorNameFactory,
    ActorRoleFactory,
    ClaimEvidenceFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
ID_IN_ADDRESS = re.compile(r"(/|#status-change-)\d+(?=/|$)")


def normalise(value, key=None):
    """Ids (also inside this server's addresses), timestamps and hashes as placeholders: they
    differ on every run."""
    if isinstance(value, dict):
        return {name: normalise(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [normalise(item) for item in value]
    if key == "id" and isinstance(value, int):
        return "<id>"
    if key in {"hash", "previous_hash"} and value:
        # A hash covers its entry's time, which differs on every run too.
        return "<sha256>"
    if isinstance(value, str) and TIMESTAMP.match(value):
        return "<timestamp>"
    if isinstance(value, str) and value.startswith("http://testserver/"):
        return ID_IN_ADDRESS.sub(r"\1<id>", value)
    return value


@pytest.fixture
def golden(fact_checker):
    """One of each record, every field filled with a fixed value, all published."""
    by = fact_checker
    article = SourceFactory(
        title="Not everyone fits the mould",
        publisher="Example Weekly",
        author="Saule Example",
        published_on=PartialDate(2024, 1, 11),
        language="en",
        url="https://example.org/not-everyone-fits-the-mould",
        archive_url="https://web.archive.org/web/2024/https://example.org/not-everyone-fits-the-mould",
        accessed_on=datetime.date(2024, 2, 1),
    )
    broadcast = SourceFactory(
        title="Televised address", publisher="", published_on=PartialDate(2022, 1), language="kk"
    )
    ministry = ActorFactory(
        slug="ministry-of-order",
        kind=ActorKind.INSTITUTION,
        primary_name__value="Ministry of Order",
        primary_name__source=article,
    )
    minister = ActorFactory(
        slug="aidar-example",
        description="Minister of Order from 2019 to 2022.",
        primary_name__value="Aidar Example",
        primary_name__source=article,
    )
    ActorNameFactory(
        actor=minister, value="Айдар Example", language="kk", script=Script.CYRILLIC, source=article
    )
    role = ActorRoleFactory(
        actor=minister,
        title="Minister",
        organisation=ministry,
        start=PartialDate(2019, 3),
        end=PartialDate(2022, 1),
        note="at the time",
        source=article,
    )
    ActorRelation.objects.create(
        subject=minister,
        kind=RelationKind.SIBLING_OF,
        other=ActorFactory(slug="nurlan-example", primary_name__value="Nurlan Example"),
        source=article,
    )
    dana = ActorFactory(slug="dana-example", primary_name__value="Dana Example")
    ActorRelation.objects.create(
        subject=dana, kind=RelationKind.CHILD_OF, other=minister, source=article
    )
    # Public only once published: a tie from an unpublished actor is not shown.
    publish(dana, by)
    topic = TopicFactory(
        slug="january-2022-events",
        name="The January 2022 events",
        description="Protests and unrest across the country in early January 2022.",
    )
    TopicName.objects.create(
        topic=topic, value="Қаңтар оқиғалары", language="kk", script=Script.CYRILLIC, source=article
    )
    statement = publish(
        StatementFactory(
            speaker=minister,
            speaker_role=role,
            mode=QuoteMode.DIRECT,
            quote="Order was restored without force.",
            language="en",
            translation="Тәртіп күш қолданбай қалпына келтірілді.",
            translation_language="kk",
            context="He said that “order was restored without force” in the first days.",
            stated_on=PartialDate(2022, 1),
            stated_on_wording="in early January",
            stated_not_after=datetime.date(2022, 1, 11),
            place="a televised address",
            source=article,
            first_appearance=broadcast,
        ),
        by,
    )
    report = publish(
        EvidenceFactory(
            kind=EvidenceKind.INVESTIGATION,
            title="Parliamentary commission report",
            summary="The commission documents live fire in the city centre on 5 January.",
            occurred_on=PartialDate(2023, 4),
            occurred_on_wording="in April",
            source=article,
        ),
        by,
    )
    claim = ClaimFactory(
        slug="order-restored-without-force",
        text="Law enforcement restored order without using force in January 2022.",
        statements=[statement],
    )
    claim.topics.add(topic)
    ClaimEvidenceFactory(
        claim=claim,
        evidence=report,
        stance=Stance.CONTRADICTS,
        note="The report documents live fire.",
    )
    set_status(
        claim,
        by,
        ClaimStatus.UNCONFIRMED,
        reason="No investigation or court has confirmed it yet, two years on.",
    )
    change = set_status(
        claim,
        by,
        ClaimStatus.REFUTED,
        evidence=[report],
        reason="The commission's report documents live fire.",
    )
    publish(claim, by)
    services.record_correct(
        by=by,
        record=statement,
        changes={"place": "a televised address to the nation"},
        note="The address was to the nation, not to parliament.",
    )
    link = services.contradiction_link_create(
        by=by,
        first=statement,
        second=report,
        explanation="The report documents live fire where the statement says no force was used.",
    )
    return {
        "actor": f"actors/{minister.slug}",
        "source": f"sources/{article.pk}",
        "statement": f"statements/{statement.pk}",
        "claim": f"claims/{claim.slug}",
        "evidence": f"evidence/{report.pk}",
        "status-change": f"status-changes/{change.pk}",
        "contradiction-link": f"contradiction-links/{link.pk}",
        "topic": f"topics/{topic.slug}",
    }


@pytest.mark.parametrize(
    "kind",
    [
        "actor",
        "source",
        "statement",
        "claim",
        "evidence",
        "status-change",
        "contradiction-link",
        "topic",
    ],
)
def test_each_type_keeps_its_reviewed_shape(anonymous, golden, kind):
    response = anonymous.get(f"/api/v1/{golden[kind]}/")
    assert response.status_code == 200
    actual = normalise(response.json())
    path = GOLDEN / f"{kind}.json"

    if UPDATE:
        path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))

    assert actual == expected, (
        f"The {kind} API shape changed. If that is intended, regenerate {path.name} with "
        "UPDATE_GOLDEN=1 (see this module's docstring), review the diff and commit it."
    )


def shape(value):
    """The keys of every object, recursively, and the shape of list items; no values."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return None


@pytest.mark.parametrize(
    ("kind", "example"),
    [
        ("actor", examples.ACTOR),
        ("source", examples.SOURCE),
        ("statement", examples.STATEMENT),
        ("claim", examples.CLAIM),
        ("evidence", examples.EVIDENCE),
        ("status-change", examples.STATUS_CHANGE),
        ("contradiction-link", examples.CONTRADICTION_LINK),
        ("topic", examples.TOPIC),
    ],
)
def test_the_schema_example_of_each_type_has_the_golden_shape(kind, example):
    expected = json.loads((GOLDEN / f"{kind}.json").read_text(encoding="utf-8"))

    (documented,) = example

    assert shape(documented.value) == shape(expected)
