"""Translations written through the API: POST <record>/translations/ adds or replaces one,
DELETE <record>/translations/<id>/ removes one, through the translation services. A public
record's translation changes only with a public correction, as in the admin."""

# Russian and Kazakh text on purpose.

import datetime

import pytest
from django.urls import reverse

from claimtracker.claims.models import (
    ClaimTranslation,
    Correction,
    CorrectionTranslation,
    EvidenceTranslation,
    StatusChangeTranslation,
    TopicTranslation,
)
from tests.api.records import publish, published_claim, set_status
from tests.factories import ClaimFactory, EvidenceFactory, TopicFactory

pytestmark = pytest.mark.django_db

RUSSIAN = {"language": "ru", "script": "Cyrl", "text": "Порядок восстановлен без применения силы."}
NOTE = "Russian translation added."


def errors(response):
    return {(error["field"], error["code"]) for error in response.json()["errors"]}


def snapshot():
    """Every translation and correction, to show a refused write left nothing behind."""
    return (
        list(ClaimTranslation.objects.order_by("pk").values()),
        list(Correction.objects.order_by("pk").values()),
    )


def by_language(record_json):
    return {(row["language"], row["script"]): row for row in record_json["translations"]}


# Claims


def test_a_fact_checker_translates_a_published_claim_with_a_public_note(
    as_user, anonymous, fact_checker
):
    claim = published_claim(fact_checker)

    response = as_user(fact_checker).post(
        f"/api/v1/claims/{claim.slug}/translations/",
        {**RUSSIAN, "origin": "machine", "translated_by": "DeepL", "correction_note": NOTE},
    )

    assert response.status_code == 200, response.content
    assert by_language(response.json())["ru", "Cyrl"]["text"] == RUSSIAN["text"]
    public = anonymous.get(f"/api/v1/claims/{claim.slug}/").json()
    russian = by_language(public)["ru", "Cyrl"]
    assert (russian["field"], russian["origin"], russian["translated_by"]) == (
        "text",
        "machine",
        "DeepL",
    )
    assert russian["reviewed"] is False
    [correction] = public["corrections"]
    assert correction["note"] == NOTE
    assert correction["changes"][0]["field"] == "translations"
    assert RUSSIAN["text"] in correction["changes"][0]["after"]


def test_an_editor_replaces_a_translation_and_marks_it_reviewed(as_user, editor):
    claim = published_claim(editor)
    client = as_user(editor)
    url = f"/api/v1/claims/{claim.slug}/translations/"
    client.post(url, {**RUSSIAN, "correction_note": NOTE})

    response = client.post(
        url,
        {
            **RUSSIAN,
            "text": "Порядок восстановили без силы.",
            "reviewed": True,
            "correction_note": "Reworded.",
        },
    )

    assert response.status_code == 200, response.content
    [russian] = response.json()["translations"]
    assert (russian["text"], russian["reviewed"]) == ("Порядок восстановили без силы.", True)
    assert claim.translations.get().reviewed_by == editor
    assert [c.note for c in Correction.objects.filter(claim=claim).order_by("pk")] == [
        NOTE,
        "Reworded.",
    ]


def test_reviewing_a_published_translation_is_a_correction_that_says_so(as_user, anonymous, editor):
    claim = published_claim(editor)
    client = as_user(editor)
    url = f"/api/v1/claims/{claim.slug}/translations/"
    client.post(url, {**RUSSIAN, "origin": "machine", "correction_note": NOTE})

    response = client.post(
        url,
        {**RUSSIAN, "origin": "machine", "reviewed": True, "correction_note": "Reviewed."},
    )
    again = client.post(
        url,
        {**RUSSIAN, "origin": "machine", "reviewed": True, "correction_note": "Again."},
    )

    assert response.status_code == 200, response.content
    assert errors(again) == {(None, "unchanged")}
    public = anonymous.get(f"/api/v1/claims/{claim.slug}/").json()
    assert by_language(public)["ru", "Cyrl"]["reviewed"] is True
    review = public["corrections"][-1]
    assert review["note"] == "Reviewed."
    assert "not reviewed" in review["changes"][0]["before"]
    assert "not reviewed" not in review["changes"][0]["after"]


