"""The reference case loader: ``fixtures/qandy-qantar.json`` written through the domain's services.

One transaction, as the labelled import account. Idempotent: a row matched by slug or natural key is
left exactly as it is and only what is missing is created (docs/reference-case.md).
"""

from __future__ import annotations

import datetime
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models, transaction

from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import (
    END_KINDS,
    Actor,
    ActorName,
    ActorRelation,
    ActorRole,
    Claim,
    ClaimEvidence,
    ContradictionLink,
    Evidence,
    Script,
    Source,
    Statement,
    StatusChange,
    Topic,
)
from claimtracker.seeding.accounts import automated_account_ensure

FIXTURE = settings.BASE_DIR / "fixtures" / "qandy-qantar.json"
# Translations of the case's texts, kept apart from the article's words: the file beside the
# fixture, named ``<fixture>.translations.json`` (docs/reference-case.md).
TRANSLATIONS_SUFFIX = ".translations.json"
IMPORT_USERNAME = "reference-import"
IMPORT_LABEL = "Reference case import"

type Item = dict[str, Any]

# The fields each section of the file may have. A misspelt field fails the load instead of
# being silently ignored; "comment" explains a judgment call for readers of the file only.
SECTION_FIELDS = {
    "sources": {
        "key",
        "title",
        "publisher",
        "author",
        "url",
        "published_on",
        "accessed_on",
        "language",
    },
    "topics": {"slug", "name", "description"},
    "actors": {"slug", "kind", "description", "same_as", "names", "roles"},
    "names": {"value", "language", "script", "kind", "source"},
    "roles": {"key", "title", "organisation", "start", "end", "note", "source"},
    "relations": {"subject", "kind", "other", "source", "source_words"},
    "statements": {
        "key",
        "speaker",
        "speaker_role",
        "mode",
        "quote",
        "language",
        "context",
        "stated_on",
        "stated_on_wording",
        "stated_not_after",
        "place",
        "source",
        "first_appearance",
    },
    "evidence": {
        "key",
        "kind",
        "title",
        "summary",
        "occurred_on",
        "occurred_on_wording",
        "occurred_not_after",
        "source",
    },
    "claims": {"slug", "text", "topics", "statements", "evidence", "status_changes"},
    "claim_evidence": {"evidence", "stance", "note"},
    "status_changes": {"new_status", "reason", "as_of", "evidence"},
    "contradiction_links": {"first", "second", "explanation"},
}
TOP_LEVEL = {
    "about",
    "sources",
    "topics",
    "actors",
    "relations",
    "statements",
    "evidence",
    "claims",
    "contradiction_links",
}


TRANSLATION_FIELDS = {"about", "origin", "translated_by", "claims", "status_changes", "evidence"}
# A translation file's text in each language is written in that language's usual script.
TRANSLATION_SCRIPTS = {"ru": Script.CYRILLIC, "kk": Script.CYRILLIC}
TRANSLATIONS_ADDED_LATER = (
    "Translations added from a later version of the reference case's translations "
    "(fixtures/qandy-qantar.translations.json); the English original is unchanged."
)

# The public note of a correction, when a later version of the fixture adds a row to a record
# an earlier load published (a first load publishes everything together, with no correction).
ADDED_LATER = (
    "Added from a later version of the reference case's fixture (fixtures/qandy-qantar.json)."
)


def import_account() -> User:
    """The account that records the reference case: labelled, a Fact-checker, no password."""
    return automated_account_ensure(username=IMPORT_USERNAME, label=IMPORT_LABEL)


@dataclass
class LoadReport:
    """How many rows of each kind the load created and how many it found already there."""

    created: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)

    def count(self, model: type[models.Model], created: bool) -> None:
        name = str(model._meta.verbose_name_plural)
        (self.created if created else self.found)[name] += 1

    @property
    def created_anything(self) -> bool:
        return any(self.created.values())

    def lines(self) -> list[str]:
        names = sorted(set(self.created) | set(self.found))
        return [f"{name}: {self.created[name]} created, {self.found[name]} found" for name in names]


def read_fixture(path: Path = FIXTURE) -> Item:
    data: Item = json.loads(path.read_text(encoding="utf-8"))
    _check_fields(data, TOP_LEVEL, "the file")
    translations = path.with_name(path.stem + TRANSLATIONS_SUFFIX)
    if translations.exists():
        data["translations"] = json.loads(translations.read_text(encoding="utf-8"))
        _check_fields(data["translations"], TRANSLATION_FIELDS, translations.name)
    return data


