"""Every user-visible string is marked for translation, so a translated interface needs no edits.

Templates are read with Django's own template lexer. Text inside ``{% translate %}`` and
``{% blocktranslate %}`` is marked; variables are data. Everything else that reaches the reader
(text between tags, and the attributes a reader sees or hears: ``title``, ``alt``,
``aria-label``, ``placeholder``, a button's ``value``) must hold no words. Literal fallbacks in
variables (``|default:"…"``) must be ``_("…")``. Product names are not translated.

Python in ``claimtracker/web`` is checked where strings reach readers: a feed's or sitemap's
``title``/``description``, a form field's ``label``/``help_text``/``empty_label``.
"""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    [*ROOT.glob("templates/**/*.html"), *ROOT.glob("claimtracker/*/templates/**/*.html")]
)
PYTHON = sorted((ROOT / "claimtracker" / "web").glob("**/*.py"))

# Names of products, which stay as they are in every language.
PROPER_NAMES = {"ClaimTracker", "Redoc", "Swagger", "JSON", "API", "REST", "Atom"}
VISIBLE_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder", "label", "summary"}
# A stand-in for a template variable or tag inside the skeleton of a page; a variable with an
# unmarked literal fallback becomes FALLBACK, its number, FALLBACK, so the parser can tell
# whether the reader would see it (text) or not (a class name, an anchor).
HOLE = "\ufffc"
FALLBACK = "\ufffd"
FALLBACK_MARK = re.compile(FALLBACK + r"(\d+)" + FALLBACK)
WORD = re.compile(r"[^\W\d_]{2,}")
# Tags whose contents are not read as text, and tags whose contents are never checked.
NOT_TEXT = {"script", "style"}
OPENS = {"blocktranslate", "blocktrans", "comment", "verbatim"}
CLOSES = {"endblocktranslate", "endblocktrans", "endcomment", "endverbatim"}
UNMARKED_DEFAULT = re.compile(r"\|default(?:_if_none)?:(['\"])(?P<text>.*?)\1")


def words(text: str) -> list[str]:
    return [word for word in WORD.findall(text.replace(HOLE, " ")) if word not in PROPER_NAMES]


def skeleton(source: str) -> tuple[str, list[str]]:
    """The page's HTML with every template construct replaced by HOLE, and marked text removed.

    Also returns the unmarked literal fallbacks of variables, which FALLBACK marks number.
    """
    parts: list[str] = []
    literals: list[str] = []
    depth = 0
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if name in OPENS:
                depth += 1
            elif name in CLOSES:
                depth -= 1
            parts.append(HOLE)
        elif token.token_type == TokenType.COMMENT or depth:
            continue
        elif token.token_type == TokenType.VAR:
            texts = [
                m["text"] for m in UNMARKED_DEFAULT.finditer(token.contents) if words(m["text"])
            ]
            for text in texts:
                parts.append(f"{FALLBACK}{len(literals)}{FALLBACK}")
                literals.append(text)
            parts.append(HOLE)
        else:
            parts.append(token.contents)
    return "".join(parts), literals


class VisibleText(HTMLParser):
    def __init__(self, literals: list[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.literals = literals
        self.found: list[str] = []
        self.hidden_depth = 0

    def fallbacks_in(self, text: str) -> None:
        for number in FALLBACK_MARK.findall(text):
            self.found.append(f'|default:"{self.literals[int(number)]}"')

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in NOT_TEXT:
            self.hidden_depth += 1
        attributes = dict(attrs)
        for name, value in attributes.items():
            visible = name in VISIBLE_ATTRIBUTES or (
                name == "value" and attributes.get("type") in {"submit", "button", "reset"}
            )
            if visible and value:
                self.fallbacks_in(value)
                if words(value):
                    self.found.append(f'{tag}[{name}]="{readable(value)}"')

    def handle_endtag(self, tag: str) -> None:
        if tag in NOT_TEXT and self.hidden_depth:
            self.hidden_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.hidden_depth:
            return
        self.fallbacks_in(data)
        if words(data):
            self.found.append(" ".join(readable(data).split()))


def readable(text: str) -> str:
    return FALLBACK_MARK.sub("…", text).replace(HOLE, "…")


def unmarked_in_template(path: Path) -> list[str]:
    html, literals = skeleton(path.read_text())
    parser = VisibleText(literals)
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_a_template_shows_no_words_outside_translate_tags(path):
    assert unmarked_in_template(path) == [], (
        f"{path.relative_to(ROOT)} shows text not marked for translation"
    )


# Class attributes a feed or sitemap shows; keyword arguments a form field shows.
READER_FACING_ATTRIBUTES = {"title", "description"}
READER_FACING_ARGUMENTS = {"title", "description", "label", "help_text", "empty_label"}


def unmarked_in_python(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Assign):
            names = [target.id for target in node.targets if isinstance(target, ast.Name)]
            pairs = [(name, node.value) for name in names if name in READER_FACING_ATTRIBUTES]
        elif isinstance(node, ast.Call):
            pairs = [
                (keyword.arg, keyword.value)
                for keyword in node.keywords
                if keyword.arg in READER_FACING_ARGUMENTS
            ]
        else:
            continue
        for name, value in pairs:
            text = value.value if isinstance(value, ast.Constant) else None
            if isinstance(text, str) and words(text):
                found.append(f"line {value.lineno}: {name} = {text!r}")
    return found


@pytest.mark.parametrize("path", PYTHON, ids=lambda path: str(path.relative_to(ROOT)))
def test_python_in_the_public_site_marks_what_readers_see(path):
    assert unmarked_in_python(path) == [], f"{path.relative_to(ROOT)} has unmarked text"


def test_the_check_catches_bare_text_attributes_and_fallbacks():
    # The checker itself, on a template made to fail: each kind of slip is reported.
    source = (
        '{% load i18n %}<p>{% translate "Fine" %}</p><p>Not marked</p>'
        '<a title="Unmarked title" class="x--{{ kind|default:"none" }}" href="{{ url }}">'
        '{{ name|default:"nobody" }}</a>'
        "{% blocktranslate %}Marked {{ x }}{% endblocktranslate %}<p>{{ count }} · 3</p>"
    )
    html, literals = skeleton(source)
    parser = VisibleText(literals)
    parser.feed(html)

    assert parser.found == ["Not marked", 'a[title]="Unmarked title"', '|default:"nobody"']
