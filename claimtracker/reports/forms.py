from __future__ import annotations

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from claimtracker.reports.models import PROBLEM_MAX_LENGTH


class ErrorReportForm(forms.Form):
    problem = forms.CharField(
        label=_("What is wrong?"),
        max_length=PROBLEM_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say what is wrong and, if you can, what is right. At most 2,000 characters."),
    )
    source_url = forms.URLField(
        label=_("A source that shows it (optional)"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("The address of a page, starting with http:// or https://."),
    )
    contact_email = forms.EmailField(
        label=_("Your email (optional)"),
        required=False,
        help_text=_("Only if you would like an answer. It is never published."),
    )
