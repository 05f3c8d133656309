"""The public "Report an error" form: no account, CSRF-protected, a few reports an hour.

The form page is the only public page that sets a cookie (Django's CSRF cookie, which the
form's token is checked against); record pages only link to it. It is never cached.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from claimtracker.claims.models.base import Publishable
from claimtracker.clients import client_address
from claimtracker.reports import limits, services
from claimtracker.reports.forms import ErrorReportForm
from claimtracker.reports.models import RECORD_MODELS, RecordKind


def published_record(kind: str, pk: int) -> Publishable:
    """The published record a report is about; drafts and unknown kinds are not found."""
    model = RECORD_MODELS.get(kind)
    if model is None:
        raise Http404
    record = model._default_manager.published().filter(pk=pk).first()  # type: ignore[attr-defined]
    if record is None:
        raise Http404
    return record  # type: ignore[no-any-return]


def _limited(request: HttpRequest, record: Publishable) -> HttpResponse:
    response = render(request, "reports/limited.html", {"record": record}, status=429)
    response["Retry-After"] = str(limits.WINDOW_SECONDS)
    return response


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def report_error(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = published_record(kind, pk)
    address = client_address(request)
    if request.method == "POST":
        form = ErrorReportForm(request.POST)
        with limits.one_sender_at_a_time(address):
            if limits.reports_left(address) == 0:
                return _limited(request, record)
            if form.is_valid():
                data = form.cleaned_data
                services.report_create(record_kind=RecordKind(kind), record_id=pk, **data)
                limits.count_report(address)
                return HttpResponseRedirect(reverse("reports:thanks", args=[kind, pk]))
        status = 400
    else:
        form = ErrorReportForm()
        status = 200
    context = {"record": record, "kind": RecordKind(kind), "form": form}
    return render(request, "reports/report_form.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def report_thanks(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = published_record(kind, pk)
    return render(request, "reports/thanks.html", {"record": record})