def test_translating_a_published_claim_without_a_note_is_refused_naming_the_note(
    as_user, fact_checker
):
    claim = published_claim(fact_checker)
    before = snapshot()

    response = as_user(fact_checker).post(f"/api/v1/claims/{claim.slug}/translations/", RUSSIAN)

    assert response.status_code == 400
    assert "correction_note" in {field for field, _code in errors(response)}
    assert snapshot() == before


@pytest.mark.parametrize("who", ["journalist", "outsider"])
def test_a_journalist_or_an_outsider_may_not_translate_a_published_claim(
    request, as_user, fact_checker, who
):
    claim = published_claim(fact_checker)
    before = snapshot()

    response = as_user(request.getfixturevalue(who)).post(
        f"/api/v1/claims/{claim.slug}/translations/", {**RUSSIAN, "correction_note": NOTE}
    )

    assert response.status_code == 403
    assert errors(response) == {(None, "permission_denied")}
    assert snapshot() == before


def test_an_anonymous_client_may_not_translate(anonymous, fact_checker):
    claim = published_claim(fact_checker)
    before = snapshot()

    response = anonymous.post(
        f"/api/v1/claims/{claim.slug}/translations/", {**RUSSIAN, "correction_note": NOTE}
    )

    assert response.status_code == 401
    assert snapshot() == before


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({**RUSSIAN, "langauge": "ru"}, ("langauge", "unknown_field")),
        ({**RUSSIAN, "field": "slug"}, ("field", "invalid_choice")),
        ({**RUSSIAN, "origin": "transliteration"}, ("origin", "invalid_choice")),
        ({**RUSSIAN, "script": "Klingon"}, ("script", "invalid_choice")),
        ({**RUSSIAN, "text": ""}, ("text", "blank")),
        ({"language": "ru", "script": "Cyrl"}, ("text", "required")),
        ({**RUSSIAN, "text": ["a", "list"]}, ("text", "invalid")),
    ],
)
def test_a_bad_translation_is_refused_naming_the_field(as_user, journalist, body, expected):
    claim = ClaimFactory()
    before = snapshot()

    response = as_user(journalist).post(f"/api/v1/claims/{claim.slug}/translations/", body)

    assert response.status_code == 400
    assert expected in errors(response)
    assert snapshot() == before


def test_kazakh_cyrillic_brings_its_kazakh_latin_transliteration(as_user, journalist):
    claim = ClaimFactory()

    response = as_user(journalist).post(
        f"/api/v1/claims/{claim.slug}/translations/",
        {"language": "kk", "script": "Cyrl", "text": "Қазақстан"},
    )

    assert response.status_code == 200, response.content
    latin = by_language(response.json())["kk", "Latn"]
    assert (latin["text"], latin["origin"]) == ("Qazaqstan", "transliteration")
    assert claim.translations.get(language="kk", script="Latn").text == "Qazaqstan"


def test_a_draft_claims_translation_needs_no_note_and_stays_private(as_user, anonymous, journalist):
    claim = ClaimFactory()

    response = as_user(journalist).post(f"/api/v1/claims/{claim.slug}/translations/", RUSSIAN)

    assert response.status_code == 200, response.content
    assert by_language(response.json())["ru", "Cyrl"]["text"] == RUSSIAN["text"]
    assert not Correction.objects.exists()
    assert anonymous.get(f"/api/v1/claims/{claim.slug}/").status_code == 404
    assert anonymous.get("/api/v1/claims/").json()["results"] == []


# Removing


