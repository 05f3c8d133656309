"""One log record, one line: user-supplied text cannot start a line of its own.

A username, a path or a header can carry a newline (``x\\nlocked out: username=admin``); written
as is, it would forge a second, convincing line in the security log that operators watch for
attacks. ``EscapeControlCharacters`` rewrites a record's message and arguments before any
handler formats them: control characters (newlines, carriage returns, escape sequences, the
Unicode line and paragraph separators, bidirectional overrides) become visible escapes such as
``\\n`` or ``\\u2028``, as Django already writes the paths it logs (a backslash is left as it
is, so a path Django escaped is not escaped twice). Tracebacks (``exc_info``) are left as
they are: the server writes them, not the client.

settings.LOGGING attaches the filter to the ``claimtracker.security`` logger (every handler that
receives its lines, whoever configures them) and to the console handler (every line the
process prints, from Django's loggers or a library's).
"""

from __future__ import annotations

import logging
import numbers
import unicodedata
from collections.abc import Mapping
from typing import Any

# Set on a record once escaped, so a record passing a filtered logger and then a filtered
# handler is scanned once.
ESCAPED = "claimtracker_escaped"
# Control characters (Cc: newline, carriage return, escape…), line and paragraph separators,
# and format characters (Cf: bidirectional overrides that make a name display reversed).
ESCAPED_CATEGORIES = {"Cc", "Zl", "Zp", "Cf"}


def escape(text: str) -> str:
    """``text`` with every control character as its escape."""
    if text.isprintable():
        return text  # the common case, checked in C
    return "".join(escape_character(character) for character in text)


def escape_character(character: str) -> str:
    if unicodedata.category(character) in ESCAPED_CATEGORIES:
        return character.encode("unicode_escape").decode("ascii")
    return character


def escape_argument(value: Any) -> Any:
    # Numbers stay numbers, so %d and %.2f still format them; anything else is logged as text.
    if value is None or isinstance(value, numbers.Number):
        return value
    return escape(value if isinstance(value, str) else str(value))


class EscapeControlCharacters(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, ESCAPED, False):
            return True
        if isinstance(record.msg, str):
            record.msg = escape(record.msg)
        if isinstance(record.args, Mapping):
            record.args = {key: escape_argument(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(escape_argument(value) for value in record.args)
        setattr(record, ESCAPED, True)
        return True
