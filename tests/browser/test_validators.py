"""Every public page type through the three checkers issue 14 names, with the reference case
loaded: the Nu HTML checker (the W3C's validator, also over our CSS and SVG), pa11y (its
HTML_CodeSniffer WCAG 2 AA rules and axe) and Lighthouse's accessibility category (100).

All three are pinned in package-lock.json (`npm ci` in `make test`) and run on this machine: the
Nu checker on Java (Debian's default-jre-headless), pa11y and Lighthouse in Debian's chromium,
never a browser a tool downloads (.puppeteerrc.cjs; npm runs no install scripts). Each tool starts
once and checks every page, since starting a JVM or a browser costs more than a page.
"""

import json
import os
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


@pytest.fixture
def page_urls(live_server, reference_pages) -> dict[str, str]:
    return {page_type: live_server.url + path for page_type, path in reference_pages.items()}


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
    for page_type, url in page_urls.items():
        status, html = fetch(url)
        assert status == PAGE_TYPES[page_type], page_type
        files.append(tmp_path / f"{page_type}.html")
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
        if message["type"] != "info" or message.get("subType") == "warning"
    ]
    assert problems == []
    assert result.returncode == 0


def test_pa11y_finds_nothing_on_any_page_type(page_urls):
    found = node_tool("pa11y_pages.mjs", list(page_urls.values()))

    problems = {
        page_type: [f"{issue['runner']} {issue['code']}: {issue['selector']}" for issue in issues]
        for page_type, url in page_urls.items()
        if (issues := found[url])
    }
    assert problems == {}


def test_lighthouse_scores_every_page_type_100_for_accessibility(page_urls):
    # Lighthouse audits only pages that answer 200; axe, pa11y and the Nu checker cover the
    # error pages.
    page_urls = {kind: url for kind, url in page_urls.items() if PAGE_TYPES[kind] == 200}
    found = node_tool("lighthouse_pages.mjs", list(page_urls.values()))

    scores = {page_type: found[url]["score"] for page_type, url in page_urls.items()}
    failing = {page_type: found[url]["failing"] for page_type, url in page_urls.items()}
    errors = {url: result["runtimeError"] for url, result in found.items()}
    assert errors == dict.fromkeys(found)
    assert failing == {page_type: [] for page_type in page_urls}
    assert scores == dict.fromkeys(page_urls, 1)
