// Lighthouse's accessibility category over the given page addresses, in one Debian chromium
// (never a downloaded browser). Prints one JSON object: each address, its score (0 to 1) and the
// audits that did not pass. Called by tests/browser/test_validators.py.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM,
  chromeFlags: JSON.parse(process.env.CHROMIUM_ARGS),
});
const found = {};
try {
  for (const url of process.argv.slice(2)) {
    const result = await lighthouse(url, {
      port: chrome.port,
      onlyCategories: ["accessibility"],
      output: "json",
      logLevel: "error",
    });
    const { lhr } = result;
    const failing = lhr.categories.accessibility.auditRefs
      .map((ref) => lhr.audits[ref.id])
      .filter((audit) => audit.score !== null && audit.score < 1)
      .map((audit) => `${audit.id}: ${audit.title}`);
    found[url] = {
      score: lhr.categories.accessibility.score,
      failing,
      runtimeError: lhr.runtimeError ? lhr.runtimeError.message : null,
    };
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(found));
