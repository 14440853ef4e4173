// HTML_CodeSniffer through pa11y on every page of the job, at each window width and in each colour scheme.
// Prints {"<scheme> <width> <page>": {scheme, issues}} as JSON: the palette the page showed when it was tested
// (the job's palettes name them) and its errors.
// Run by tests/browser/test_browser_validators.py.
//
// A page is loaded once per width, in a browser context of its own (the theme keeps the reader's last scheme in
// local storage), in the first scheme; the next scheme is switched to in place through the theme's palette
// control, as the reader's click on the toggle does. Only the palette's colours differ between schemes (the site's
// CSS reads no colour-scheme media query, and test_browser_pages.py checks on every page that the markup is the
// same), so this tests what a fresh load in that scheme would, without loading the page again. CONCURRENCY pages
// are tested at once: much of a load is waiting for the network to go quiet.
import pa11y from "pa11y";
import { job, launch } from "./browser.mjs";

const CONCURRENCY = 4;
const { base, pages, schemes, widths, palettes } = await job();
const tasks = widths.flatMap((width) => pages.map((rel) => ({ width, rel })));
const browser = await launch();
const found = {};

// The system setting and the theme's palette control (a radio input per palette, which the toggle's label checks)
// both set to the scheme; then wait until the page shows that palette and has finished switching (the theme marks
// the body while it does).
async function showScheme(page, scheme) {
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
  await page.evaluate((palette) => {
    const input = document.querySelector(`[data-md-component=palette] input[data-md-color-scheme="${palette}"]`);
    input.checked = true;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }, palettes[scheme]);
  await page.waitForFunction(
    (palette) =>
      document.body.getAttribute("data-md-color-scheme") === palette &&
      !document.body.hasAttribute("data-md-color-switching"),
    { timeout: 10000 },
    palettes[scheme],
  );
}

async function test({ width, rel }) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const viewport = { width, height: 800 };
    await page.setViewport(viewport);
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: schemes[0] }]);
    await page.goto(base + rel, { waitUntil: "networkidle2", timeout: 60000 });
    for (const scheme of schemes) {
      if (scheme !== schemes[0]) await showScheme(page, scheme);
      const result = await pa11y(base + rel, {
        browser,
        page,
        ignoreUrl: true, // loaded above
        runners: ["htmlcs"],
        standard: "WCAG2AA",
        includeNotices: false,
        includeWarnings: false,
        viewport,
        timeout: 60000,
      });
      found[`${scheme} ${width} ${rel}`] = {
        scheme: await page.evaluate(() => document.body.getAttribute("data-md-color-scheme")),
        issues: result.issues
          .filter((issue) => issue.type === "error")
          .map((issue) => ({ code: issue.code, selector: issue.selector, message: issue.message })),
      };
    }
  } finally {
    await context.close();
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
const keys = schemes.flatMap((scheme) => widths.flatMap((width) => pages.map((rel) => `${scheme} ${width} ${rel}`)));
process.stdout.write(JSON.stringify(Object.fromEntries(keys.map((key) => [key, found[key]]))));
