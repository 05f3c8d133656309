"""What a shared link shows: every public page's description, canonical address, Open Graph and
Twitter card; each claim's card image with its status; the site's icon; the share links."""

import html
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image

from claimtracker.claims.models import Claim, ClaimStatus, Evidence, Source, Statement
from claimtracker.seeding.reference import load_reference_case
from claimtracker.web import sharing
from tests.factories import ClaimFactory
from tests.web.published import change_status, published_claim

pytestmark = pytest.mark.django_db

SITE = "https://claims.example.org"
CLAIM = "/en/claims/outside-terrorists-were-main-protagonists/"
CARD = "/en/claims/outside-terrorists-were-main-protagonists/card.png"
STATIC_CARD = f"{SITE}/static/img/card.png"
BASE_DIR = Path(settings.BASE_DIR)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE
    settings.PUBLISHER_NAME = "ClaimTracker"


@pytest.fixture
def reference(role_groups):
    load_reference_case()


def meta(page: str) -> dict[str, str]:
    """The page's sharing tags: name or property -> content, and "canonical" -> its href."""
    tags = {
        key: html.unescape(value)
        for key, value in re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">', page)
    }
    canonical = re.findall(r'<link rel="canonical" href="([^"]*)">', page)
    assert len(canonical) == 1, "one canonical link"
    tags["canonical"] = html.unescape(canonical[0])
    return tags


def page_html(client, path: str) -> str:
    return str(client.get(path).content.decode())


def found(pattern: str, text: str) -> str:
    """The first group of ``pattern`` in ``text``, which must match."""
    match = re.search(pattern, text)
    assert match, f"{pattern!r} not found"
    return match.group(1)


def page_tags(client, path: str, **query: str) -> dict[str, str]:
    response = client.get(path, query)
    assert response.status_code == 200
    return meta(response.content.decode())


def test_a_claim_page_describes_the_claim_with_its_status_and_its_own_card(client, reference):
    tags = page_tags(client, CLAIM)

    text = "The main protagonists of the January 2022 events were “outside terrorists”"
    assert tags["description"].startswith(f"Status: Unconfirmed. {text}")
    assert tags["canonical"] == f"{SITE}{CLAIM}"
    assert tags["og:url"] == f"{SITE}{CLAIM}"
    assert tags["og:type"] == "article"
    assert tags["og:site_name"] == "ClaimTracker"
    assert tags["og:title"].startswith(text)
    assert tags["og:description"] == tags["description"]
    assert tags["og:image"] == f"{SITE}{CARD}"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"].startswith(f"Unconfirmed: {text}")
    assert tags["og:locale"] == "en_US"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:image"] == f"{SITE}{CARD}"


@pytest.mark.parametrize(
    ("path", "description"),
    [
        ("/en/actors/kassym-jomart-tokayev/", "President."),
        (
            "/en/topics/january-2022-events-qandy-qantar/",
            "The article calls them “the January Events” and “Qandy Qantar”.",
        ),
        ("/en/", str(sharing.LIST_DESCRIPTION)),
        ("/en/search/", str(sharing.LIST_DESCRIPTION)),
        ("/en/methodology/", str(sharing.LIST_DESCRIPTION)),
        ("/en/corrections/", str(sharing.LIST_DESCRIPTION)),
        ("/en/about/", str(sharing.LIST_DESCRIPTION)),
        ("/en/actors/", str(sharing.LIST_DESCRIPTION)),
        ("/en/topics/", str(sharing.LIST_DESCRIPTION)),
    ],
)
def test_every_other_page_type_has_a_description_a_canonical_address_and_the_site_card(
    client, reference, path, description
):
    tags = page_tags(client, path)

    assert tags["description"] == description
    assert tags["canonical"] == f"{SITE}{path}"
    assert tags["og:url"] == f"{SITE}{path}"
    assert tags["og:image"] == STATIC_CARD
    # The page's own title, as its <title> gives it before the site's name.
    title = found(r"<title>(.*?) · ClaimTracker</title>", page_html(client, path))
    assert tags["og:title"] == html.unescape(title)
    assert tags["twitter:card"] == "summary_large_image"


def test_record_pages_describe_their_record(client, reference):
    statement = Statement.objects.published().earliest("pk")
    evidence = Evidence.objects.published().earliest("pk")
    source = Source.objects.get(title="Not Everyone Fits the Mold")

    said = page_tags(client, statement.get_absolute_url())
    found = page_tags(client, evidence.get_absolute_url())
    cited = page_tags(client, source.get_absolute_url())

    assert said["og:title"] == f"Statement by {statement.speaker}"
    assert said["description"].startswith(f"“{statement.quote[:40]}")
    assert found["og:title"] == evidence.title
    assert found["description"].startswith((evidence.summary or evidence.title)[:40])
    assert cited["description"] == "A source ClaimTracker cites: Not Everyone Fits the Mold"
    for tags, record in [(said, statement), (found, evidence), (cited, source)]:
        assert tags["canonical"] == f"{SITE}{record.get_absolute_url()}"


