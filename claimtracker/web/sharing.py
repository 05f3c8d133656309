"""What a shared link shows: meta description, canonical address, Open Graph and Twitter cards,
the card image of a claim (its text and its status in words, in the status's hue) and the
site's icon. docs/sharing.md describes what each page says and why.

The page's sharing facts are worked out here from what the page already holds (its object, with
what its view prefetched), so adding them costs no query; ``templatetags/sharing.py`` hands them
to ``templates/includes/meta.html`` and ``includes/share.html``.
"""

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from claimtracker.claims.models import Actor, Claim, Evidence, Source, Statement, Topic

# Open Graph's recommended size; Telegram, WhatsApp and X crop it the least.
CARD_WIDTH, CARD_HEIGHT = 1200, 630
DESCRIPTION_LENGTH = 200
SITE_CARD = "img/card.png"
# Open Graph spells locales language_TERRITORY.
OG_LOCALES = {"en": "en_US", "kk": "kk_KZ", "ru": "ru_RU"}

# The same hues as --status-* (text colour, background) in static/css/site.css;
# tests/web/test_sharing.py checks that the two agree.
STATUS_COLOURS = {
    "confirmed": ("#1d5e2c", "#e6f2e8"),
    "partly_confirmed": ("#005566", "#e0f0f3"),
    "unconfirmed": ("#5b3a8c", "#efe9f7"),
    "disputed": ("#8a3a00", "#fbeadf"),
    "refuted": ("#9b0000", "#fbe6e6"),
    "": ("#4a4a4a", "#f0f0f0"),
}
INK, PAPER, MUTED = "#1b1b1b", "#ffffff", "#4a4a4a"

# DejaVu Sans covers Latin, Cyrillic and the letters Kazakh adds to Cyrillic. It is Debian's
# fonts-dejavu-core, which .ci/run installs and the Docker image needs (docs/sharing.md).
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]


@dataclass(frozen=True)
class Sharing:
    """What one page tells a link preview."""

    title: str
    description: str
    canonical: str
    image: str
    image_alt: str
    kind: str = "website"


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def canonical_url(request: HttpRequest) -> str:
    """The page's address on SITE_URL without its query string, except the page number: a
    filtered or tracked home page is the same page to share, but page 2 is another page."""
    page = request.GET.get("page", "")
    query = f"?{urlencode({'page': page})}" if page.isdigit() and page != "1" else ""
    return absolute(request.path + query)


def site_card_url() -> str:
    return absolute(static(SITE_CARD))


def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    return Truncator(" ".join(text.split())).chars(length)


def claim_description(claim: Claim) -> str:
    return shorten(
        _("Status: %(status)s. %(claim)s") % {"status": claim.status_label, "claim": claim.text}
    )


def actor_description(actor: Actor) -> str:
    # Roles come prefetched by the actor's page; the latest one says who they are now.
    roles = list(actor.roles.all())
    parts = [str(roles[-1])] if roles else []
    if actor.description:
        parts.append(actor.description)
    if not parts:
        return _("Claims asserted by %(name)s and what is established about them.") % {
            "name": actor
        }
    return shorten(". ".join(part.rstrip(".") for part in parts) + ".")


LIST_DESCRIPTION = gettext_lazy(
    "ClaimTracker follows claims made in public, the statements that assert them and the "
    "evidence for and against them, and says what is established about each."
)
# The titles of the pages that show no one record, as their <title> says them.
PAGE_TITLES = {
    "home": gettext_lazy("Claims and what is established about them"),
    "search": gettext_lazy("Search"),
    "methodology": gettext_lazy("Methodology"),
    "corrections": gettext_lazy("Corrections"),
    "about": gettext_lazy("About"),
    "actors": gettext_lazy("People and institutions"),
    "topics": gettext_lazy("Topics"),
}


def page_sharing(request: HttpRequest, page: Any, *, name: str = "") -> Sharing:
    """The sharing facts of the page ``request`` asked for, ``page`` being the record it shows
    (or None for a list or text page, then known by its URL ``name``)."""
    canonical = canonical_url(request)
    site_alt = _("%(site)s: claims and what is established about them") % {
        "site": settings.PUBLISHER_NAME
    }
    if isinstance(page, Claim):
        return Sharing(
            title=shorten(page.text, 90),
            description=claim_description(page),
            canonical=canonical,
            image=absolute(reverse("web:claim-card", args=[page.slug])),
            image_alt=_("%(status)s: %(claim)s")
            % {"status": page.status_label, "claim": shorten(page.text, 150)},
            kind="article",
        )
    title = str(page) if page is not None else str(PAGE_TITLES.get(name, ""))
    description, kind = str(LIST_DESCRIPTION), "website"
    if isinstance(page, Actor):
        description = actor_description(page)
        kind = "profile"
    elif isinstance(page, Topic):
        title = page.name
        description = shorten(page.description) if page.description else description
    elif isinstance(page, Statement):
        title = _("Statement by %(speaker)s") % {"speaker": page.speaker}
        description = shorten(f"“{page.quote}”")
        kind = "article"
    elif isinstance(page, Evidence):
        title = page.title
        description = shorten(page.summary or page.title)
        kind = "article"
    elif isinstance(page, Source):
        title = page.title
        description = shorten(_("A source ClaimTracker cites: %(title)s") % {"title": page.title})
    return Sharing(
        title=title or settings.PUBLISHER_NAME,
        description=description,
        canonical=canonical,
        image=site_card_url(),
        image_alt=site_alt,
        kind=kind,
    )


