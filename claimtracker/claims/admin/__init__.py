"""The curation admin: journalists log, fact-checkers assess and publish, editors oversee.

What each role may do is decided by ``roles.PERMISSIONS`` and by the services; the admin only
hides what a role cannot use, and hands every write to a service (``base.ServiceAdmin``).
History is shown read-only to everyone, superusers included. One module per kind of record.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from claimtracker.claims.admin import (  # noqa: F401  (each module registers its admins)
    actors,
    claims,
    corrections,
    evidence,
    links,
    sources,
    statements,
    topics,
)

admin.site.site_header = _("ClaimTracker curation")
admin.site.site_title = _("ClaimTracker curation")
admin.site.index_title = _("Statements, claims and evidence")
# The public site has no front page yet ("/" leads back here); records link to their own pages.
admin.site.site_url = None
