"""Records' texts in Russian and Kazakh (issue 15, items 2, 3 and 5): what a reader sees, what a
curator can do, and the rules a published record's translations follow."""

# Russian and Kazakh text on purpose.
# ruff: noqa: RUF001

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claimtracker.claims import services
from claimtracker.claims.models import (
    Actor,
    ActorName,
    Claim,
    ClaimTranslation,
    Correction,
    Evidence,
    EvidenceTranslation,
    Script,
    StatusChangeTranslation,
    TranslationOrigin,
)
from claimtracker.i18n.transliteration import to_kazakh_latin
from claimtracker.seeding.reference import load_reference_case
from tests.factories import ClaimFactory, SourceFactory
from tests.web.html import text_of

pytestmark = pytest.mark.django_db

TERRORISTS = "outside-terrorists-were-main-protagonists"
DISPUTED = "law-enforcement-avoided-force-in-initial-clashes"


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    text: str = response.content.decode()
    return text


def claim_path(language: str, slug: str) -> str:
    return f"/{language}/claims/{slug}/"


# The reference case, translated


def test_the_reference_claims_reasons_and_evidence_have_russian_and_kazakh(reference_case):
    for claim in Claim.objects.all():
        languages = set(claim.translations.values_list("language", "script"))
        assert languages == {("ru", "Cyrl"), ("kk", "Cyrl"), ("kk", "Latn")}, claim.slug
    for evidence in Evidence.objects.all():
        for field in ("title", "summary"):
            rows = evidence.translations.filter(field=field)
            assert {(row.language, row.script) for row in rows} == {
                ("ru", "Cyrl"),
                ("kk", "Cyrl"),
                ("kk", "Latn"),
            }
    assert StatusChangeTranslation.objects.filter(script=Script.CYRILLIC).count() == 4
    # Marked as translations by machine, not the article's words; Latin is transliterated.
    origins = set(ClaimTranslation.objects.values_list("script", "origin"))
    assert origins == {("Cyrl", "machine"), ("Latn", "transliteration")}


def test_the_words_for_terrorists_are_in_the_outside_terrorists_claim(reference_case):
    claim = Claim.objects.get(slug=TERRORISTS)
    assert "террористы" in claim.translations.get(language="ru").text
    assert "террористер" in claim.translations.get(language="kk", script="Cyrl").text
    latin = claim.translations.get(language="kk", script="Latn")
    assert "terroris" in latin.text
    assert latin.text == to_kazakh_latin(claim.translations.get(language="kk", script="Cyrl").text)


def test_the_english_original_is_untouched_and_loading_again_adds_nothing(reference_case):
    claim = Claim.objects.get(slug=TERRORISTS)
    assert claim.text.startswith("The main protagonists of the January 2022 events")
    count = ClaimTranslation.objects.count()

    report = load_reference_case()

    assert not report.created_anything
    assert ClaimTranslation.objects.count() == count
    # Translated before publishing or with the status change: no correction was needed.
    assert not Correction.objects.exists()


# Pages in the reader's language


def test_a_russian_claim_page_shows_the_translation_and_says_so(client, reference_case):
    html = page(client, claim_path("ru", TERRORISTS))

    assert "<h1>Главными действующими лицами январских событий 2022 года были «террористы" in html
    note = text_of(html.split('class="translated-note"')[1].split("</p>")[0])
    assert "Переведено с английского" in note
    assert "машинный перевод" in note
    # The reason is the article's words: kept verbatim in English, the translation beside it.
    assert 'lang="en"><p>“This version has not been confirmed' in html
    assert "Эта версия за прошедшие два года не подтвердилась" in html


def test_a_kazakh_latin_page_reads_in_latin_script(client, reference_case):
    html = page(client, claim_path("kk-latn", TERRORISTS))
    cyrillic = Claim.objects.get(slug=TERRORISTS).translations.get(language="kk", script="Cyrl")

    assert f"<h1>{to_kazakh_latin(cyrillic.text)}</h1>" in html.replace("&quot;", '"')
    assert "террористер" not in html
    # Tokayev's name is generated in Latin from his Kazakh name.
    assert "Qasym-Jomart Toqaev" in html or "Тоқаев" not in html


def test_a_kazakh_cyrillic_page_shows_the_cyrillic(client, reference_case):
    html = page(client, claim_path("kk", TERRORISTS))

    assert "«сырттан келген террористер»" in html
    assert "Ағылшын тілінен аударылған" in html


def test_without_a_translation_the_original_keeps_its_own_lang(client, fact_checker):
    claim = services.record_publish(
        by=fact_checker, record=ClaimFactory(text="An untranslated claim.")
    )

    html = page(client, claim_path("ru", claim.slug))

    assert '<h1 lang="en">An untranslated claim.</h1>' in html
    assert "translated-note" not in html


def test_english_pages_show_the_original_without_a_mark(client, reference_case):
    html = page(client, claim_path("en", TERRORISTS))

    assert "<h1>The main protagonists of the January 2022 events" in html
    assert "translated-mark" not in html


def test_claim_cards_on_the_russian_home_page_are_translated(client, reference_case):
    html = page(client, "/ru/")

    assert "«террористы извне»" in html
    assert "Переведено с английского" in html


