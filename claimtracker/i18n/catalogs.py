"""Reading and writing gettext catalogs (.po) just enough to generate one from another.

Kazakh in Latin script is never translated by hand: its catalog is Kazakh's, every translation
run through the 2021 transliteration (management command ``transliterate_catalog``,
docs/i18n.md). The msgids, comments and plural forms stay as they are.
"""

import re
from collections.abc import Callable
from pathlib import Path

QUOTED = re.compile(r'^(?P<head>(?:msgstr(?:\[\d+\])?\s+)?)"(?P<text>.*)"\s*$')


def unescape(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def convert_translations(source: str, convert: Callable[[str], str], language: str) -> str:
    """The catalog ``source`` with every msgstr passed through ``convert``.

    The header entry (msgid "") keeps its fields, except Language, which becomes ``language``.
    """
    out: list[str] = []
    in_msgstr = False
    in_msgid = False
    in_header = False
    for line in source.splitlines():
        if line.startswith("msgid "):
            in_header = line.strip() == 'msgid ""'
            in_msgid = True
        elif in_msgid and line.startswith('"'):
            # A long msgid wrapped over lines also starts with msgid "": not the header.
            in_header = False
        if line.startswith(("msgid", "msgctxt", "#")) or not line.strip():
            in_msgstr = False
        elif line.startswith("msgstr"):
            in_msgstr = True
            in_msgid = False
        match = QUOTED.match(line)
        if in_msgstr and match:
            text = unescape(match["text"])
            if in_header:
                text = re.sub(r"^Language: .*$", f"Language: {language}", text, flags=re.M)
            else:
                text = convert(text)
            line = f'{match["head"]}"{escape(text)}"'
        out.append(line)
    return "\n".join(out) + "\n"


def convert_file(source: Path, target: Path, convert: Callable[[str], str], language: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(convert_translations(source.read_text(), convert, language))


type CatalogKey = str | tuple[str, int]


def read_catalog(text: str) -> dict[CatalogKey, str]:
    """A .po file's translations keyed as Python's gettext keys a compiled .mo: "msgid",
    "context\\x04msgid", and (msgid, n) for the n-th plural form. The header is left out."""
    catalog: dict[CatalogKey, str] = {}
    fields: dict[str, str] = {}
    current = ""

    def flush() -> None:
        msgid = fields.get("msgid", "")
        if msgid:
            if "msgctxt" in fields:
                msgid = f"{fields['msgctxt']}\x04{msgid}"
            for name, value in fields.items():
                if name == "msgstr":
                    catalog[msgid] = value
                elif name.startswith("msgstr["):
                    catalog[(msgid, int(name[7:-1]))] = value
        fields.clear()

    for line in [*text.splitlines(), ""]:
        if not line.strip():
            flush()
            continue
        if line.startswith("#"):
            continue
        head, _, rest = line.partition(" ")
        if line.startswith('"'):
            fields[current] += unescape(line.strip()[1:-1])
        else:
            current = head
            fields[current] = unescape(rest.strip()[1:-1])
    return catalog