def test_removing_a_published_claims_kazakh_translation_takes_its_latin_and_is_corrected(
    as_user, anonymous, fact_checker
):
    claim = published_claim(fact_checker)
    client = as_user(fact_checker)
    client.post(
        f"/api/v1/claims/{claim.slug}/translations/",
        {"language": "kk", "script": "Cyrl", "text": "Қазақстан", "correction_note": NOTE},
    )
    cyrillic = claim.translations.get(language="kk", script="Cyrl")
    url = f"/api/v1/claims/{claim.slug}/translations/{cyrillic.pk}/"

    no_note = client.delete(url)
    response = client.delete(f"{url}?correction_note=Removed%3A%20not%20a%20translation.")

    assert no_note.status_code == 400
    assert "correction_note" in {field for field, _code in errors(no_note)}
    assert response.status_code == 204, response.content
    public = anonymous.get(f"/api/v1/claims/{claim.slug}/").json()
    assert public["translations"] == []
    assert [c["note"] for c in public["corrections"]] == [NOTE, "Removed: not a translation."]


def test_a_removal_names_a_translation_of_that_record_and_takes_no_body(as_user, editor):
    claim, other = ClaimFactory(), ClaimFactory()
    client = as_user(editor)
    client.post(f"/api/v1/claims/{other.slug}/translations/", RUSSIAN)
    row = other.translations.get()

    elsewhere = client.delete(f"/api/v1/claims/{claim.slug}/translations/{row.pk}/")
    too_big = client.delete(f"/api/v1/claims/{other.slug}/translations/{'9' * 30}/")
    with_body = client.delete(
        f"/api/v1/claims/{other.slug}/translations/{row.pk}/",
        {"correction_note": "N."},
        format="json",
    )
    unknown = client.delete(f"/api/v1/claims/{other.slug}/translations/{row.pk}/?note=N.")

    assert (elsewhere.status_code, too_big.status_code) == (404, 404)
    assert with_body.status_code == 400
    assert errors(unknown) == {("note", "unknown_parameter")}
    assert other.translations.exists()
    assert client.delete(f"/api/v1/claims/{other.slug}/translations/{row.pk}/").status_code == 204
    assert not other.translations.exists()


def test_a_journalist_removes_a_draft_claims_translation_but_not_a_published_ones(
    as_user, journalist, fact_checker
):
    draft, public = ClaimFactory(), published_claim(fact_checker)
    ClaimTranslation.objects.create(claim=draft, language="ru", text="Черновик.")
    as_user(fact_checker).post(
        f"/api/v1/claims/{public.slug}/translations/", {**RUSSIAN, "correction_note": NOTE}
    )
    client = as_user(journalist)

    own = client.delete(f"/api/v1/claims/{draft.slug}/translations/{draft.translations.get().pk}/")
    refused = client.delete(
        f"/api/v1/claims/{public.slug}/translations/{public.translations.get().pk}/"
        "?correction_note=Gone."
    )

    assert own.status_code == 204
    assert refused.status_code == 403
    assert public.translations.exists()


# Evidence, topics, status changes


def test_a_fact_checker_translates_a_published_evidence_title(as_user, anonymous, fact_checker):
    evidence = publish(EvidenceFactory(title="Court ruling"), fact_checker)
    client = as_user(fact_checker)
    url = f"/api/v1/evidence/{evidence.pk}/translations/"

    no_field = client.post(url, {"language": "ru", "text": "Решение суда", "correction_note": NOTE})
    response = client.post(
        url, {"field": "title", "language": "ru", "text": "Решение суда", "correction_note": NOTE}
    )

    assert ("field", "required") in errors(no_field)
    assert response.status_code == 200, response.content
    public = anonymous.get(f"/api/v1/evidence/{evidence.pk}/").json()
    assert [(row["field"], row["text"]) for row in public["translations"]] == [
        ("title", "Решение суда")
    ]
    assert [c["note"] for c in public["corrections"]] == [NOTE]
    assert EvidenceTranslation.objects.count() == 1


def test_an_editor_translates_a_published_topics_description(as_user, anonymous, editor):
    topic = publish(TopicFactory(description="The January 2022 events."), editor)

    response = as_user(editor).post(
        f"/api/v1/topics/{topic.slug}/translations/",
        {"language": "kk", "text": "2022 жылғы қаңтар оқиғалары.", "correction_note": NOTE},
    )

    assert response.status_code == 200, response.content
    public = anonymous.get(f"/api/v1/topics/{topic.slug}/").json()
    assert set(by_language(public)) == {("kk", "Cyrl"), ("kk", "Latn")}
    assert by_language(public)["kk", "Cyrl"]["field"] == "description"
    assert TopicTranslation.objects.filter(topic=topic).count() == 2