def test_the_evidence_page_shows_title_and_summary_translated(client, reference_case):
    evidence = Evidence.objects.get(title__startswith="Karim Massimov sentenced")

    html = page(client, f"/ru{evidence.get_absolute_url()[3:]}")

    assert "Карим Масимов приговорён к 18 годам" in html
    assert "В апреле 2023 года после закрытого судебного процесса" in html


# Kazakh Latin: generated, never invented; a curator's own stays


def test_saving_kazakh_cyrillic_stores_its_latin_transliteration(fact_checker):
    claim = ClaimFactory()

    services.translation_save(
        by=fact_checker, record=claim, field="text", language="kk", script="Cyrl", text="Қазақстан"
    )

    latin = claim.translations.get(language="kk", script="Latn")
    assert (latin.text, latin.origin) == ("Qazaqstan", TranslationOrigin.TRANSLITERATION)

    services.translation_save(
        by=fact_checker, record=claim, field="text", language="kk", script="Cyrl", text="Тоқаев"
    )
    assert claim.translations.get(language="kk", script="Latn").text == "Toqaev"


def test_a_curators_latin_overrides_the_transliteration_and_is_kept(fact_checker):
    claim = ClaimFactory()
    services.translation_save(
        by=fact_checker, record=claim, field="text", language="kk", script="Cyrl", text="Қазақстан"
    )
    services.translation_save(
        by=fact_checker, record=claim, field="text", language="kk", script="Latn", text="Qazaqstan!"
    )

    services.translation_save(
        by=fact_checker, record=claim, field="text", language="kk", script="Cyrl", text="Астана"
    )

    latin = claim.translations.get(language="kk", script="Latn")
    assert (latin.text, latin.origin) == ("Qazaqstan!", TranslationOrigin.HUMAN)


def test_a_kazakh_cyrillic_actor_name_gets_a_latin_name(fact_checker):
    source = SourceFactory()
    actor = services.actor_create(
        by=fact_checker,
        slug="tokayev",
        kind="person",
        names=services.RowEdits(
            added=[
                ActorName(
                    value="Tokayev", language="en", script="Latn", kind="primary", source=source
                ),
                ActorName(value="Тоқаев", language="kk", script="Cyrl", source=source),
            ]
        ),
    )

    latin = actor.names.get(language="kk", script="Latn")
    assert (latin.value, latin.kind) == ("Toqaev", "transliteration")
    assert Actor.objects.with_names().get(pk=actor.pk).display_name("kk-latn") == "Toqaev"
    assert Actor.objects.with_names().get(pk=actor.pk).display_name("kk") == "Тоқаев"


def test_one_translation_per_text_language_and_script(fact_checker):
    claim = ClaimFactory()
    ClaimTranslation.objects.create(claim=claim, language="ru", script="Cyrl", text="Один")

    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimTranslation.objects.create(claim=claim, language="ru", script="Cyrl", text="Два")


# Published records: a translation changes in public


def test_translating_a_published_claim_is_a_public_correction(fact_checker):
    claim = services.record_publish(by=fact_checker, record=ClaimFactory())

    with pytest.raises(ValidationError):
        services.translation_save(
            by=fact_checker, record=claim, field="text", language="ru", script="Cyrl", text="Текст"
        )
    services.translation_save(
        by=fact_checker,
        record=claim,
        field="text",
        language="ru",
        script="Cyrl",
        text="Текст",
        correction_note="Russian translation added.",
    )

    correction = Correction.objects.get(claim=claim)
    assert correction.note == "Russian translation added."
    assert correction.changes[0]["before"] == ""
    assert "Текст" in correction.changes[0]["after"]


def test_changing_a_published_translation_behind_the_services_back_is_refused(reference_case):
    row = ClaimTranslation.objects.filter(claim__slug=TERRORISTS, language="ru").get()
    row.text = "Подмена"

    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


@pytest.mark.django_db(transaction=True)
def test_a_published_status_reasons_translation_changes_only_with_a_correction(
    reference_case, editor
):
    row = StatusChangeTranslation.objects.filter(language="ru").first()
    assert row is not None
    row.text = "Другая причина"
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()

    services.translation_save(
        by=editor,
        record=row.status_change,
        field="reason",
        language="ru",
        script="Cyrl",
        text="Другая причина.",
        origin=TranslationOrigin.HUMAN,
        translated_by="A curator",
        reviewed=True,
        correction_note="Russian translation of the reason reviewed and reworded.",
    )

    correction = Correction.objects.get(claim=row.status_change.claim)
    assert "Другая причина." in correction.changes[0]["after"]
    saved = StatusChangeTranslation.objects.get(pk=row.pk)
    assert saved.reviewed_by == editor


def test_an_evidence_field_that_is_not_text_cannot_be_translated(fact_checker):
    evidence = EvidenceTranslation(field="kind")
    with pytest.raises(ValidationError):
        services.translation_save(
            by=fact_checker,
            record=Evidence.objects.none().model(),
            field=evidence.field,
            language="ru",
            script="Cyrl",
            text="x",
        )