def load_reference_case(path: Path = FIXTURE) -> LoadReport:
    """Create whatever part of the reference case is missing; runs in one transaction."""
    data = read_fixture(path)
    with transaction.atomic():
        return _Loader(import_account(), data).load()


def _check_fields(item: Item, allowed: set[str], where: str) -> None:
    unknown = set(item) - allowed - {"comment"}
    if unknown:
        raise ValueError(f"Unknown fields in {where}: {', '.join(sorted(unknown))}")


class _Rows[Row: models.Model](dict[str, Row]):
    """Rows already loaded, by the key the file uses; a reference to a missing key fails clearly."""

    def __missing__(self, key: str) -> Row:
        raise ValueError(f"The file refers to an unknown key or slug: {key!r}")


def _partial(value: str | None) -> PartialDate | None:
    return None if value is None else PartialDate.parse(value)


def _day(value: str | None) -> datetime.date | None:
    return None if value is None else datetime.date.fromisoformat(value)


class _Loader:
    def __init__(self, account: User, data: Item) -> None:
        self.by = account
        self.data = data
        self.report = LoadReport()
        self.sources: _Rows[Source] = _Rows()
        self.topics: _Rows[Topic] = _Rows()
        self.actors: _Rows[Actor] = _Rows()
        self.roles: _Rows[ActorRole] = _Rows()
        self.statements: _Rows[Statement] = _Rows()
        self.evidence: _Rows[Evidence] = _Rows()
        self.claims: _Rows[Claim] = _Rows()
        translations = data.get("translations", {})
        self.translation = {
            "origin": translations.get("origin", "machine"),
            "translated_by": translations.get("translated_by", ""),
        }
        self.claim_translations = {item["slug"]: item for item in translations.get("claims", [])}
        self.evidence_translations = {
            item["key"]: item for item in translations.get("evidence", [])
        }
        self.reason_translations = {
            (item["claim"], item["new_status"]): item
            for item in translations.get("status_changes", [])
        }

    def load(self) -> LoadReport:
        for section, loader in [
            ("sources", self.source),
            ("topics", self.topic),
            ("actors", self.actor),
            ("actors", self.actor_roles),
            ("relations", self.relation),
            ("statements", self.statement),
            ("evidence", self.evidence_item),
            ("claims", self.claim),
            ("contradiction_links", self.contradiction_link),
        ]:
            for item in self.data.get(section, []):
                _check_fields(item, SECTION_FIELDS[section], section)
                loader(item)
        # Every actor and topic of the file is part of the published case, cited by the article
        # even when no published statement of theirs is (Massimov, Abish): published once all
        # their names, posts and ties are in. Publishing them again changes nothing.
        for record in [*self.actors.values(), *self.topics.values()]:
            services.record_publish(by=self.by, record=record)
        return self.report

    def created(self, row: models.Model) -> None:
        self.report.count(type(row), created=True)

    def found(self, row: models.Model) -> None:
        self.report.count(type(row), created=False)

    def source(self, item: Item) -> None:
        fields = {
            "title": item["title"],
            "publisher": item["publisher"],
            "author": item["author"],
            "url": item["url"],
            "published_on": _partial(item["published_on"]),
            "accessed_on": _day(item["accessed_on"]),
            "language": item["language"],
        }
        # Found by its address, or with none by its title, publisher and date (the service's
        # rule, shared with the API and the admin).
        existing, created = services.source_get_or_create(by=self.by, **fields)
        self.report.count(Source, created)
        self.sources[item["key"]] = existing

    def topic(self, item: Item) -> None:
        topic = Topic.objects.filter(slug=item["slug"]).first()
        if topic is None:
            topic = services.topic_create(
                by=self.by, slug=item["slug"], name=item["name"], description=item["description"]
            )
            self.created(topic)
        else:
            self.found(topic)
        self.topics[topic.slug] = topic

    def actor(self, item: Item) -> None:
        for name in item["names"]:
            _check_fields(name, SECTION_FIELDS["names"], f"the names of {item['slug']}")
        actor = Actor.objects.filter(slug=item["slug"]).first()
        if actor is None:
            # A new actor is created with its names, as the service requires (one primary).
            names = [self.actor_name(name) for name in item["names"]]
            actor = services.actor_create(
                by=self.by,
                slug=item["slug"],
                kind=item["kind"],
                description=item["description"],
                same_as=item["same_as"],
                names=services.RowEdits(added=names),
            )
            self.created(actor)
            for name_row in names:
                self.created(name_row)
        else:
            self.found(actor)
            self.missing_names(actor, item["names"])
        self.actors[actor.slug] = actor

    def actor_name(self, name: Item) -> ActorName:
        return ActorName(
            value=name["value"],
            language=name["language"],
            script=name["script"],
            kind=name["kind"],
            source=self.sources[name["source"]],
        )

    def missing_names(self, actor: Actor, names: list[Item]) -> None:
        for name in names:
            existing = ActorName.objects.filter(
                actor=actor, value=name["value"], language=name["language"]
            ).first()
            if existing is None:
                row = self.actor_name(name)
                row.actor = actor
                services.actor_update(
                    by=self.by,
                    actor=actor,
                    changes={},
                    names=services.RowEdits(added=[row]),
                    correction_note=ADDED_LATER,
                )
                self.created(row)
            else:
                self.found(existing)

    def actor_roles(self, item: Item) -> None:
        # A second pass: a role's organisation is an actor that may come later in the file.
        actor = self.actors[item["slug"]]
        for role in item["roles"]:
            _check_fields(role, SECTION_FIELDS["roles"], f"the roles of {actor.slug}")
            organisation = self.actors[role["organisation"]] if role["organisation"] else None
            source = self.sources[role["source"]]
            row = ActorRole.objects.filter(
                actor=actor, title=role["title"], organisation=organisation, source=source
            ).first()
            if row is None:
                row = services.actor_role_create(
                    by=self.by,
                    actor=actor,
                    title=role["title"],
                    organisation=organisation,
                    start=_partial(role["start"]),
                    end=_partial(role["end"]),
                    note=role["note"],
                    source=source,
                    correction_note=ADDED_LATER,
                )
                self.created(row)
            else:
                self.found(row)
            self.roles[role["key"]] = row

    def relation(self, item: Item) -> None:
        subject, other = self.actors[item["subject"]], self.actors[item["other"]]
        row = ActorRelation.objects.filter(subject=subject, kind=item["kind"], other=other).first()
        if row is None:
            row = ActorRelation(
                subject=subject, kind=item["kind"], other=other, source=self.sources[item["source"]]
            )
            services.actor_update(
                by=self.by,
                actor=subject,
                changes={},
                relations=services.RowEdits(added=[row]),
                correction_note=ADDED_LATER,
            )
            self.created(row)
        else:
            self.found(row)

    def statement(self, item: Item) -> None:
        speaker, source = self.actors[item["speaker"]], self.sources[item["source"]]
        # The quoted words, who said them and where they were read identify a statement; the
        # context and dates around them are what a curator might refine.
        statement = Statement.objects.filter(
            source=source, speaker=speaker, mode=item["mode"], quote=item["quote"]
        ).first()
        if statement is None:
            statement = services.statement_create(
                by=self.by,
                speaker=speaker,
                speaker_role=self.roles[item["speaker_role"]] if item["speaker_role"] else None,
                mode=item["mode"],
                quote=item["quote"],
                language=item["language"],
                context=item["context"],
                stated_on=_partial(item["stated_on"]),
                stated_on_wording=item["stated_on_wording"],
                stated_not_after=_day(item["stated_not_after"]),
                place=item["place"],
                source=source,
                first_appearance=(
                    self.sources[item["first_appearance"]] if item["first_appearance"] else None
                ),
            )
            services.record_publish(by=self.by, record=statement)
            self.report.count(Statement, created=True)
        else:
            self.found(statement)
        self.statements[item["key"]] = statement

    def evidence_item(self, item: Item) -> None:
        source = self.sources[item["source"]]
        # The summary is the source's own words, so it identifies the item better than the
        # title, which curators may rephrase.
        evidence = Evidence.objects.filter(
            source=source, kind=item["kind"], summary=item["summary"]
        ).first()
        if evidence is None:
            evidence = services.evidence_create(
                by=self.by,
                kind=item["kind"],
                title=item["title"],
                summary=item["summary"],
                occurred_on=_partial(item["occurred_on"]),
                occurred_on_wording=item["occurred_on_wording"],
                occurred_not_after=_day(item["occurred_not_after"]),
                source=source,
            )
            # Translated while a draft: published with it, no correction needed.
            self.translate(evidence, self.evidence_translations.get(item["key"]))
            services.record_publish(by=self.by, record=evidence)
            self.created(evidence)
        else:
            self.found(evidence)
            self.translate(evidence, self.evidence_translations.get(item["key"]))
        self.evidence[item["key"]] = evidence

    def claim(self, item: Item) -> None:
        claim = Claim.objects.filter(slug=item["slug"]).first()
        if claim is None:
            claim = services.claim_create(
                by=self.by,
                slug=item["slug"],
                text=item["text"],
                statements=[self.statements[key] for key in item["statements"]],
                topics=[self.topics[slug] for slug in item["topics"]],
            )
            self.report.count(Claim, created=True)
        else:
            self.found(claim)
        self.claims[claim.slug] = claim
        self.translate(claim, self.claim_translations.get(claim.slug))
        self.claim_evidence(claim, item["evidence"])
        # With its statements and evidence: publishing it publishes whatever of them is a draft.
        services.record_publish(by=self.by, record=claim)
        self.claim_statuses(claim, item["status_changes"])

    def claim_evidence(self, claim: Claim, links: list[Item]) -> None:
        for link in links:
            _check_fields(link, SECTION_FIELDS["claim_evidence"], f"the evidence of {claim.slug}")
            evidence = self.evidence[link["evidence"]]
            row = ClaimEvidence.objects.filter(claim=claim, evidence=evidence).first()
            if row is None:
                row = services.claim_evidence_create(
                    by=self.by,
                    claim=claim,
                    evidence=evidence,
                    stance=link["stance"],
                    note=link["note"],
                    correction_note=ADDED_LATER,
                )
                self.created(row)
            else:
                self.found(row)

    def claim_statuses(self, claim: Claim, changes: list[Item]) -> None:
        for change in changes:
            _check_fields(change, SECTION_FIELDS["status_changes"], f"the statuses of {claim.slug}")
        history = list(claim.status_changes.all()) if changes else []
        if history:
            # Someone has assessed this claim since (or an earlier load did): their history
            # stands, and the file's statuses are not replayed on top of it.
            for recorded in history:
                self.found(recorded)
                self.translate(
                    recorded, self.reason_translations.get((claim.slug, recorded.new_status))
                )
            return
        for change in changes:
            recorded = services.claim_change_status(
                by=self.by,
                claim=claim,
                new_status=change["new_status"],
                expected_status=claim.status,
                reason=change["reason"],
                as_of=_partial(change["as_of"]),
                evidence=[self.evidence[key] for key in change["evidence"]],
            )
            self.report.count(StatusChange, created=True)
            # In the change's own transaction: part of the history entry, no correction.
            self.translate(
                recorded, self.reason_translations.get((claim.slug, change["new_status"]))
            )

    def translate(self, record: Claim | Evidence | StatusChange, item: Item | None) -> None:
        """Add the file's translations ``record`` lacks; those it has stay as they are (a
        curator may have reviewed or replaced them). Kazakh Latin follows from the Cyrillic."""
        if item is None:
            return
        model = services.translation_model(record)
        existing = model._default_manager.filter(**{model.RECORD: record})
        for name in model.FIELDS:
            for language, text in item.get(name, {}).items():
                script = TRANSLATION_SCRIPTS[language]
                row = existing.filter(field=name, language=language, script=script).first()
                if row is not None:
                    self.found(row)
                    continue
                row = services.translation_save(
                    by=self.by,
                    record=record,
                    field=name,
                    language=language,
                    script=script,
                    text=text,
                    origin=self.translation["origin"],
                    translated_by=self.translation["translated_by"],
                    correction_note=TRANSLATIONS_ADDED_LATER,
                )
                self.created(row)

    def contradiction_link(self, item: Item) -> None:
        first, second = self.link_end(item["first"]), self.link_end(item["second"])
        # The canonical order of the two ends is the link's natural key.
        wanted = ContradictionLink.between(first, second, item["explanation"])
        ends = {
            f"{side}_{kind}": getattr(wanted, f"{side}_{kind}_id")
            for side in "ab"
            for kind in END_KINDS
        }
        existing = ContradictionLink.objects.filter(**ends).first()
        if existing is None:
            services.contradiction_link_create(
                by=self.by, first=first, second=second, explanation=item["explanation"]
            )
            self.report.count(ContradictionLink, created=True)
        else:
            self.found(existing)

    def link_end(self, end: Item) -> models.Model:
        """``{"statement": key}``, ``{"claim": slug}`` or ``{"evidence": key}``."""
        rows: dict[str, _Rows[Any]] = {
            "statement": self.statements,
            "claim": self.claims,
            "evidence": self.evidence,
        }
        if len(end) != 1 or next(iter(end)) not in rows:
            raise ValueError(f"A contradiction link end must be one of {sorted(rows)}: {end}")
        ((kind, key),) = end.items()
        row: models.Model = rows[kind][key]
        return row
