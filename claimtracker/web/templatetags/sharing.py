"""``{% sharing_meta %}`` (in base.html's head) and ``{% share_block %}`` (on claim pages): the
sharing facts of claimtracker/web/sharing.py, rendered from what the page already holds."""

from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest

from claimtracker.web import sharing
from claimtracker.web.twins import web_page

register = template.Library()

# Detail pages: the record is the view's object.
RECORD_PAGES = {"claim", "actor", "topic", "statement", "evidence", "source"}


def page_sharing(context: template.Context) -> sharing.Sharing | None:
    request = context.get("request")
    match = web_page(request) if isinstance(request, HttpRequest) else None
    if request is None or match is None:
        # Admin, sign-in and error pages are not for sharing.
        return None
    record = context.get("object") if match.url_name in RECORD_PAGES else None
    return sharing.page_sharing(request, record, name=match.url_name or "")


@register.inclusion_tag("includes/meta.html", takes_context=True)
def sharing_meta(context: template.Context) -> dict[str, Any]:
    return {
        "sharing": page_sharing(context),
        "site_name": settings.PUBLISHER_NAME,
        "og_locale": sharing.og_locale(),
        "card_width": sharing.CARD_WIDTH,
        "card_height": sharing.CARD_HEIGHT,
    }


@register.inclusion_tag("includes/share.html", takes_context=True)
def share_block(context: template.Context) -> dict[str, Any]:
    facts = page_sharing(context)
    if facts is None:
        return {"sharing": None}
    return {
        "sharing": facts,
        "links": sharing.share_links(facts.canonical, facts.title),
    }
