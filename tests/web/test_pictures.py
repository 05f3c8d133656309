"""The pages' pictures (issue 14, item 4): a claim's status timeline, an actor's scorecard and a
topic's years, each an inline SVG with a text alternative, meaning in words and shapes as well
as hues, and a table holding the same numbers."""

# Kazakh words in Latin script, whose dotless i RUF001 takes for a look-alike of the dotted one.
# ruff: noqa: RUF001

import re
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import translation

from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import Actor, Claim, ClaimStatus, Topic
from claimtracker.claims.selectors import actor_tally, topic_timeline
from claimtracker.seeding.reference import load_reference_case
from tests.factories import ActorFactory, StatementFactory
from tests.web.html import element
from tests.web.html import text_of as html_text
from tests.web.published import change_status, published_claim

pytestmark = pytest.mark.django_db

DISPUTED = "law-enforcement-avoided-force-in-initial-clashes"
TOKAYEV = "kassym-jomart-tokayev"
TOPIC = "january-2022-events-qandy-qantar"
NOT_TRUTHFULNESS = "These counts describe the claims on record, not how truthful this person is."


def text_of(html: str) -> str:
    return html_text(html, tags_as=" ")


def figure(html: str, kind: str) -> str:
    """The picture's figure and the table view that follows it (a figure's caption must be its
    first or last child, so the table comes after the figure)."""
    picture = element(html, "figure", f"picture picture--{kind}")
    after = html[html.index(picture) + len(picture) :]
    return picture + after[: after.index("</details>") + len("</details>")]


def svg(picture: str) -> str:
    # Up to the last </svg>: status icons are svg elements inside the picture.
    return picture[picture.index("<svg") : picture.rindex("</svg>")]


def table(picture: str) -> str:
    return picture[picture.index("<details") : picture.index("</details>")]


def text_alternative(picture: str) -> str:
    """The accessible name and description the svg's aria-labelledby and -describedby name."""
    image = re.search(r'<svg class="picture__svg"[^>]*>', picture)
    assert image
    assert 'role="img"' in image[0]
    ids = re.findall(r'aria-(?:labelledby|describedby)="([^"]+)"', image[0])
    assert len(ids) == 2, "a name (its <title>) and a description (its <desc>)"
    parts = [re.search(rf'id="{i}">([^<]*)<', picture) for i in " ".join(ids).split()]
    assert all(parts)
    return " ".join(part[1] for part in parts if part)


def page(client, url: str, query: dict[str, str] | None = None) -> str:
    response = client.get(url, query or {})
    assert response.status_code == 200
    return str(response.content.decode())


# --- A claim's status timeline ---


def test_the_disputed_claims_timeline_shows_disputed_since_11_january_2024(client, db):
    load_reference_case()

    picture = figure(page(client, reverse("web:claim", args=[DISPUTED])), "claim")

    alternative = text_alternative(picture)
    assert alternative.startswith("Status timeline")
    assert "Disputed since 11 January 2024" in alternative
    assert "No status yet until 11 January 2024" in alternative
    # The current band: the status's hue by its class, and its icon and word inside.
    current = re.search(
        r'<g class="picture__band status--disputed">(.*?)</text>', svg(picture), re.S
    )
    assert current, "a band in the disputed status's class"
    assert "<title>Disputed since 11 January 2024</title>" in current[1]
    assert '<svg class="status-icon"' in current[1]
    assert current[1].rstrip().endswith(">Disputed")
    assert "Disputed since 11 January 2024" in text_of(table(picture))


@pytest.mark.parametrize(
    ("language", "since", "until"),
    [
        ("kk", "2024 жылғы 11 қаңтардан бастап Даулы", "2024 жылғы 11 қаңтарға дейін"),
        ("kk-latn", "2024 jylğy 11 qañtardan bastap Dauly", "2024 jylğy 11 qañtarğa deiın"),
    ],
)
def test_in_kazakh_the_timeline_puts_each_band_date_in_the_case_its_postposition_needs(
    client, db, language, since, until
):
    # Ablative before бастап (since), dative before дейін (until), never "11 қаңтар 2024 ж.".
    load_reference_case()
    with translation.override(language):
        url = reverse("web:claim", args=[DISPUTED])

    picture = figure(page(client, url), "claim")

    assert f"<title>{since}</title>" in svg(picture)
    assert f"<title>{until} " in svg(picture)
    assert since in text_alternative(picture)


