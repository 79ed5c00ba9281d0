// End-to-end test of the page of copydesk serve in headless Chromium:
// paste a story, see a finding, reject one change, copy the clean text.
// Usage: node page.cjs URL STORY_FILE
// Prints one JSON object for the Go test (TestServePageInChromium) to check.
"use strict";
const fs = require("fs");
const { chromium } = require("playwright-core");

async function main() {
  const [url, storyFile] = process.argv.slice(2);
  const story = fs.readFileSync(storyFile, "utf8");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const errors = [];
  const outside = [];
  try {
    const context = await browser.newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(url).origin });
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("request", (r) => { if (!r.url().startsWith(url)) outside.push(r.url()); });
    await page.goto(url);
    await page.waitForSelector("html[data-copydesk-ready='1']");

    // Paste the story and check it.
    await page.fill("#text", story);
    await page.click("#check");
    await page.waitForSelector("#report .chg");
    const status = await page.textContent("#status");
    // A finding, with its reason beside the change.
    const firstNote = await page.textContent("#report .chg .note");
    const groups = await page.$$eval("#report details.group", (ds) => ds.map((d) => d.getAttribute("data-rule")));
    const changes = await page.$$eval("#report .chg", (cs) => cs.length);

    // Reject the first change.
    const first = await page.$("#report .chg");
    const firstRule = await first.getAttribute("data-rule");
    await first.$eval("button.decide", (b) => b.click());
    const rejected = await first.evaluate((c) => c.classList.contains("rejected"));
    const button = await first.$eval("button.decide", (b) => b.textContent);
    if (process.env.SHOT) { await page.screenshot({ path: process.env.SHOT, fullPage: true }); }

    // Copy the clean text.
    await page.click("#copy");
    await page.waitForFunction(() => document.getElementById("copied").textContent !== "");
    const clean = await page.inputValue("#clean");
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());

    console.log(JSON.stringify({ status, firstNote, groups, changes, firstRule, rejected, button, clean, clipboard, errors, outside }));
  } finally {
    await browser.close();
  }
}

main().catch((e) => { console.error(e && e.stack || String(e)); process.exit(1); });
