// One Chromium for the validators that drive a browser (pa11y, Lighthouse): Debian's chromium (CHROME_PATH),
// with the flags of tests/browser/conftest.py, never a browser of puppeteer's own.
import puppeteer from "puppeteer";

export const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launch() {
  return puppeteer.launch({ executablePath: process.env.CHROME_PATH, args: FLAGS, headless: true });
}

// A new page in the given colour scheme ("light" or "dark").
export async function pageIn(browser, scheme) {
  const page = await browser.newPage();
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
  return page;
}

// The job from the JSON file named first on the command line: {base, pages, schemes, widths}.
export async function job() {
  const { readFile } = await import("node:fs/promises");
  return JSON.parse(await readFile(process.argv[2], "utf-8"));
}
