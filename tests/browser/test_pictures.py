"""The pictures in a real browser (issue 14, item 4): they fit a 320px screen, the claim's
timeline reads as an image with its statuses, and its table opens without JavaScript."""

import re

import pytest
from playwright.sync_api import ViewportSize, expect

from tests.browser.test_public_pages import NARROWEST, blocking_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("page_type", "picture"),
    [("claim-disputed", "claim"), ("actor", "scorecard"), ("topic", "topic")],
)
def test_each_picture_fits_the_narrowest_screen(new_page, reference_pages, page_type, picture):
    page = new_page()
    page.set_viewport_size(NARROWEST)
    page.goto(reference_pages[page_type])

    figure = page.locator(f"figure.picture--{picture}")
    image = figure.get_by_role("img")
    expect(image).to_be_visible()
    box = image.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= NARROWEST["width"]
    assert box["height"] > 60  # drawn, not collapsed


def test_the_claims_timeline_is_an_image_named_by_its_statuses_with_a_table(
    new_page, reference_pages
):
    page = new_page()
    page.set_viewport_size(ViewportSize(width=1280, height=900))
    page.goto(reference_pages["claim-disputed"])

    image = page.get_by_role("img", name="Status timeline")
    expect(image).to_have_accessible_description(
        # The description names each status with its dates, then counts the marks.
        "No status yet until 11 January 2024; Disputed since 11 January 2024; "
        "Statements: 1; Evidence: 1; Status changes: 1."
    )
    table = page.locator("figure.picture--claim + details table")
    expect(table).to_be_hidden()
    page.get_by_text("Show as a table").first.click()
    expect(table).to_be_visible()
    expect(table).to_contain_text("Disputed since 11 January 2024")
    assert blocking_violations(page) == []


# For each text of the pictures: its colour, and the colour painted under the middle of it (the
# first filled shape below it, else the first HTML background). Automated checkers cannot tell
# what lies under SVG text (axe reports it "needs review"), so this test measures it.
TEXT_COLOURS = """
() => {
  const painted = (element) => {
    const style = getComputedStyle(element);
    if (element instanceof SVGGeometryElement) {
      return style.fill !== "none" && Number(style.fillOpacity) > 0 ? style.fill : null;
    }
    if (element instanceof SVGElement) return null;
    const background = style.backgroundColor;
    return background === "rgba(0, 0, 0, 0)" || background === "transparent" ? null : background;
  };
  return [...document.querySelectorAll("svg.picture__svg text")].map((text) => {
    const box = text.getBoundingClientRect();
    const under = document.elementsFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    const below = under.slice(under.indexOf(text) + 1).map(painted).find(Boolean);
    return [text.textContent, getComputedStyle(text).fill, below || "rgb(255, 255, 255)"];
  });
}
"""


def luminance(colour: str) -> float:
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", colour)[:3])

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("page_type", ["claim-disputed", "actor", "topic"])
def test_every_text_in_the_pictures_contrasts_at_least_4_5_to_1_with_what_lies_under_it(
    new_page, reference_pages, page_type
):
    page = new_page()
    page.set_viewport_size(ViewportSize(width=1280, height=900))
    page.goto(reference_pages[page_type])

    texts = page.evaluate(TEXT_COLOURS)

    assert len(texts) >= 3
    too_faint = [
        (text, colour, under, round(contrast(colour, under), 2))
        for text, colour, under in texts
        if contrast(colour, under) < 4.5
    ]
    assert too_faint == []
