"""Actors: names in several languages and scripts, roles over time."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import (
    Actor,
    ActorName,
    ActorRelation,
    ActorRole,
    NameKind,
    Script,
)
from tests.factories import (
    ActorFactory,
    ActorNameFactory,
    ActorRoleFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tokayev():
    actor = ActorFactory(slug="kassym-jomart-tokayev", primary_name=None)
    ActorNameFactory(actor=actor, value="Kassym-Jomart Tokayev", kind=NameKind.PRIMARY)
    ActorNameFactory(
        actor=actor, value="Қасым-Жомарт Тоқаев", language="kk", script=Script.CYRILLIC
    )
    ActorNameFactory(
        actor=actor, value="Касым-Жомарт Токаев", language="ru", script=Script.CYRILLIC
    )
    return actor


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("kk", "Қасым-Жомарт Тоқаев"),
        ("ru", "Касым-Жомарт Токаев"),
        ("ru-RU", "Касым-Жомарт Токаев"),
        ("en", "Kassym-Jomart Tokayev"),
        ("de", "Kassym-Jomart Tokayev"),
    ],
)
def test_the_name_shown_follows_the_readers_language_with_a_fallback(tokayev, language, shown):
    assert tokayev.display_name(language) == shown
    with translation.override(language):
        assert str(Actor.objects.with_names().get(pk=tokayev.pk)) == shown


def test_a_former_name_is_never_shown_as_current(tokayev):
    ActorNameFactory(actor=tokayev, value="Old name", language="de", kind=NameKind.FORMER)
    assert tokayev.display_name("de") == "Kassym-Jomart Tokayev"


def test_an_actor_has_only_one_primary_name(tokayev):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorNameFactory(actor=tokayev, value="Tokayev", kind=NameKind.PRIMARY)


def test_a_statement_knows_the_role_its_speaker_held_then(journalist):
    role = ActorRoleFactory(title="Chairman", start=PartialDate(2019), end=PartialDate(2022, 1))
    ActorRoleFactory(
        actor=role.actor, title="Adviser", start=PartialDate(2015), end=PartialDate(2018)
    )

    statement = services.statement_create(
        by=journalist,
        speaker=role.actor,
        quote="words",
        language="en",
        source=StatementFactory().source,
        stated_on=PartialDate(2021, 6),
    )
    assert statement.speaker_role == role


def test_the_database_refuses_a_role_that_ends_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorRoleFactory(start=PartialDate(2022, 5), end=PartialDate(2021))


# actor_create and actor_update: the actor and its rows, written together


def name(value, kind=NameKind.ALIAS, language="en", **fields):
    return ActorName(
        value=value, kind=kind, language=language, source=fields.pop("source", None), **fields
    )


def test_an_actor_is_entered_with_its_names_roles_and_ties_in_one_write(journalist):
    source = SourceFactory()
    nephew_of = ActorFactory(slug="nursultan-nazarbayev")

    actor = services.actor_create(
        by=journalist,
        slug="samat-abish",
        kind="person",
        names=services.RowEdits(added=[name("Samat Abish", NameKind.PRIMARY, source=source)]),
        roles=services.RowEdits(
            added=[ActorRole(title="First deputy chairman", start=PartialDate(2015), source=source)]
        ),
        relations=services.RowEdits(
            added=[ActorRelation(kind="nephew_or_niece_of", other=nephew_of, source=source)]
        ),
    )

    assert str(actor) == "Samat Abish"
    assert actor.created_by == journalist
    assert [r.title for r in actor.roles.all()] == ["First deputy chairman"]
    assert [str(r) for r in actor.relations.all()] == [
        "Samat Abish is a nephew or niece of nursultan-nazarbayev"
    ]
    assert {row.created_by for row in [*actor.roles.all(), *actor.relations.all()]} == {journalist}


@pytest.mark.parametrize("primaries", [0, 2])
def test_an_actor_without_exactly_one_primary_name_is_refused_and_nothing_is_written(
    journalist, primaries
):
    source = SourceFactory()
    names = [name(f"Name {n}", NameKind.PRIMARY, source=source) for n in range(primaries)]

    with pytest.raises(ValidationError, match="exactly one primary name"):
        services.actor_create(
            by=journalist,
            slug="nobody",
            kind="person",
            names=services.RowEdits(added=[*names, name("Alias", source=source)]),
        )

    assert not Actor.objects.filter(slug="nobody").exists()


def test_the_primary_name_passes_to_another_name_in_one_edit(journalist, tokayev):
    old = tokayev.names.get(kind=NameKind.PRIMARY)
    old.kind = NameKind.FORMER

    services.actor_update(
        by=journalist,
        actor=tokayev,
        changes={"description": "President of Kazakhstan."},
        names=services.RowEdits(
            changed=[old], added=[name("Tokayev", NameKind.PRIMARY, source=old.source)]
        ),
    )

    tokayev.refresh_from_db()
    assert tokayev.description == "President of Kazakhstan."
    assert tokayev.display_name("de") == "Tokayev"


def test_removing_an_actors_last_primary_name_is_refused(journalist, tokayev):
    primary = tokayev.names.get(kind=NameKind.PRIMARY)

    with pytest.raises(ValidationError, match="there are 0"):
        services.actor_update(
            by=journalist, actor=tokayev, changes={}, names=services.RowEdits(removed=[primary])
        )

    assert tokayev.names.filter(pk=primary.pk).exists()


def test_only_an_editor_removes_an_actors_role(journalist, editor):
    role = ActorRole.objects.get(pk=ActorRoleFactory().pk)
    removal = services.RowEdits(removed=[role])

    with pytest.raises(PermissionDenied):
        services.actor_update(by=journalist, actor=role.actor, changes={}, roles=removal)
    services.actor_update(by=editor, actor=role.actor, changes={}, roles=removal)

    assert not role.actor.roles.exists()


def test_another_actors_name_cannot_be_edited_through_this_one(journalist, tokayev):
    stranger = ActorNameFactory(value="Someone else")
    stranger.value = "Hijacked"

    with pytest.raises(ValidationError, match="belongs to another record"):
        services.actor_update(
            by=journalist, actor=tokayev, changes={}, names=services.RowEdits(changed=[stranger])
        )

    stranger.refresh_from_db()
    assert (stranger.value, stranger.actor) != ("Hijacked", tokayev)


def test_an_actors_slug_is_not_changed_by_an_update(journalist, tokayev):
    with pytest.raises(ValidationError):
        services.actor_update(by=journalist, actor=tokayev, changes={"slug": "someone-else"})


def test_an_account_without_a_role_may_not_enter_an_actor(outsider):
    with pytest.raises(PermissionDenied):
        services.actor_create(
            by=outsider,
            slug="x",
            kind="person",
            names=services.RowEdits(added=[name("X", NameKind.PRIMARY, source=SourceFactory())]),
        )