# A status change is open to translation in the transaction that recorded it: this test's
# writes each need a transaction of their own, as requests have.
@pytest.mark.django_db(transaction=True)
def test_a_published_claims_status_reason_is_translated_with_a_note_by_a_fact_checker(
    as_user, anonymous, journalist, fact_checker
):
    claim = published_claim(fact_checker)
    change = set_status(claim, fact_checker, "unconfirmed")
    url = f"/api/v1/status-changes/{change.pk}/translations/"
    body = {"language": "ru", "text": "Ни следствие, ни суд этого не подтвердили."}

    refused = as_user(journalist).post(url, {**body, "correction_note": NOTE})
    no_note = as_user(fact_checker).post(url, body)
    response = as_user(fact_checker).post(url, {**body, "correction_note": NOTE})

    assert refused.status_code == 403
    assert no_note.status_code == 400
    assert response.status_code == 200, response.content
    assert response.json()["id"] == change.pk
    public = anonymous.get(f"/api/v1/claims/{claim.slug}/").json()
    [reason] = public["status_changes"][0]["translations"]
    assert (reason["field"], reason["text"]) == ("reason", body["text"])
    assert [c["note"] for c in public["corrections"]] == [NOTE]
    assert StatusChangeTranslation.objects.count() == 1


# Correction notes: a correction is public from the moment it is recorded, so translating its
# note is a further correction of the same record, by a fact-checker or an editor (as in the
# admin's CorrectionAdmin). Like a status change, it is open to translation in the transaction
# that recorded it, so these corrections are recorded by a request of their own first.

RUSSIAN_NOTE = {"language": "ru", "text": "Текст утверждения теперь дословно как в статье."}


def corrected_claim(fact_checker, as_user):
    """A published claim and the correction of its text, recorded through the API."""
    claim = published_claim(fact_checker)
    response = as_user(fact_checker).post(
        f"/api/v1/claims/{claim.slug}/corrections/",
        {"note": "The claim now reads as the article words it.", "changes": {"text": "Reworded."}},
    )
    assert response.status_code == 201, response.content
    return claim, Correction.objects.get(pk=response.json()["id"])


@pytest.mark.django_db(transaction=True)
def test_a_fact_checker_translates_a_correction_note_and_readers_see_it(
    as_user, anonymous, fact_checker
):
    claim, correction = corrected_claim(fact_checker, as_user)
    url = f"/api/v1/corrections/{correction.pk}/translations/"
    client = as_user(fact_checker)

    no_note = client.post(url, RUSSIAN_NOTE)
    response = client.post(url, {**RUSSIAN_NOTE, "correction_note": NOTE})

    assert no_note.status_code == 400
    assert "correction_note" in {field for field, _code in errors(no_note)}
    assert response.status_code == 200, response.content
    assert response.json()["id"] == correction.pk
    public = anonymous.get(f"/api/v1/corrections/{correction.pk}/").json()
    [russian] = public["translations"]
    assert (russian["field"], russian["language"], russian["text"]) == (
        "note",
        "ru",
        RUSSIAN_NOTE["text"],
    )
    listed = {row["id"]: row for row in anonymous.get("/api/v1/corrections/").json()["results"]}
    assert listed[correction.pk]["translations"] == public["translations"]
    # The note's translation is part of the claim's public record: a further correction says so.
    claim_json = anonymous.get(f"/api/v1/claims/{claim.slug}/").json()
    assert [c["note"] for c in claim_json["corrections"]] == [correction.note, NOTE]
    assert RUSSIAN_NOTE["text"] in claim_json["corrections"][-1]["changes"][0]["after"]


