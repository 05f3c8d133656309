// pa11y drives a browser through Puppeteer. Never download one: the checks use Debian's chromium
// (/usr/bin/chromium), as the browser tests do (tests/browser/test_validators.py).
module.exports = { skipDownload: true };
