"""The readable text of a captured page, and the one normalisation quotes are compared under."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Not text a reader sees.
SKIPPED = {"script", "style", "noscript", "template", "head", "svg"}
BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}
WHITESPACE = re.compile(r"\s+")
# Typographic quote marks and their plain forms: a quote typed with "straight" marks still
# matches a page printing “curly” ones. Nothing else is normalised (no case, no accents).
QUOTE_MARKS = str.maketrans(
    {
        # double: “ ” „ ‟ « »
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        # single: left, right, low-9, reversed-9 and angle quotation marks
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2039": "'", "\u203a": "'",
    }
)  # fmt: skip


class TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skipping += 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED and self.skipping:
            self.skipping -= 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def decode(body: bytes, content_type: str) -> str:
    match = re.search(r"charset=([\w-]+)", content_type, re.IGNORECASE)
    encoding = match.group(1) if match else "utf-8"
    try:
        return body.decode(encoding, errors="replace")
    except LookupError:  # an unknown charset name
        return body.decode("utf-8", errors="replace")


def extract_text(body: bytes, content_type: str) -> str:
    """The page's visible text, one block a line; plain text is returned as it is."""
    decoded = decode(body, content_type)
    if content_type.split(";")[0].strip().lower() == "text/plain":
        return decoded
    extractor = TextExtractor()
    extractor.feed(decoded)
    extractor.close()
    lines = (WHITESPACE.sub(" ", line).strip() for line in "".join(extractor.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def normalise(text: str) -> str:
    """Whitespace runs become one space and quote marks their plain forms; nothing else."""
    return WHITESPACE.sub(" ", text.translate(QUOTE_MARKS)).strip()


def find_quote(quote: str, text: str) -> tuple[int, str] | None:
    """Where ``quote`` starts in the normalised ``text``, and the text around it; or None."""
    needle = normalise(quote)
    haystack = normalise(text)
    if not needle:
        return None
    position = haystack.find(needle)
    if position < 0:
        return None
    start = max(0, position - 80)
    end = min(len(haystack), position + len(needle) + 80)
    return position, haystack[start:end]
