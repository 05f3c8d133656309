// pa11y over the given page addresses, in one Debian chromium (never a downloaded browser), with
// both of its rule sets: HTML_CodeSniffer (WCAG 2 AA) and axe. Prints one JSON object: each
// address and the errors found there. Called by tests/browser/test_validators.py.
import pa11y from "pa11y";
import puppeteer from "puppeteer";

const CHROMIUM_ARGS = JSON.parse(process.env.CHROMIUM_ARGS);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM,
  args: CHROMIUM_ARGS,
  headless: true,
});
const found = {};
try {
  for (const url of process.argv.slice(2)) {
    // A fresh page per address, so no state is carried from one page to the next.
    const page = await browser.newPage();
    const result = await pa11y(url, {
      browser,
      page,
      runners: ["htmlcs", "axe"],
      standard: "WCAG2AA",
      // What axe cannot decide ("needs review": the colour under SVG text, say) is a warning,
      // not an error; tests/browser/test_pictures.py measures the pictures' text contrast.
      levelCapWhenNeedsReview: "warning",
      includeWarnings: false,
      includeNotices: false,
      // Error pages (400, 404) are pages a reader sees too: check them rather than stop.
      ignoreUrlErrors: true,
      timeout: 60000,
    });
    found[url] = result.issues.map((issue) => ({
      code: issue.code,
      message: issue.message,
      selector: issue.selector,
      runner: issue.runner,
    }));
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(found));
