"""Every public page type through the three checkers issue 14 names, with the reference case
loaded: the Nu HTML checker (the W3C's validator, also over our CSS and SVG), pa11y (its
HTML_CodeSniffer WCAG 2 AA rules and axe) and Lighthouse's accessibility category (100). The Nu
checker and pa11y check every page type in each interface language (English, Russian, Kazakh in
Cyrillic and in Latin script); Lighthouse, the slowest, the English pages.

All three are pinned in package-lock.json (`npm ci` in `make test`) and run on this machine: the
Nu checker on Java (Debian's default-jre-headless), pa11y and Lighthouse in Debian's chromium,
never a browser a tool downloads (.puppeteerrc.cjs; npm runs no install scripts). Each tool starts
once and checks every page, since starting a JVM or a browser costs more than a page.
"""

import json
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.reference_pages import PAGE_TYPES

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(__file__).parent / "tools"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Files the pages load that the Nu checker reads as well.
STATIC_CHECKED = [ROOT / "static" / "css" / "site.css", ROOT / "static" / "img" / "favicon.svg"]
TOOL_TIMEOUT_S = 600
# The checker guesses a page's language from its words and knows no Kazakh in Latin script, whose
# 2021 alphabet (ş, ğ, ü, ö) it takes for Turkish; lang="kk-Latn" is the right tag (BCP 47:
# Kazakh, Latin script). Every other guess, on every other page, still counts.
KAZAKH_LATIN_TAKEN_FOR_TURKISH = re.compile(
    r"appears to be written in Turkish but the .html. start tag has .lang=\"kk-Latn\"."
)


@pytest.fixture
def page_urls(live_server, reference_pages_in_every_language) -> dict[str, str]:
    """Each page type in each language, keyed "<language> <page type>"."""
    return {key: live_server.url + path for key, path in reference_pages_in_every_language.items()}


def page_type(key: str) -> str:
    return key.split(" ", 1)[1]


def fetch(url: str) -> tuple[int, str]:
    """The page as a reader's browser receives it, error pages included."""
    url = urllib.parse.quote(url, safe=":/?=&%")
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the live server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def run_tool(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - fixed commands over the live server's addresses
        command,
        capture_output=True,
        text=True,
        timeout=TOOL_TIMEOUT_S,
        cwd=ROOT,
        env={**os.environ, "CHROMIUM": CHROMIUM, "CHROMIUM_ARGS": json.dumps(CHROMIUM_ARGS)},
    )


def node_tool(script: str, urls: list[str]) -> dict[str, Any]:
    if not shutil.which("node"):
        pytest.fail("Node.js is missing: apt-get install nodejs npm (or run `make test`)")
    result = run_tool(["node", str(TOOLS / script), *urls])
    assert result.returncode == 0, result.stderr[-3000:]
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def test_every_page_type_is_valid_html_with_valid_css_and_svg(page_urls, tmp_path):
    java = shutil.which("java")
    if not java:
        pytest.fail("Java is missing for the Nu HTML checker: apt-get install default-jre-headless")
    files = []
    for key, url in page_urls.items():
        status, html = fetch(url)
        assert status == PAGE_TYPES[page_type(key)], key
        files.append(tmp_path / f"{key.replace(' ', '-')}.html")
        files[-1].write_text(html)

    result = run_tool(
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--stdout",
            "--also-check-css",
            "--also-check-svg",
            *map(str, files + STATIC_CHECKED),
        ]
    )

    messages = json.loads(result.stdout)["messages"]
    # Errors and warnings both: "info" messages with no subType are only notes.
    problems = [
        f"{Path(message.get('url', '')).name}:{message.get('lastLine')}: {message['message']}"
        for message in messages
        if (message["type"] != "info" or message.get("subType") == "warning")
        and not KAZAKH_LATIN_TAKEN_FOR_TURKISH.search(message["message"])
    ]
    assert problems == []
    assert result.returncode == 0


def test_pa11y_finds_nothing_on_any_page_type(page_urls):
    found = node_tool("pa11y_pages.mjs", list(page_urls.values()))

    problems = {
        key: [f"{issue['runner']} {issue['code']}: {issue['selector']}" for issue in issues]
        for key, url in page_urls.items()
        if (issues := found[url])
    }
    assert problems == {}


def test_lighthouse_scores_every_page_type_100_for_accessibility(page_urls):
    # Lighthouse audits only pages that answer 200; axe, pa11y and the Nu checker cover the
    # error pages, and the other languages.
    page_urls = {
        page_type(key): url
        for key, url in page_urls.items()
        if key.startswith("en ") and PAGE_TYPES[page_type(key)] == 200
    }
    found = node_tool("lighthouse_pages.mjs", list(page_urls.values()))

    scores = {page_type: found[url]["score"] for page_type, url in page_urls.items()}
    failing = {page_type: found[url]["failing"] for page_type, url in page_urls.items()}
    errors = {url: result["runtimeError"] for url, result in found.items()}
    assert errors == dict.fromkeys(found)
    assert failing == {page_type: [] for page_type in page_urls}
    assert scores == dict.fromkeys(page_urls, 1)
