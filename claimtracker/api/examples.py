"""One example of each record type for the OpenAPI schema, built from the same fictional case
as the golden files (tests/api/golden/), whose shape ``tests/api/test_golden.py`` holds these
to. drf-spectacular wraps each in a page for the list endpoints."""

from typing import Any

from drf_spectacular.utils import OpenApiExample

SITE = "https://claims.example.org"


def api(path: str) -> str:
    return f"{SITE}/api/v1/{path}"


def page(path: str) -> str:
    return f"{SITE}/{path}"


# Compact references, reused inside the records below.

ARTICLE: dict[str, Any] = {
    "id": 12,
    "url": api("sources/12/"),
    "page_url": page("sources/12/"),
    "title": "Not everyone fits the mould",
    "publisher": "Example Weekly",
    "published_on": "2024-01-11",
    "web_url": "https://example.org/not-everyone-fits-the-mould",
}
BROADCAST: dict[str, Any] = {
    "id": 13,
    "url": api("sources/13/"),
    "page_url": page("sources/13/"),
    "title": "Televised address",
    "publisher": "",
    "published_on": "2022-01",
    "web_url": None,
}


def actor_ref(slug: str, name: str) -> dict[str, Any]:
    return {
        "slug": slug,
        "url": api(f"actors/{slug}/"),
        "page_url": page(f"actors/{slug}/"),
        "name": name,
    }


MINISTER = actor_ref("aidar-example", "Aidar Example")
MINISTRY = actor_ref("ministry-of-order", "Ministry of Order")
TOPIC_REF: dict[str, Any] = {
    "slug": "january-2022-events",
    "url": api("topics/january-2022-events/"),
    "page_url": page("topics/january-2022-events/"),
    "name": "The January 2022 events",
}
CLAIM_REF: dict[str, Any] = {
    "slug": "order-restored-without-force",
    "url": api("claims/order-restored-without-force/"),
    "page_url": page("claims/order-restored-without-force/"),
    "text": "Law enforcement restored order without using force in January 2022.",
    "status": "refuted",
    "status_label": "Refuted",
}
REPORT_REF: dict[str, Any] = {
    "id": 31,
    "url": api("evidence/31/"),
    "page_url": page("evidence/31/"),
    "kind": "investigation",
    "kind_label": "Investigation",
    "title": "Parliamentary commission report",
    "occurred_on": "2023-04",
    "occurred_on_wording": "in April",
    "occurred_not_after": None,
    "withdrawn_at": None,
}
STATEMENT_REF: dict[str, Any] = {
    "id": 57,
    "url": api("statements/57/"),
    "page_url": page("statements/57/"),
    "speaker": MINISTER,
    "mode": "direct",
    "quote": "Order was restored without force.",
    "language": "en",
    "stated_on": "2022-01",
    "stated_on_wording": "in early January",
    "stated_not_after": "2022-01-11",
    "withdrawn_at": None,
}
ROLE: dict[str, Any] = {
    "title": "Minister",
    "organisation": MINISTRY,
    "start": "2019-03",
    "end": "2022-01",
    "note": "at the time",
}
FIRST_CHANGE: dict[str, Any] = {
    "id": 88,
    "url": api("status-changes/88/"),
    "old_status": None,
    "old_status_label": "No status",
    "new_status": "unconfirmed",
    "new_status_label": "Unconfirmed",
    "recorded_at": "2024-01-12T09:30:00Z",
    "as_of": "2024-01-11",
    "reason": "No investigation or court has confirmed it yet, two years on.",
    "evidence": [],
    "previous_hash": "",
    "hash": "a7937b64b8caa58f03721bb6bacf5c78cb235febe0e70b1b84cd99541461a08e",
    "translations": [],
}
SECOND_CHANGE: dict[str, Any] = {
    "id": 89,
    "url": api("status-changes/89/"),
    "old_status": "unconfirmed",
    "old_status_label": "Unconfirmed",
    "new_status": "refuted",
    "new_status_label": "Refuted",
    "recorded_at": "2024-05-02T14:05:00Z",
    "as_of": "2024-01-11",
    "reason": "The commission's report documents live fire.",
    "evidence": [REPORT_REF],
    "previous_hash": "a7937b64b8caa58f03721bb6bacf5c78cb235febe0e70b1b84cd99541461a08e",
    "hash": "16367aacb67a4a017c8da8ab95682ccb390863780f7114dda0a0e0c55644c7c4",
    "translations": [],
}
PLACE_CORRECTION: dict[str, Any] = {
    "id": 7,
    "kind": "correction",
    "kind_label": "Correction",
    "note": "The address was to the nation, not to parliament.",
    "translations": [],
    "changes": [
        {
            "field": "place",
            "label": "place",
            "before": "a televised address to parliament",
            "after": "a televised address to the nation",
        }
    ],
    "recorded_at": "2024-02-01T10:00:00Z",
    "previous_hash": "",
    "hash": "34627e3242f2ca21f540951cb5376600aebba58675654dd5f61e860c6948bffa",
}


def example(name: str, value: dict[str, Any]) -> list[OpenApiExample]:
    return [OpenApiExample(name, value=value, response_only=True)]


