// Browser suite: serves a built site under a sub-path on 127.0.0.1 and
// drives headless Chromium through what a reader does. Usage:
//   node tests/browser/run.mjs SITE_DIR [SCREENSHOT_DIR]
// SITE_DIR must be built with --base-url http://127.0.0.1/archive/ (any host:
// only the /archive/ path matters). Prints "N passed, N failed" at the end and
// exits non-zero on any failure.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const [siteDir, shotDir] = process.argv.slice(2);
if (!siteDir) {
  console.error("usage: node run.mjs SITE_DIR [SCREENSHOT_DIR]");
  process.exit(2);
}
const BASE = "/archive/";
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv", ".svg": "image/svg+xml", ".png": "image/png",
};

// A static server that only answers under BASE, as GitHub Pages would for a
// project site; anything else is a 404, so a link that forgets the base
// path fails here.
const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  let p = decodeURIComponent(url.pathname);
  if (!p.startsWith(BASE)) { res.writeHead(404); res.end("outside base path"); return; }
  p = path.normalize(p.slice(BASE.length));
  if (p.startsWith("..")) { res.writeHead(403); res.end(); return; }
  let file = path.join(siteDir, p);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  fs.readFile(file, (err, body) => {
    if (err) {
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      res.end(fs.existsSync(path.join(siteDir, "404.html")) ? fs.readFileSync(path.join(siteDir, "404.html")) : "404");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(body);
  });
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;
const site = (p) => origin + BASE + p;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"],
});

