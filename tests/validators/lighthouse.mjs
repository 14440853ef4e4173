// Lighthouse's accessibility category on every page of the job, in each colour scheme and window width, one
// page at a time in one Chromium. Prints {"<scheme> <width> <page>": {score, failed: [audit ids]}} as JSON.
// Run by tests/browser/test_browser_validators.py.
import lighthouse from "lighthouse";
import { pageFunctions } from "lighthouse/core/lib/page-functions.js";
import { job, launch, pageIn } from "./browser.mjs";

// Before every page Lighthouse measures the machine's speed for a second (BenchmarkIndex, a busy loop in the
// page), whatever the categories; only its performance scores and a slow-machine warning read the figure. The
// accessibility category does not, so the loop is replaced by a constant, and every result below must carry
// that constant: a Lighthouse that no longer takes the replacement stops this script instead of running slowly.
const NOT_MEASURED = -1;
pageFunctions.computeBenchmarkIndex = function computeBenchmarkIndex() {
  return -1;
};

const { base, pages, schemes, widths } = await job();
const browser = await launch();
const found = {};
try {
  for (const scheme of schemes) {
    for (const width of widths) {
      const mobile = width < 800;
      const flags = {
        output: "json",
        logLevel: "error",
        onlyCategories: ["accessibility"],
        formFactor: mobile ? "mobile" : "desktop",
        screenEmulation: { mobile, width, height: mobile ? 640 : 900, deviceScaleFactor: 1, disabled: false },
        // "simulate" throttles nothing in the browser; it only models the performance metrics afterwards, and
        // the accessibility category has none. Any other method makes Lighthouse wait at least 5.25 s after
        // first paint, after load and for a quiet network and CPU on every page, whatever is set below
        // (overrideThrottlingWindows in lighthouse/core/config/config.js): about 7 s a page for nothing.
        throttlingMethod: "simulate",
        disableFullPageScreenshot: true,
        // A static site on loopback: no need to wait for the network or the CPU to go quiet.
        skipAboutBlank: true,
        pauseAfterFcpMs: 0,
        pauseAfterLoadMs: 0,
        networkQuietThresholdMs: 0,
        cpuQuietThresholdMs: 0,
      };
      for (const rel of pages) {
        const page = await pageIn(browser, scheme);
        const { lhr } = await lighthouse(base + rel, flags, undefined, page);
        if (lhr.environment.benchmarkIndex !== NOT_MEASURED) {
          throw new Error(`Lighthouse ${lhr.lighthouseVersion} measured the machine (BenchmarkIndex) after all`);
        }
        const audits = Object.values(lhr.audits);
        found[`${scheme} ${width} ${rel}`] = {
          score: lhr.categories.accessibility.score,
          failed: audits.filter((a) => a.score === 0 && a.scoreDisplayMode === "binary").map((a) => a.id),
          scheme: await page.evaluate(() => document.body.getAttribute("data-md-color-scheme")),
        };
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(found));