def test_undated_statements_are_drawn_up_to_their_bound_and_the_legend_says_so(client, db):
    load_reference_case()
    claim = Claim.objects.get(slug=DISPUTED)
    undated = claim.statements.filter(stated_on__isnull=True, stated_not_after__isnull=False)

    picture = figure(page(client, claim.get_absolute_url()), "claim")

    bound = re.search(
        r'<g class="picture__mark picture__mark--bound">.*?class="picture__count"[^>]*>(\d+)<',
        svg(picture),
        re.S,
    )
    assert bound
    assert int(bound[1]) == undated.count() > 0
    assert f"not after 11 January 2024 {undated.count()}" in text_of(table(picture))
    assert "the source gives no date, only the latest it can be" in picture


def test_the_claims_table_has_the_same_numbers_as_its_picture(client, fact_checker):
    claim = published_claim(
        fact_checker,
        statements=[
            StatementFactory(stated_on=PartialDate(2022, 3, 1)),
            StatementFactory(stated_on=PartialDate(2022, 3, 1)),
            StatementFactory(stated_on=PartialDate(2023)),
        ],
        stances=["contradicts"],
    )
    change_status(fact_checker, claim, ClaimStatus.UNCONFIRMED, as_of=PartialDate(2022, 6, 1))
    claim.refresh_from_db()
    change_status(fact_checker, claim, ClaimStatus.REFUTED, as_of=PartialDate(2023, 9))

    picture = figure(page(client, claim.get_absolute_url()), "claim")

    drawn = re.findall(r'class="picture__count"[^>]*>(\d+)<', svg(picture))
    tabled = re.findall(r"<td>(\d+)</td></tr>", table(picture))
    assert Counter(drawn) == Counter(tabled)
    # 2 + 1 statements and 2 changes; the factory's evidence has no date, so it is not drawn.
    assert sorted(map(int, drawn)) == [1, 1, 1, 2]
    assert "1 record whose source gives no date at all is not drawn." in picture
    rows = text_of(table(picture))
    assert "Status: Unconfirmed Unconfirmed from 1 June 2022 until 1 September 2023" in rows
    assert "Status: Refuted Refuted since 1 September 2023" in rows
    assert "Statements 1 March 2022 2" in rows
    assert "Statements 2023 1" in rows


def test_each_band_carries_its_status_icon_and_its_word_when_it_fits(client, fact_checker):
    claim = published_claim(
        fact_checker,
        statements=[StatementFactory(stated_on=PartialDate(2020, 1, 1))],
        stances=["contradicts"],
    )
    change_status(fact_checker, claim, ClaimStatus.UNCONFIRMED, as_of=PartialDate(2021, 1, 1))
    claim.refresh_from_db()
    change_status(fact_checker, claim, ClaimStatus.REFUTED, as_of=PartialDate(2022, 1, 1))

    drawing = svg(figure(page(client, claim.get_absolute_url()), "claim"))

    for status, word in [
        ("none", "No status yet"),
        ("unconfirmed", "Unconfirmed"),
        ("refuted", "Refuted"),
    ]:
        band = re.search(rf'<g class="picture__band status--{status}">(.*?)</text>', drawing, re.S)
        assert band, f"no {status} band"
        assert '<svg class="status-icon"' in band[1]
        assert band[1].rstrip().endswith(f">{word}")
    # No colour is written into the picture: hues come from the status classes in site.css.
    assert "style=" not in drawing
    assert not re.search(r'fill="#', drawing)


def test_a_claim_with_no_date_anywhere_has_no_picture(client, fact_checker):
    claim = published_claim(fact_checker, statements=[StatementFactory(stated_on=None)])

    assert 'class="picture' not in page(client, claim.get_absolute_url())


# --- An actor's scorecard ---


@pytest.fixture
def speaker(fact_checker):
    """Claims asserted in 2022 (refuted), May 2023 (unconfirmed) and 2024 (two: one unconfirmed
    and one not assessed), and one undated."""
    actor = ActorFactory(slug="speaker")
    for stated_on, status in [
        (PartialDate(2022, 1, 5), ClaimStatus.REFUTED),
        (PartialDate(2023, 5), ClaimStatus.UNCONFIRMED),
        (PartialDate(2024), ClaimStatus.UNCONFIRMED),
        (PartialDate(2024, 2), ""),
        (None, ""),
    ]:
        claim = published_claim(
            fact_checker,
            statements=[StatementFactory(speaker=actor, stated_on=stated_on)],
            stances=["contradicts"],
        )
        if status:
            change_status(fact_checker, claim, status, as_of=None)
    return actor


