"""Every public page names its machine-readable versions: its JSON twin and its Atom feed.

Readers see the links in the footer; machines find them as ``<link rel="alternate">`` in the
head (templates/base.html and includes/footer.html render whatever these context processors set).

JSON twins: a public page and its API twin share a name and URL keywords (``web:claim`` with
``slug`` is ``api:claim-detail`` with ``slug``), so one rule serves every detail page. The home
page's twin is the API's claim list, filtered the same way as far as the API can express it.

Feeds: claim, actor and topic pages offer the status changes of their claims; the pages about
the whole record (home, search, methodology) offer the site-wide feed.
"""

from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import NoReverseMatch, ResolverMatch, reverse
from django.utils.translation import gettext as _

DETAIL_TWINS = {"actor", "claim", "evidence", "source", "statement", "topic"}
# List pages whose rows an API list also holds.
LIST_TWINS = {"corrections": "api:correction-list"}
# The home page's filters the API's claim list also takes, with the same meaning and values.
# The statement-date range has no API equivalent (the API's date filters are about status
# changes), so it is left out rather than translated into something else.
HOME_FILTERS_THE_API_TAKES = ("status", "actor", "topic")
SITE_FEED_PAGES = {"home", "search", "methodology"}


def web_page(request: HttpRequest) -> ResolverMatch | None:
    match = request.resolver_match
    if match is None or match.namespace != "web":
        return None
    return match


def json_twin(request: HttpRequest) -> dict[str, str]:
    """``json_twin`` for ``<link rel="alternate">`` (clients negotiate JSON with Accept) and
    ``json_twin_link`` for the visible link, which asks for JSON by name: a browser's Accept
    header would otherwise get the API's HTML view of the same data."""
    twin = twin_url(request)
    if not twin:
        return {}
    separator = "&" if "?" in twin else "?"
    return {"json_twin": twin, "json_twin_link": f"{twin}{separator}format=json"}


def twin_url(request: HttpRequest) -> str:
    match = web_page(request)
    if match is None:
        return ""
    if match.url_name == "home":
        return home_twin(request)
    if match.url_name in LIST_TWINS:
        return reverse(LIST_TWINS[match.url_name])
    if match.url_name not in DETAIL_TWINS:
        return ""
    try:
        return reverse(f"api:{match.url_name}-detail", kwargs=match.kwargs)
    except NoReverseMatch:  # a public URL the API cannot express: offer no twin, not an error
        return ""


def home_twin(request: HttpRequest) -> str:
    """``/api/v1/claims/`` with the home page's filters the API understands.

    Each once and only when given: the API answers 400 to a repeated or unknown parameter, and
    an empty one filters nothing anyway. Values are passed as they are, so a filter the home
    page refuses is one the API refuses too.
    """
    query = {
        name: value
        for name in HOME_FILTERS_THE_API_TAKES
        if (value := request.GET.get(name, "").strip())
    }
    url = reverse("api:claim-list")
    return f"{url}?{urlencode(query)}" if query else url


def feed_link(request: HttpRequest) -> dict[str, str]:
    match = web_page(request)
    if match is None:
        return {}
    slug = match.kwargs.get("slug")
    if match.url_name == "claim" and slug:
        url, title = reverse("web:claim-feed", args=[slug]), _("This claim's status changes")
    elif match.url_name == "actor" and slug:
        url = reverse("web:actor-feed", args=[slug])
        title = _("Status changes of the claims this actor asserted")
    elif match.url_name == "topic" and slug:
        url = reverse("web:topic-feed", args=[slug])
        title = _("Status changes of the claims under this topic")
    elif match.url_name in SITE_FEED_PAGES:
        url, title = reverse("web:feed"), _("Status changes of all claims")
    else:
        return {}
    return {"feed_url": url, "feed_title": _("%(feed)s (Atom feed)") % {"feed": title}}
