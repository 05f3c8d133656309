"""Search keys: one folding of Kazakh, Russian and Latin spellings, stored and never stale."""

# Kazakh and Russian words in Cyrillic on purpose, which RUF001 takes for look-alikes.
# ruff: noqa: RUF001

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from claimtracker.claims import selectors_search
from claimtracker.claims.models import Actor, ActorName, Claim, Statement, Topic, TopicName
from claimtracker.claims.search import FOLDING_TABLE, recompute_search_keys, search_key
from claimtracker.claims.selectors_search import (
    actors_matching,
    claims_matching,
    statements_matching,
)
from claimtracker.seeding.reference import load_reference_case
from claimtracker.seeding.synthetic import generate_synthetic_data
from tests.factories import (
    ActorNameFactory,
    ClaimFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
)

KEY = re.compile(r"(?:[a-z0-9]+(?: [a-z0-9]+)*)?")


@pytest.mark.parametrize(
    "spellings",
    [
        # The example: Kazakh, Russian, English and a simpler Latin spelling.
        ["Тоқаев", "Токаев", "Tokayev", "tokaev", "TOKAYEV", "Ｔｏｋａｙｅｖ"],
        ["Қасым-Жомарт", "Касым-Жомарт", "Kassym-Jomart", "Kasym Zhomart", "Qasym-Jomart"],
        ["Масимов", "Massimov", "Masimov"],
        ["Әбіш", "Абиш", "Abish"],
        ["Назарбаев", "Nazarbayev", "Nazarbaev"],
        ["Қанды Қаңтар", "Qandy Qantar", "Kandy Kantar"],
        ["Алматы", "Almaty"],
        ["Сергей", "Sergey", "Sergei"],
        ["Дмитрий", "Dmitry", "Dmitriy", "Dmitrii"],
        ["Ерлан", "Yerlan"],
        ["Алексей", "Aleksei", "Alexei"],
        [
            "Prosecutor General’s Office",
            "Prosecutor General's Office",
            "prosecutor generals office",
        ],
        ["Pëtr", "Petr", "Пётр", "Петр"],
    ],
)
def test_spellings_of_the_same_name_give_the_same_key(spellings):
    keys = {spelling: search_key(spelling) for spelling in spellings}

    assert len(set(keys.values())) == 1, keys


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Тоқаев", "tokaev"),
        ("Kassym-Jomart Tokayev", "kasym zhomart tokaev"),
        ("  “outside   terrorists”,\tconnected… ", "outside terorists conected"),
        ("KNB (National Security Committee)", "knb national securiti comite"),
        ("January 2022, 11.01.2022", "zhanuari 2022 11 01 2022"),
        ("Щучинск, Цой, Хоргос", "shchuchinsk tsoi korgos"),
        ("подъезд, Ильич", "podezd ilich"),
        ("!!! — ...", ""),
        ("中文", ""),
    ],
)
def test_a_key_is_lower_case_latin_words_separated_by_single_spaces(text, key):
    assert search_key(text) == key


def test_the_table_folds_every_kazakh_letter_to_its_russian_letter():
    kazakh = {
        "қ": "к",
        "ң": "н",
        "ғ": "г",
        "ү": "у",
        "ұ": "у",
        "ө": "о",
        "ә": "а",
        "і": "и",
        "һ": "х",
    }

    for letter, russian in kazakh.items():
        assert FOLDING_TABLE[letter] == russian
        assert search_key(letter) == search_key(russian)
        assert search_key(letter.upper()) == search_key(russian)


def test_every_russian_letter_has_a_latin_spelling():
    russian = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"

    assert set(russian) <= set(FOLDING_TABLE)
    assert all(re.fullmatch("[a-z]*", FOLDING_TABLE[letter]) for letter in russian)


# Russian letters and the Kazakh letters written in their place.
KAZAKH_FOR_RUSSIAN = {
    "к": "қ",
    "н": "ң",
    "г": "ғ",
    "у": "үұ",
    "о": "ө",
    "а": "ә",
    "и": "і",
    "х": "һ",
}
RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


@st.composite
def russian_word_and_kazakh_spelling(draw):
    word = draw(st.text(alphabet=RUSSIAN, min_size=1, max_size=20))
    kazakh = "".join(
        draw(st.sampled_from(letter + KAZAKH_FOR_RUSSIAN.get(letter, ""))) for letter in word
    )
    return word, kazakh


@given(russian_word_and_kazakh_spelling())
def test_kazakh_and_russian_spellings_of_a_word_give_the_same_key(spellings):
    russian, kazakh = spellings

    assert search_key(kazakh) == search_key(russian)
    assert search_key(kazakh.upper()) == search_key(russian)


@given(st.text())
def test_a_key_contains_only_latin_letters_digits_and_single_spaces(text):
    assert KEY.fullmatch(search_key(text))


@given(st.text())
def test_folding_a_key_again_changes_nothing(text):
    key = search_key(text)

    assert search_key(key) == key


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"])))
def test_any_unicode_text_gets_a_key_without_error(text):
    assert isinstance(search_key(text), str)


