"""Curators translate status reasons and correction notes in the admin, on each history entry's
page (claimtracker/claims/admin/translations.py, ``HistoryTranslationsAdmin``).

The entry stays as written; its translations go through ``services.translations_apply``, and
once the entry is public each change is a public correction with a note.
"""

# Russian text on purpose.

import re

import pytest
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.claims.models import (
    ClaimStatus,
    Correction,
    CorrectionTranslation,
    StatusChangeTranslation,
)
from tests.claims.test_admin import ORIGINAL_REASON, publish, rendered_form, set_status
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

RUSSIAN_REASON = "Два суда пришли к иному выводу в опубликованных решениях."
BETTER_RUSSIAN_REASON = "Два суда пришли к противоположному выводу в опубликованных решениях."
# A history entry is free to translate in the transaction that wrote it (models/translations.py):
# these tests commit each write, as the admin's requests do, so the entry is already public.
HISTORY_WRITTEN_EARLIER = pytest.mark.django_db(transaction=True)

PUBLIC_NOTE = "The Russian translation of the status reason said the opposite of the original."


def change_url(entry):
    return reverse(f"admin:claims_{entry._meta.model_name}_change", args=[entry.pk])


def with_row(data, prefix="translations", **row):
    """The rendered form with one more translation row, as "Add another" fills it."""
    index = int(data[f"{prefix}-TOTAL_FORMS"][0])
    data[f"{prefix}-TOTAL_FORMS"] = [str(index + 1)]
    defaults = {"script": "Cyrl", "origin": "human", "translated_by": "Farida"}
    for name, value in {**defaults, **row}.items():
        data[f"{prefix}-{index}-{name}"] = [value]
    return data


def errors(response):
    return re.findall(r"errorlist.{0,300}", response.content.decode())


def published_status_change(fact_checker, editor):
    """A published claim's status change, its reason already translated into Russian."""
    claim = ClaimFactory()
    change = set_status(claim, fact_checker, ClaimStatus.DISPUTED, ORIGINAL_REASON)
    publish(claim, editor)
    services.translation_save(
        by=fact_checker,
        record=change,
        field="reason",
        language="ru",
        script="Cyrl",
        text=RUSSIAN_REASON,
        correction_note="The reason in Russian, for readers in Russian.",
    )
    return change


def test_a_fact_checker_adds_a_russian_translation_of_a_status_reason(client, fact_checker):
    change = set_status(ClaimFactory(), fact_checker, ClaimStatus.DISPUTED, ORIGINAL_REASON)
    client.force_login(fact_checker)
    page = client.get(change_url(change))
    data = with_row(rendered_form(page, "statuschange_form"), language="ru", text=RUSSIAN_REASON)

    response = client.post(change_url(change), data)

    assert response.status_code == 302, errors(response)
    row = StatusChangeTranslation.objects.get(status_change=change)
    assert (row.field, row.language, row.script, row.text) == (
        "reason",
        "ru",
        "Cyrl",
        RUSSIAN_REASON,
    )
    assert row.translated_by == "Farida"
    # A draft claim's history is not public yet: no correction, and no note asked for.
    assert "correction_note" not in page.content.decode()
    assert not Correction.objects.exists()
    change.refresh_from_db()
    assert change.reason == ORIGINAL_REASON  # the entry itself stays as written


def test_the_claim_page_links_each_status_change_to_its_translations(client, fact_checker, editor):
    change = published_status_change(fact_checker, editor)
    client.force_login(fact_checker)

    page = client.get(reverse("admin:claims_claim_change", args=[change.claim_id])).content.decode()

    assert f'<a href="{change_url(change)}">Translations</a> (ru-Cyrl)' in page