let passed = 0, failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(e && e.stack || e).split("\n").slice(0, 4).join("\n     ")}`);
  }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

async function page(width = 1280) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  const p = await ctx.newPage();
  const errors = [];
  p.on("pageerror", (e) => errors.push(String(e)));
  p.on("response", (r) => { if (r.status() >= 400 && !r.url().endsWith("favicon.ico")) errors.push(`${r.status()} ${r.url()}`); });
  p.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) errors.push(`external request ${r.url()}`); });
  return { p, ctx, errors };
}

const articles = JSON.parse(fs.readFileSync(path.join(siteDir, "du-lieu/articles.json"), "utf8")).articles;
const withFacts = articles.find((a) => a.people.length > 0 && a.event) || articles[0];

await check("search 'dong da' finds the Đống Đa articles, title hits first", async () => {
  const { p, ctx, errors } = await page();
  await p.goto(site("tim-kiem/?q=dong%20da"));
  await p.waitForSelector("#search-results li a", { timeout: 5000 });
  const titles = await p.$$eval("#search-results li h2 a", (as) => as.map((a) => a.textContent));
  const dongDa = articles.filter((a) => a.districts[0] === "Đống Đa").map((a) => a.title);
  assert(dongDa.length > 0, "no Đống Đa article in the build");
  for (const t of dongDa) assert(titles.includes(t), `missing ${t} in ${JSON.stringify(titles)}`);
  assert(dongDa.includes(titles[0]), `first hit is not a Đống Đa article: ${titles[0]}`);
  const marks = await p.$$eval("#search-results mark", (ms) => ms.map((m) => m.textContent));
  assert(marks.some((m) => /đ[ốo]ng/i.test(m)), `no highlighted match: ${marks}`);
  for (const q of ["Đống Đa", "đong đa", "Dong Da"]) {
    await p.fill("#search-q", q);
    await p.press("#search-q", "Enter");
    await p.waitForFunction((t) => [...document.querySelectorAll("#search-results li h2 a")].some((a) => a.textContent === t), dongDa[0], { timeout: 5000 });
  }
  assert(errors.length === 0, errors.join("; "));
  await ctx.close();
});

await check("a sidebar fact links to its sentence, which is highlighted", async () => {
  const { p, ctx, errors } = await page();
  await p.goto(site(withFacts.url));
  const link = await p.$("aside a[href*='#b']");
  assert(link, "no sidebar fact links to a body block");
  const href = await link.getAttribute("href");
  const id = href.slice(href.indexOf("#") + 1);
  await link.click();
  await p.waitForFunction((i) => location.hash === "#" + i, id);
  const styles = await p.evaluate((i) => {
    const target = document.getElementById(i);
    const other = [...document.querySelectorAll("[id^=b]")].find((e) => e.id !== i && e.tagName === target.tagName);
    const bg = (e) => e && getComputedStyle(e).backgroundColor;
    return { target: bg(target), other: bg(other), matches: target.matches(":target") };
  }, id);
  assert(styles.matches, "followed block is not :target");
  assert(styles.target !== styles.other, `highlight not visible: ${JSON.stringify(styles)}`);
  assert(errors.length === 0, errors.join("; "));
  await ctx.close();
});

await check("timeline filter by district narrows the list, with and without script", async () => {
  const { p, ctx, errors } = await page();
  await p.goto(site("dong-thoi-gian/"));
  const all = await p.$$eval(".timeline [data-district]", (els) => els.filter((e) => e.offsetParent !== null).length);
  assert(all > 1, `timeline shows ${all} events`);
  const filter = await p.$("[data-filter-district]");
  assert(filter, "no district filter control");
  await filter.click();
  const district = await filter.getAttribute("data-filter-district");
  await p.waitForTimeout(100);
  const shown = await p.$$eval(".timeline [data-district]", (els) => els.filter((e) => e.offsetParent !== null).map((e) => e.getAttribute("data-district")));
  assert(shown.length > 0 && shown.length < all, `filter showed ${shown.length} of ${all}`);
  assert(shown.every((d) => d === district), `filter let through ${shown}`);
  assert(errors.length === 0, errors.join("; "));
  await ctx.close();
});

const pages = [
  ["home", ""],
  ["article", withFacts.url],
  ["district", "quan-huyen/" + (articles[0].districts[0] ? slugOf(articles[0].districts[0]) : "") + "/"],
  ["timeline", "dong-thoi-gian/"],
  ["search", "tim-kiem/?q=dong%20da"],
];
function slugOf(s) {
  return s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

for (const [name, p0] of pages) {
  await check(`axe finds no violations on ${name}`, async () => {
    const { p, ctx, errors } = await page();
    await p.goto(site(p0));
    if (name === "search") await p.waitForSelector("#search-results li", { timeout: 5000 });
    await p.addScriptTag({ content: axeSource });
    const result = await p.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
    const v = result.violations.map((x) => `${x.id} (${x.nodes.length}): ${x.nodes[0] && x.nodes[0].target}`);
    assert(v.length === 0, v.join("; "));
    assert(errors.length === 0, errors.join("; "));
    await ctx.close();
  });
  await check(`${name} is usable by keyboard: a skip link first, focus visible`, async () => {
    const { p, ctx } = await page();
    await p.goto(site(p0));
    await p.keyboard.press("Tab");
    const first = await p.evaluate(() => {
      const e = document.activeElement;
      const s = getComputedStyle(e);
      return { href: e.getAttribute("href"), outline: s.outlineStyle + " " + s.outlineWidth, shadow: s.boxShadow };
    });
    assert(first.href && first.href.startsWith("#"), `first tab stop is not a skip link: ${JSON.stringify(first)}`);
    assert(first.outline !== "none 0px" || first.shadow !== "none", `focus not visible: ${JSON.stringify(first)}`);
    await ctx.close();
  });
  if (shotDir) {
    for (const width of [390, 1280]) {
      const { p, ctx } = await page(width);
      await p.goto(site(p0));
      if (name === "search") await p.waitForSelector("#search-results li", { timeout: 5000 }).catch(() => {});
      fs.mkdirSync(shotDir, { recursive: true });
      await p.screenshot({ path: path.join(shotDir, `${name}-${width}.png`), fullPage: false });
      await ctx.close();
    }
  }
}

await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