@given(st.lists(st.text(alphabet=RUSSIAN + "қңғүұөәіһ", min_size=1, max_size=10), min_size=1))
def test_punctuation_and_spacing_between_words_do_not_change_the_key(words):
    assert (
        search_key(" ".join(words)) == search_key("-".join(words)) == search_key(" ,  ".join(words))
    )


# Stored keys


@pytest.mark.django_db
def test_every_searchable_row_stores_its_key_when_created():
    name = ActorNameFactory(value="Қасым-Жомарт Тоқаев")
    topic = TopicFactory(name="Қанды Қаңтар")
    topic_name = TopicName.objects.create(
        topic=topic, value="Qandy Qantar", language="kk-Latn", source=SourceFactory()
    )
    claim = ClaimFactory(text="Outside terrorists")
    statement = StatementFactory(
        quote="Шетелдік лаңкестер", translation="foreign terrorists", translation_language="en"
    )

    assert ActorName.objects.get(pk=name.pk).search_key == "kasym zhomart tokaev"
    assert Topic.objects.get(pk=topic.pk).search_key == "kandi kantar"
    assert TopicName.objects.get(pk=topic_name.pk).search_key == "kandi kantar"
    assert Claim.objects.get(pk=claim.pk).search_key == "outside terorists"
    assert Statement.objects.get(pk=statement.pk).search_key == (
        "sheteldik lankester foreign terorists"
    )


@pytest.mark.django_db
def test_an_edited_text_gets_a_new_key_even_when_saving_only_that_field(fact_checker):
    claim = ClaimFactory(text="Old words")
    claim.text = "New words"
    claim.save(update_fields=["text"])
    statement = StatementFactory(quote="old")  # a draft: a published one is corrected instead
    statement.translation, statement.translation_language = "Перевод", "ru"
    statement.save(update_fields=["translation", "translation_language"])

    assert Claim.objects.get(pk=claim.pk).search_key == "new words"
    assert Statement.objects.get(pk=statement.pk).search_key == "old perevod"


@pytest.mark.django_db
def test_the_reference_case_and_synthetic_data_are_loaded_with_current_keys(role_groups):
    load_reference_case()
    generate_synthetic_data(claims=5, seed=1)

    # The loaders write with save() and bulk_create(); recomputing finds nothing to change.
    for model in (ActorName, TopicName, Topic, Claim, Statement):
        assert model.objects.exclude(search_key="").exists(), model
        assert recompute_search_keys(model) == 0, model
    # English, Kazakh Cyrillic and the Kazakh Latin transliteration (Qasym-Jomart Toqaev).
    assert ActorName.objects.filter(search_key="kasym zhomart tokaev").count() == 3


@pytest.mark.django_db
def test_recomputing_repairs_a_key_written_around_the_model():
    claim = ClaimFactory(text="Right words")
    Claim.objects.filter(pk=claim.pk).update(search_key="stale")

    assert recompute_search_keys(Claim) == 1
    assert Claim.objects.get(pk=claim.pk).search_key == "right words"


# PostgreSQL indexes


def plan(sql_and_params):
    sql, params = sql_and_params
    with connection.cursor() as cursor:
        # A test's tables are tiny, where scanning them is cheapest: ask for bitmap scans, so
        # the plan shows which index serves each condition.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
def test_names_and_texts_are_searched_through_their_gin_indexes(monkeypatch):
    ActorNameFactory(value="Тоқаев")
    ClaimFactory(text="Outside terrorists")
    StatementFactory(quote="outside terrorists")
    # As on a large site: the newest row tested is not every row, so the GIN index is asked
    # which rows match. (Analysed, so the size the search reads is this test's.)
    monkeypatch.setattr(selectors_search, "NEWEST", 1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim, claims_statement")

    names = ActorName.objects.filter(search_key__contains="tokaev")
    # Claims and statements ask the GIN index which rows match (the queries captured here,
    # after the newest row tested), then read the few that do by primary key.
    with CaptureQueriesContext(connection) as captured:
        claims = claims_matching(Claim.objects.all(), "terrorists")
        statements = statements_matching(Statement.objects.all(), "terrorists")
    # Each is sent with the planner settings it needs: ``SET LOCAL …; SELECT …; SET LOCAL …``.
    claims_probe, statements_probe = (
        next(each for each in query["sql"].split("; ") if each.startswith("SELECT"))
        for query in captured.captured_queries
        if query["sql"].startswith("SET LOCAL")
    )
    actors = actors_matching(Actor.objects.all(), "tokayev")

    assert "actorname_search_trgm" in plan(names.query.sql_with_params())
    assert "actorname_search_trgm" in plan(actors.query.sql_with_params())
    # Claims and statements: their stored documents (tests/search/test_plans.py has more).
    assert "claim_search_document" in plan((claims_probe, None))
    assert "statement_search_document" in plan((statements_probe, None))
    assert [claim.text for claim in claims] == ["Outside terrorists"]
    assert [statement.quote for statement in statements] == ["outside terrorists"]