@pytest.mark.django_db(transaction=True)
def test_a_fact_checker_removes_a_correction_notes_translation_with_a_note(
    as_user, anonymous, fact_checker
):
    _claim, correction = corrected_claim(fact_checker, as_user)
    client = as_user(fact_checker)
    client.post(
        f"/api/v1/corrections/{correction.pk}/translations/",
        {"language": "kk", "text": "Мәтін мақаладағыдай.", "correction_note": NOTE},
    )
    cyrillic = correction.translations.get(script="Cyrl")
    url = f"/api/v1/corrections/{correction.pk}/translations/{cyrillic.pk}/"

    response = client.delete(f"{url}?correction_note=Removed%20for%20review.")

    assert response.status_code == 204, response.content
    assert anonymous.get(f"/api/v1/corrections/{correction.pk}/").json()["translations"] == []
    assert not CorrectionTranslation.objects.exists()  # the Latin row went with the Cyrillic


@pytest.mark.django_db(transaction=True)
def test_a_journalist_may_not_translate_a_correction_note_as_the_admin_refuses(
    client, as_user, journalist, fact_checker
):
    _claim, correction = corrected_claim(fact_checker, as_user)
    before = snapshot()

    response = as_user(journalist).post(
        f"/api/v1/corrections/{correction.pk}/translations/",
        {**RUSSIAN_NOTE, "correction_note": NOTE},
    )
    client.force_login(journalist)
    admin = client.post(reverse("admin:claims_correction_change", args=[correction.pk]), {})

    assert response.status_code == 403
    assert errors(response) == {(None, "permission_denied")}
    assert admin.status_code == 403
    assert snapshot() == before
    assert not CorrectionTranslation.objects.exists()


def test_an_anonymous_client_may_not_translate_a_correction_note(as_user, anonymous, fact_checker):
    _claim, correction = corrected_claim(fact_checker, as_user)

    response = anonymous.post(
        f"/api/v1/corrections/{correction.pk}/translations/",
        {**RUSSIAN_NOTE, "correction_note": NOTE},
    )

    assert response.status_code == 401
    assert not CorrectionTranslation.objects.exists()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({**RUSSIAN_NOTE, "field": "reason"}, ("field", "invalid_choice")),
        ({**RUSSIAN_NOTE, "note": "N."}, ("note", "unknown_field")),
        ({**RUSSIAN_NOTE, "text": " "}, ("text", "blank")),
        ({"language": "ru", "correction_note": NOTE}, ("text", "required")),
    ],
)
def test_a_bad_translation_of_a_correction_note_is_refused_naming_the_field(
    as_user, fact_checker, body, expected
):
    _claim, correction = corrected_claim(fact_checker, as_user)

    response = as_user(fact_checker).post(
        f"/api/v1/corrections/{correction.pk}/translations/", body
    )

    assert response.status_code == 400
    assert expected in errors(response)
    assert not CorrectionTranslation.objects.exists()


def test_the_correction_list_runs_as_many_queries_for_many_corrections_as_for_one(
    as_user, anonymous, fact_checker, django_assert_num_queries
):
    corrected_claim(fact_checker, as_user)
    # The record's stamp (an anonymous page is kept under it), the page, the notes' translations.
    with django_assert_num_queries(3):
        one = anonymous.get("/api/v1/corrections/")
    for _ in range(3):
        corrected_claim(fact_checker, as_user)

    with django_assert_num_queries(3):
        many = anonymous.get("/api/v1/corrections/")

    assert (len(one.json()["results"]), len(many.json()["results"])) == (1, 4)


def test_the_correction_list_filters_by_when_and_takes_any_offset_python_reads(
    as_user, anonymous, fact_checker
):
    _claim, correction = corrected_claim(fact_checker, as_user)
    # An hour before the correction, written with an offset PostgreSQL itself refuses.
    earlier = (correction.recorded_at - datetime.timedelta(hours=1)).astimezone(
        datetime.timezone(datetime.timedelta(hours=20, minutes=19))
    )

    since = anonymous.get("/api/v1/corrections/", {"recorded_since": earlier.isoformat()})
    before = anonymous.get("/api/v1/corrections/", {"recorded_before": earlier.isoformat()})
    withdrawals = anonymous.get("/api/v1/corrections/", {"kind": "withdrawal"})

    assert [row["id"] for row in since.json()["results"]] == [correction.pk]
    assert before.json()["results"] == withdrawals.json()["results"] == []