def scorecard_totals(picture: str) -> dict[str, int]:
    head = re.findall(r'<th scope="col">([^<]+)</th>', table(picture))
    foot = re.search(r"<tfoot>(.*?)</tfoot>", table(picture), re.S)
    assert foot
    counts = [int(n) for n in re.findall(r"<td>(\d+)</td>", foot[1])]
    return dict(zip(head[1:], counts, strict=True))


@pytest.mark.parametrize(
    "query", [{}, {"stated_from": "2023"}, {"stated_to": "2023"}, {"stated_to": "9999"}]
)
def test_an_actors_scorecard_counts_match_the_tally(client, speaker, query):
    picture = figure(page(client, speaker.get_absolute_url(), query), "scorecard")

    tally = actor_tally(
        speaker,
        start=PartialDate.parse(query["stated_from"]) if "stated_from" in query else None,
        end=PartialDate.parse(query["stated_to"]) if "stated_to" in query else None,
    )
    totals = scorecard_totals(picture)
    assert {row.label: row.count for row in tally.rows} == {
        label: totals[label] for label in totals if label not in {"Assessed", "Claims"}
    }
    assert totals["Claims"] == tally.total
    assert totals["Assessed"] == tally.total - tally.rows[-1].count


def test_the_scorecard_gives_each_year_with_its_denominator(client, speaker):
    picture = figure(page(client, speaker.get_absolute_url()), "scorecard")

    drawing = text_of(svg(picture))
    headings = re.findall(r'class="picture__year-heading"[^>]*>([^<]+)<', svg(picture))
    assert headings == [
        "2022: 1 of 1 claim assessed",
        "2023: 1 of 1 claim assessed",
        "2024: 1 of 2 claims assessed",
        "No date given: 0 of 1 claim assessed",
    ]
    assert "Refuted: 1" in drawing
    assert "No status yet: 1" in drawing
    # Each bar names its status in words and carries its icon, not only a hue.
    for bar in re.findall(r'<g class="picture__bar status--[^"]*">.*?</text>', svg(picture), re.S):
        assert '<svg class="status-icon"' in bar
    assert NOT_TRUTHFULNESS in text_alternative(picture)
    assert NOT_TRUTHFULNESS in text_of(picture)


def test_the_scorecard_covers_only_the_readers_range(client, speaker):
    picture = figure(page(client, speaker.get_absolute_url(), {"stated_from": "2023"}), "scorecard")

    headings = re.findall(r'class="picture__year-heading"[^>]*>([^<]+)<', svg(picture))
    assert headings == ["2023: 1 of 1 claim assessed", "2024: 1 of 2 claims assessed"]


def test_tokayevs_scorecard_says_his_statements_give_no_date(client, db):
    load_reference_case()
    actor = Actor.objects.get(slug=TOKAYEV)

    picture = figure(page(client, actor.get_absolute_url()), "scorecard")

    tally = actor_tally(actor)
    assessed = tally.total - tally.rows[-1].count
    plural = "claim" if tally.total == 1 else "claims"
    assert f"No date given: {assessed} of {tally.total} {plural} assessed" in text_of(svg(picture))


# --- A topic's years ---


def test_the_topic_timeline_counts_each_year_as_the_list_does(client, db):
    load_reference_case()
    topic = Topic.objects.get(slug=TOPIC)
    timeline = topic_timeline(topic)
    expected = Counter(
        (entry.when.year, entry.kind) for entry in timeline.dated if entry.when is not None
    )
    years = sorted({year for year, _kind in expected})

    picture = figure(page(client, topic.get_absolute_url()), "topic")

    drawn_years = re.findall(r'picture__tick-label--year"[^>]*>([^<]+)<', svg(picture))
    assert drawn_years == [str(y) for y in range(years[0], years[-1] + 1)] + (
        ["No date"] if timeline.undated else []
    )
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', table(picture))
    for label, cells in rows:
        counts = [int(n) for n in re.findall(r"<td>(\d+)</td>", cells)]
        if label == "No date":
            undated = Counter(entry.kind for entry in timeline.undated)
            want = [undated[k] for k in ("statement", "evidence", "status_change")]
        else:
            want = [expected[(int(label), k)] for k in ("statement", "evidence", "status_change")]
        assert counts == want
    drawn = sorted(int(n) for n in re.findall(r'class="picture__count"[^>]*>(\d+)<', svg(picture)))
    assert drawn == sorted(
        n for _label, cells in rows for n in map(int, re.findall(r"<td>(\d+)</td>", cells)) if n
    )
    assert 'role="img"' in picture
    assert "statements" in text_alternative(picture)