def test_the_canonical_address_drops_filters_and_tracking_but_keeps_the_page_number(
    client, reference, rf
):
    tracked = page_tags(client, "/en/", status="unconfirmed", utm_source="telegram")
    first = page_tags(client, "/en/", page="1")

    assert tracked["canonical"] == f"{SITE}/en/"
    assert first["canonical"] == f"{SITE}/en/"
    # (The reference case fills one page: a second page is asked of the address rule directly.)
    second = rf.get("/", {"page": "2", "status": "unconfirmed", "utm_source": "x"})
    assert sharing.canonical_url(second) == f"{SITE}/?page=2"
    assert sharing.canonical_url(rf.get("/", {"page": "<script>"})) == f"{SITE}/"


def test_a_claim_card_is_a_1200_by_630_png_in_the_status_hue(client, reference):
    response = client.get(CARD)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "max-age=0" in response["Cache-Control"]
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    assert image.size == (1200, 630)
    # The band along the left edge is the status's hue (unconfirmed: violet).
    assert image.convert("RGB").getpixel((10, 300)) == (0x5B, 0x3A, 0x8C)


def test_a_claim_card_changes_when_the_status_changes(client, fact_checker):
    claim = published_claim(fact_checker, stances=["contradicts"], text="Қаңтар оқиғалары.")
    change_status(fact_checker, claim, ClaimStatus.UNCONFIRMED)
    card = reverse("web:claim-card", args=[claim.slug])
    before = client.get(card)

    change_status(fact_checker, claim, ClaimStatus.REFUTED)
    after = client.get(card, headers={"If-None-Match": before["ETag"]})

    assert after.status_code == 200
    assert after.content != before.content
    image = Image.open(io.BytesIO(after.content)).convert("RGB")
    assert image.getpixel((10, 300)) == (0x9B, 0x00, 0x00)


def test_an_unchanged_claim_card_is_not_sent_again(client, reference):
    etag = client.get(CARD)["ETag"]

    assert client.get(CARD, headers={"If-None-Match": etag}).status_code == 304


def test_a_draft_claim_has_no_card(client, db):
    draft = ClaimFactory()
    assert not Claim.objects.published().filter(pk=draft.pk).exists()

    assert client.get(reverse("web:claim-card", args=[draft.slug])).status_code == 404
    assert client.get("/en/claims/no-such-claim/card.png").status_code == 404


def test_the_card_draws_kazakh_letters_with_a_font_that_has_them():
    face = sharing.font(46)

    # A font without a glyph draws every missing letter as the same box.
    boxes = {face.getmask(letter).getbbox() for letter in "ӘҒҚҢӨҰҮҺІ"}
    assert len(boxes) > 1
    assert face.getlength("ӘҒҚҢӨҰҮҺІ") > 0


def test_a_long_claim_is_cut_to_five_lines_ending_with_an_ellipsis():
    lines = sharing.wrap("word " * 400, sharing.font(46), 1056, 5)

    assert len(lines) == 5
    assert lines[-1].endswith("…")


def test_the_card_hues_are_the_status_hues_of_the_stylesheet():
    css = (BASE_DIR / "static/css/site.css").read_text()
    names = {
        "confirmed": "confirmed",
        "partly_confirmed": "partly",
        "unconfirmed": "unconfirmed",
        "disputed": "disputed",
        "refuted": "refuted",
        "": "none",
    }
    for status, name in names.items():
        hue = found(rf"--status-{name}: (#[0-9a-f]{{6}});", css)
        tint = found(rf"--status-{name}-bg: (#[0-9a-f]{{6}});", css)
        assert sharing.STATUS_COLOURS[status] == (hue, tint), status


def test_the_site_card_is_a_committed_1200_by_630_png():
    image = Image.open(BASE_DIR / "static/img/card.png")

    assert image.format == "PNG"
    assert image.size == (1200, 630)


def test_every_page_links_the_icon_and_favicon_ico_answers(client, reference):
    page = client.get("/en/about/").content.decode()
    response = client.get("/favicon.ico")

    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page
    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.ico"
    icon = Image.open(BASE_DIR / "static/img/favicon.ico")
    assert icon.format == "ICO"
    assert (BASE_DIR / "static/img/favicon.svg").read_text().startswith("<svg")


def test_a_claim_page_offers_share_links_built_on_its_canonical_address(client, reference):
    page = client.get(CLAIM).content.decode()

    address = f"{SITE}{CLAIM}".replace(":", "%3A").replace("/", "%2F")
    assert f'href="https://t.me/share/url?url={address}&amp;text=' in page
    assert 'href="https://wa.me/?text=The%20main%20protagonists' in page
    assert f'href="https://twitter.com/intent/tweet?url={address}' in page
    assert 'href="mailto:?subject=The%20main%20protagonists' in page
    # The copy button waits for JavaScript (static/js/share.js), which the page loads deferred.
    assert f'data-copy-url="{SITE}{CLAIM}"' in page
    assert '<script src="/static/js/share.js" defer></script>' in page
    # On paper, the address the page came from.
    assert f"Printed from {SITE}{CLAIM}" in page


def test_a_curators_quotes_and_markup_in_a_claim_are_escaped_in_the_tags(client, fact_checker):
    claim = published_claim(fact_checker, text='He said "<b>yes</b>" & left.')

    page = client.get(claim.get_absolute_url()).content.decode()

    assert "<b>yes</b>" not in page
    assert meta(page)["og:title"] == 'He said "<b>yes</b>" & left.'
