"""Reading a page's HTML in tests the way a reader reads it."""

import re


def text_of(html: str, *, tags_as: str = "") -> str:
    """What a reader reads: tags dropped (replaced by ``tags_as``), spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", tags_as, html).split())


def element(html: str, tag: str, css_class: str) -> str:
    """The first ``<tag class="css_class…">…</tag>`` of the page, which must have one."""
    match = re.search(rf'<{tag} class="{css_class}[^"]*".*?</{tag}>', html, re.S)
    assert match, f"no <{tag} class={css_class!r}> on the page"
    return match.group(0)