@HISTORY_WRITTEN_EARLIER
def test_changing_a_published_reasons_translation_without_a_note_is_refused(
    client, fact_checker, editor
):
    change = published_status_change(fact_checker, editor)
    corrections_before = Correction.objects.count()
    client.force_login(fact_checker)
    data = rendered_form(client.get(change_url(change)), "statuschange_form")
    data["translations-0-text"] = [BETTER_RUSSIAN_REASON]

    response = client.post(change_url(change), data)

    assert response.status_code == 200
    assert "Write the public note: readers see it." in response.content.decode()
    assert StatusChangeTranslation.objects.get(status_change=change).text == RUSSIAN_REASON
    assert Correction.objects.count() == corrections_before


@HISTORY_WRITTEN_EARLIER
def test_changing_a_published_reasons_translation_with_a_note_publishes_a_correction(
    client, fact_checker, editor
):
    change = published_status_change(fact_checker, editor)
    client.force_login(fact_checker)
    page = client.get(change_url(change))
    data = rendered_form(page, "statuschange_form")
    data["translations-0-text"] = [BETTER_RUSSIAN_REASON]
    data["correction_note"] = [PUBLIC_NOTE]

    response = client.post(change_url(change), data)

    assert response.status_code == 302, errors(response)
    assert "publishes a correction of the claim with your note" in page.content.decode()
    assert StatusChangeTranslation.objects.get(status_change=change).text == BETTER_RUSSIAN_REASON
    correction = Correction.objects.get(note=PUBLIC_NOTE)
    assert correction.claim_id == change.claim_id
    assert correction.recorded_by == fact_checker
    [changed] = correction.changes
    assert RUSSIAN_REASON in changed["before"]
    assert BETTER_RUSSIAN_REASON in changed["after"]
    assert PUBLIC_NOTE in client.get(reverse("web:corrections")).content.decode()


@HISTORY_WRITTEN_EARLIER
def test_a_journalist_sees_a_published_reasons_translations_but_cannot_change_them(
    client, journalist, fact_checker, editor
):
    change = published_status_change(fact_checker, editor)
    client.force_login(journalist)

    page = client.get(change_url(change))
    forged = client.post(
        change_url(change),
        with_row(
            rendered_form(page, "statuschange_form"),
            language="kk",
            text="Екі сот басқаша шешті.",
        )
        | {"correction_note": [PUBLIC_NOTE]},
    )

    assert page.status_code == 200
    assert RUSSIAN_REASON in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    assert forged.status_code == 403
    assert list(
        StatusChangeTranslation.objects.filter(status_change=change).values_list("language")
    ) == [("ru",)]
    assert not Correction.objects.filter(note=PUBLIC_NOTE).exists()


def test_an_account_in_no_role_cannot_open_a_status_change(client, outsider, fact_checker):
    change = set_status(ClaimFactory(), fact_checker, ClaimStatus.DISPUTED, ORIGINAL_REASON)
    client.force_login(outsider)

    assert client.get(change_url(change)).status_code == 403
    assert client.post(change_url(change), {}).status_code == 403


@HISTORY_WRITTEN_EARLIER
def test_an_editor_translates_a_correction_note_with_a_further_public_correction(client, editor):
    claim = ClaimFactory()
    publish(claim, editor)
    services.record_correct(
        by=editor,
        record=claim,
        changes={"text": "Proposition, as corrected, is true."},
        note="The claim's wording was corrected.",
    )
    corrected = Correction.objects.get(note="The claim's wording was corrected.")
    client.force_login(editor)
    data = with_row(
        rendered_form(client.get(change_url(corrected)), "correction_form"),
        language="ru",
        text="Формулировка утверждения исправлена.",
    )
    data["correction_note"] = ["The correction's note, now in Russian."]

    response = client.post(change_url(corrected), data)

    assert response.status_code == 302, errors(response)
    row = CorrectionTranslation.objects.get(correction=corrected)
    assert (row.field, row.text) == ("note", "Формулировка утверждения исправлена.")
    further = Correction.objects.get(note="The correction's note, now in Russian.")
    assert further.claim_id == claim.pk
    corrected.refresh_from_db()
    assert corrected.note == "The claim's wording was corrected."
