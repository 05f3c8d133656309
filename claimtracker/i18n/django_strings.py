"""Django's own strings that public pages show, marked here so makemessages copies them into our
catalogs: Django ships no Kazakh in Latin script, and its Kazakh writes months with a capital.

Month names (dates: "3 желтоқсан 2026 ж."), the units of timesince ("since 2022, 2 years") and
the names of the languages a record is in (an actor's names, "Kazakh, primary").
Nothing imports this module; it exists for makemessages. docs/i18n.md.
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]
# The month as it stands after a day number ("3 декабря", "3 желтоқсан"): DATE_FORMAT's "E".
MONTHS_AFTER_A_DAY = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
# django.utils.timesince.TIME_STRINGS, word for word.
TIME_STRINGS = [
    ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
]
# LANG_INFO's names, as the language_name filter shows them (claimtracker/web/templatetags).
LANGUAGE_NAMES = [
    gettext_noop("English"),
    gettext_noop("Russian"),
    gettext_noop("Kazakh"),
    gettext_noop("Kazakh (Latin script)"),
]
