"""Text a reader can see is all there is: no invisible characters that change what it says.

A quote, a name or a reason is stored exactly as typed, markup included (pages escape it), with
one exception: characters that are invisible yet change how the rest reads or compares.

- Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) reorder what follows:
  "‮" can make a name or a reason display backwards or disguise one word as another.
- Zero-width spaces and the byte-order mark (U+200B, U+2060, U+FEFF) split a word invisibly, so
  "Tokayev" with one inside no longer matches Tokayev in search or deduplication.
- Control characters other than tab and line breaks, and NUL above all, which PostgreSQL cannot
  store in text at all.
- U+FFFD, the replacement character, which stands for bytes that could not be read: the text was
  damaged before it reached us.

Allowed, because scripts need them: left-to-right and right-to-left marks (U+200E, U+200F) and
the zero-width joiner and non-joiner (U+200C, U+200D).
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REFUSED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufffd]"
)


def validate_visible_text(value: str) -> None:
    found = REFUSED.search(value)
    if found is None:
        return
    character = found.group()
    raise ValidationError(
        _(
            "This text contains an invisible character, %(code)s %(name)s, at position "
            "%(position)s. Remove it: it changes how the text reads or is searched."
        ),
        code="invisible_character",
        params={
            "code": f"U+{ord(character):04X}",
            "name": unicodedata.name(character, "CONTROL CHARACTER"),
            "position": found.start() + 1,
        },
    )