def og_locale() -> str:
    return OG_LOCALES.get((get_language() or "en").split("-")[0], "en_US")


def share_links(url: str, text: str) -> list[tuple[str, str]]:
    """(service, address) of the plain share links a claim page offers without JavaScript."""
    both = f"{text} {url}"
    on = _("Share on %(service)s")
    return [
        (
            on % {"service": "Telegram"},
            "https://t.me/share/url?" + urlencode({"url": url, "text": text}),
        ),
        (
            on % {"service": "WhatsApp"},
            "https://wa.me/?" + urlencode({"text": both}, quote_via=quote),
        ),
        (
            on % {"service": "X"},
            "https://twitter.com/intent/tweet?" + urlencode({"url": url, "text": text}),
        ),
        # mailto: wants %20, not "+", for spaces (RFC 6068).
        (
            _("Send by email"),
            "mailto:?" + urlencode({"subject": text, "body": both}, quote_via=quote),
        ),
    ]


# --- The card image -------------------------------------------------------------------------


def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    raise ImproperlyConfigured(
        f"{name} not found in {', '.join(map(str, FONT_DIRS))}: install fonts-dejavu-core."
    )


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of at most ``width`` pixels, the last ending in "…"
    when the text goes on."""
    wrapped: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if face.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            wrapped.append(line)
        # A word wider than a line (a long address) is cut where it no longer fits.
        while face.getlength(word) > width:
            cut = len(word)
            while cut > 1 and face.getlength(word[:cut]) > width:
                cut -= 1
            wrapped.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        wrapped.append(line)
    if len(wrapped) > lines:
        last = wrapped[lines - 1]
        while last and face.getlength(f"{last}…") > width:
            last = last[:-1]
        wrapped = [*wrapped[: lines - 1], f"{last.rstrip(' ,.;:')}…"]
    return wrapped


def render_card(*, text: str, status: str, status_label: str, site: str) -> bytes:
    """A 1200x630 PNG: the site's name, the status in words in its hue, the claim's text.

    An empty ``status_label`` draws no status (the site's own card)."""
    hue, tint = STATUS_COLOURS.get(status, STATUS_COLOURS[""])
    image = Image.new("RGB", (CARD_WIDTH, CARD_HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    margin = 72
    width = CARD_WIDTH - 2 * margin
    # A band of the status's hue down the left edge and along the bottom.
    draw.rectangle((0, 0, 24, CARD_HEIGHT), fill=hue)
    draw.rectangle((0, CARD_HEIGHT - 24, CARD_WIDTH, CARD_HEIGHT), fill=hue)
    draw.text((margin, 56), site, font=font(34, bold=True), fill=MUTED)
    y: float = 150
    if status_label:
        # The status in words, on one line: a long translation is drawn smaller.
        size = 52
        while size > 28 and font(size, bold=True).getlength(status_label) > width - 56:
            size -= 4
        label_face = font(size, bold=True)
        label = wrap(status_label, label_face, width - 56, 1)[0]
        _left, _top, right, bottom = draw.textbbox((margin + 28, 130), label, font=label_face)
        draw.rounded_rectangle(
            (margin, 116, right + 28, bottom + 18), radius=16, fill=tint, outline=hue, width=4
        )
        draw.text((margin + 28, 130), label, font=label_face, fill=hue)
        y = bottom + 60
    text_face = font(46)
    for line in wrap(text, text_face, width, 5):
        draw.text((margin, y), line, font=text_face, fill=INK)
        y += 62
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def claim_card_png(claim: Claim) -> bytes:
    """The claim's card, from the cache when the same words were drawn before.

    Keyed by everything drawn (text, status, its label in the reader's language, the site's
    name), so a status change or a corrected text draws a new card and no card goes stale.
    """
    drawn = {
        "text": " ".join(claim.text.split()),
        "status": claim.status,
        "status_label": claim.status_label,
        "site": settings.PUBLISHER_NAME,
    }
    key = "claim-card:" + hashlib.sha256(repr(sorted(drawn.items())).encode()).hexdigest()
    png: bytes | None = cache.get(key)
    if png is None:
        png = render_card(**drawn)
        cache.set(key, png, timeout=60 * 60 * 24 * 30)
    return png


def claim_card(request: HttpRequest, slug: str) -> HttpResponse:
    """/claims/<slug>/card.png: a published claim's card; a draft's is a 404 like its page."""
    claim = get_object_or_404(Claim.objects.published(), slug=slug)
    return HttpResponse(claim_card_png(claim), content_type="image/png")


def write_site_card(path: Path | None = None) -> Path:
    """Draw the card of pages that are not claims into static/img/card.png (committed; run
    again when PUBLISHER_NAME changes)."""
    target = path or Path(settings.BASE_DIR) / "static" / SITE_CARD
    target.write_bytes(
        render_card(
            text=_("What powerful people said, and whether it held up."),
            status="",
            status_label="",
            site=settings.PUBLISHER_NAME,
        )
    )
    return target


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """/favicon.ico, which browsers and crawlers ask for whatever the page links: the icon."""
    if request.method not in {"GET", "HEAD"}:
        raise Http404
    return HttpResponseRedirect(static("img/favicon.ico"))