ACTOR = example(
    "A minister",
    {
        "slug": "aidar-example",
        "url": api("actors/aidar-example/"),
        "page_url": page("actors/aidar-example/"),
        "kind": "person",
        "name": "Aidar Example",
        "description": "Minister of Order from 2019 to 2022.",
        "names": [
            {
                "value": "Айдар Example",
                "language": "kk",
                "script": "Cyrl",
                "kind": "alias",
                "source": ARTICLE,
            },
            {
                "value": "Aidar Example",
                "language": "en",
                "script": "Latn",
                "kind": "primary",
                "source": ARTICLE,
            },
        ],
        "roles": [{**ROLE, "source": ARTICLE}],
        "relations": [
            {
                "kind": "sibling_of",
                "kind_label": "is a sibling of",
                "other": actor_ref("nurlan-example", "Nurlan Example"),
                "source": ARTICLE,
            }
        ],
        "related_as_other": [
            {
                "subject": actor_ref("dana-example", "Dana Example"),
                "kind": "child_of",
                "kind_label": "is a child of",
                "source": ARTICLE,
            }
        ],
        "statements_url": api("statements/?actor=aidar-example"),
        "claims_url": api("claims/?actor=aidar-example"),
        "corrections": [],
    },
)

SOURCE = example(
    "A news article",
    {
        **ARTICLE,
        "author": "Saule Example",
        "language": "en",
        "archive_url": "https://web.archive.org/web/2024/https://example.org/not-everyone-fits-the-mould",
        "accessed_on": "2024-02-01",
        "corrections": [],
        # Not yet captured (docs/api.md shows a captured source, with every capture field).
        "archive": {"state": "not_archived", "since": None, "captures": []},
    },
)

STATEMENT = example(
    "A minister's direct quote",
    {
        "id": 57,
        "url": api("statements/57/"),
        "page_url": page("statements/57/"),
        "speaker": MINISTER,
        "speaker_role": ROLE,
        "mode": "direct",
        "quote": "Order was restored without force.",
        "language": "en",
        "translation": "Тәртіп күш қолданбай қалпына келтірілді.",
        "translation_language": "kk",
        "context": "He said that “order was restored without force” in the first days.",
        "stated_on": "2022-01",
        "stated_on_wording": "in early January",
        "stated_not_after": "2022-01-11",
        "place": "a televised address to the nation",
        "source": ARTICLE,
        "first_appearance": BROADCAST,
        "claims": [CLAIM_REF],
        "published_at": "2024-01-12T09:00:00Z",
        "withdrawn_at": None,
        "corrections": [PLACE_CORRECTION],
    },
)

CLAIM = example(
    "A refuted claim",
    {
        **{key: CLAIM_REF[key] for key in ("slug", "url", "page_url", "text")},
        "status": "refuted",
        "status_label": "Refuted",
        "status_changed_at": "2024-05-02T14:05:00Z",
        "topics": [TOPIC_REF],
        "statements": [STATEMENT_REF],
        "evidence": [
            {
                "evidence": REPORT_REF,
                "stance": "contradicts",
                "stance_label": "Contradicts",
                "note": "The report documents live fire.",
            }
        ],
        "status_changes": [FIRST_CHANGE, SECOND_CHANGE],
        "contradiction_links_url": api("contradiction-links/?claim=order-restored-without-force"),
        "published_at": "2024-01-12T09:35:00Z",
        "corrections": [],
        "translations": [],
    },
)

EVIDENCE = example(
    "A commission's report",
    {
        **{key: REPORT_REF[key] for key in ("id", "url", "page_url", "kind", "kind_label")},
        "title": "Parliamentary commission report",
        "summary": "The commission documents live fire in the city centre on 5 January.",
        "occurred_on": "2023-04",
        "occurred_on_wording": "in April",
        "occurred_not_after": None,
        "source": ARTICLE,
        "claims": [
            {
                "claim": CLAIM_REF,
                "stance": "contradicts",
                "stance_label": "Contradicts",
                "note": "The report documents live fire.",
            }
        ],
        "published_at": "2024-05-02T14:00:00Z",
        "withdrawn_at": None,
        "corrections": [],
        "translations": [],
    },
)

STATUS_CHANGE = example(
    "A claim refuted by a report",
    {
        "id": 89,
        "url": api("status-changes/89/"),
        "page_url": page("claims/order-restored-without-force/#status-change-89"),
        "claim": CLAIM_REF,
        **{key: value for key, value in SECOND_CHANGE.items() if key not in ("id", "url")},
    },
)

CONTRADICTION_LINK = example(
    "A quote contradicted by a report",
    {
        "id": 5,
        "url": api("contradiction-links/5/"),
        "page_url": None,
        "a": {
            "kind": "statement",
            "id": 57,
            "slug": None,
            "url": api("statements/57/"),
            "page_url": page("statements/57/"),
            "text": "Order was restored without force.",
        },
        "b": {
            "kind": "evidence",
            "id": 31,
            "slug": None,
            "url": api("evidence/31/"),
            "page_url": page("evidence/31/"),
            "text": "Parliamentary commission report",
        },
        "explanation": "The report documents live fire where the statement says no force was used.",
    },
)

TOPIC = example(
    "An event",
    {
        **TOPIC_REF,
        "description": "Protests and unrest across the country in early January 2022.",
        "names": [
            {"value": "Қаңтар оқиғалары", "language": "kk", "script": "Cyrl", "source": ARTICLE}
        ],
        "claims_url": api("claims/?topic=january-2022-events"),
        "corrections": [],
        "translations": [],
    },
)
