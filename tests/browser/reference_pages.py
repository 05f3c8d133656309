"""Every public page type with the reference case loaded: the page checks (axe, the Nu HTML
checker, pa11y, Lighthouse) all run over this one list. The fixture that loads the case and gives
each type's address is ``reference_pages`` in conftest.py."""

from django.conf import settings
from django.utils import translation

from claimtracker.claims.models import Evidence, Source, Statement

# Every interface language: the Nu checker and pa11y (with its axe runner) check each page type
# in each of them; the slower checks (the axe suite at phone width, Lighthouse) run in English.
LANGUAGES = [code for code, _ in settings.LANGUAGES]

# Each page type and the status it answers with: error pages are pages a reader sees too.
PAGE_TYPES = {
    "home": 200,
    "home-filtered": 200,
    "claim": 200,
    "claim-disputed": 200,
    "actor": 200,
    "people": 200,
    "topics": 200,
    "about": 200,
    "topic": 200,
    "statement": 200,
    "evidence": 200,
    "source": 200,
    "search": 200,
    "methodology": 200,
    "corrections": 200,
    "bad-filter": 400,
    "not-found": 404,
}


def page_addresses(language: str = "en") -> dict[str, str]:
    """Each page type's address (paths) in ``language``, once the reference case is loaded."""
    paths = {
        "home": "/",
        "home-filtered": "/?status=unconfirmed",
        "search": "/search/?q=Токаев",
        "bad-filter": "/?status=bogus",
        "not-found": "/claims/no-such-claim/",
        "claim": "/claims/outside-terrorists-were-main-protagonists/",
        "claim-disputed": "/claims/law-enforcement-avoided-force-in-initial-clashes/",
        "people": "/actors/",
        "topics": "/topics/",
        "about": "/about/",
        "actor": "/actors/kassym-jomart-tokayev/",
        "topic": "/topics/january-2022-events-qandy-qantar/",
        "methodology": "/methodology/",
        "corrections": "/corrections/",
    }
    addresses = {page_type: f"/{language}{path}" for page_type, path in paths.items()}
    with translation.override(language):
        addresses["statement"] = Statement.objects.published().earliest("pk").get_absolute_url()
        addresses["evidence"] = Evidence.objects.published().earliest("pk").get_absolute_url()
        addresses["source"] = Source.objects.get(
            title="Not Everyone Fits the Mold"
        ).get_absolute_url()
    return addresses
