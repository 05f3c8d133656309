from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Readers' reports of errors in published records, and the editors' queue of them.

    Kept out of the ``claims`` app on purpose: a report is not part of the record, so writing
    one must not bump the record's revision (which every public page's ETag follows) nor enter
    its audit trail.
    """

    name = "claimtracker.reports"
    label = "reports"
    verbose_name = _("Error reports")
