// HTML_CodeSniffer through pa11y on every page of the job, in each colour scheme and window width.
// Prints {"<scheme> <width> <page>": [issues]} as JSON (errors only).
// Run by tests/browser/test_browser_validators.py.
// A page's test is mostly waiting for it to load and go quiet, so CONCURRENCY pages are tested at once, each in
// a page of its own in the one Chromium.
import pa11y from "pa11y";
import { job, launch, pageIn } from "./browser.mjs";

const CONCURRENCY = 4;
const { base, pages, schemes, widths } = await job();
const tasks = schemes.flatMap((scheme) => widths.flatMap((width) => pages.map((rel) => ({ scheme, width, rel }))));
const browser = await launch();
const found = {};

async function test({ scheme, width, rel }) {
  const page = await pageIn(browser, scheme);
  try {
    const result = await pa11y(base + rel, {
      browser,
      page,
      runners: ["htmlcs"],
      standard: "WCAG2AA",
      includeNotices: false,
      includeWarnings: false,
      viewport: { width, height: 800 },
      timeout: 60000,
    });
    found[`${scheme} ${width} ${rel}`] = result.issues
      .filter((issue) => issue.type === "error")
      .map((issue) => ({ code: issue.code, selector: issue.selector, message: issue.message }));
  } finally {
    await page.close();
  }
}

try {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await test(tasks[next++]);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
} finally {
  await browser.close();
}
// In the job's order, whatever order the pages finished in.
const ordered = Object.fromEntries(tasks.map(({ scheme, width, rel }) => [`${scheme} ${width} ${rel}`, found[`${scheme} ${width} ${rel}`]]));
process.stdout.write(JSON.stringify(ordered));
