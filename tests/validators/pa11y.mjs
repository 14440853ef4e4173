// HTML_CodeSniffer through pa11y on every page of the job, in each colour scheme and window width.
// Prints {"<scheme> <width> <page>": [issues]} as JSON (errors only). Run by tests/validators/test_pa11y.py.
import pa11y from "pa11y";
import { job, launch, pageIn } from "./browser.mjs";

const { base, pages, schemes, widths } = await job();
const browser = await launch();
const found = {};
try {
  for (const scheme of schemes) {
    for (const width of widths) {
      for (const rel of pages) {
        const page = await pageIn(browser, scheme);
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
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(found));
