"""Actors: names in several languages and scripts, roles over time."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import Actor, NameKind, Script
from tests.factories import ActorFactory, ActorNameFactory, ActorRoleFactory, StatementFactory

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


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
    from claimtracker.claims import services

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
