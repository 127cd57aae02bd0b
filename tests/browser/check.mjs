// The built seed portal as readers and their browsers meet it. Takes the two
// builds that run.sh served with nginx on 127.0.0.1:$BROWSER_PORT (the
// /innovation/ sub-path build and the domain-root build) and checks:
//   crawl      every link from the home pages and every URL in sitemap.xml
//              (when the site publishes one): no 4xx/5xx, no redirect loop,
//              no link leaving the base path, every #fragment exists
//   vnu        every generated HTML page (and the CSS) with the Nu HTML Checker
//   sweep      every crawled page in Chromium at 375 px: no horizontal
//              scrolling, no console error, no request to a non-loopback host
//   axe        every template in both languages at 1280 and 375 px: zero
//              axe-core violations for WCAG 2.1 A and AA; a screenshot of each
//   journeys   language switch, mention → anchored paragraph, department →
//              table row → department, search; all but search again with
//              JavaScript disabled
//   phones     a citizen's taps to every duty of a department, and no table
//              cell under 4 em at 375 px (issue 16)
//   weight     bytes per template against the budgets in budgets.mjs
// Prints one line per check and closes with "browser: N passed, N failed";
// exits 1 if any check failed.
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { BUDGETS, CRITICAL_BUDGET } from "./budgets.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const port = Number(process.env.BROWSER_PORT);
const siteDir = process.env.SITE_DIR || path.join(repo, "target/browser");
const origin = `http://127.0.0.1:${port}`;
const SUB = `${origin}/innovation/`;
const ROOT = `${origin}/`;
const shots = path.join(repo, "target/screenshots");
const LANGS = ["zh", "en"];
const WIDTHS = [
  { name: "1280", width: 1280, height: 800 },
  { name: "375", width: 375, height: 740 },
];
const MISSING = "no-such-page/deeper/";

// ---------------------------------------------------------------- report
const tally = { passed: 0, failed: 0 };
const report = [];
function pass(name, detail = "") {
  tally.passed++;
  report.push({ name, result: "pass", detail });
  console.log(`ok    ${name}${detail ? ` — ${detail}` : ""}`);
}
function fail(name, detail) {
  tally.failed++;
  report.push({ name, result: "fail", detail });
  console.log(`FAIL  ${name}\n${indent(detail)}`);
}
function check(name, problems, okDetail = "") {
  if (problems.length === 0) pass(name, okDetail);
  else fail(name, problems.slice(0, 40).join("\n") + (problems.length > 40 ? `\n… and ${problems.length - 40} more` : ""));
}
function indent(s) {
  return String(s).split("\n").map((l) => `        ${l}`).join("\n");
}

// --------------------------------------------------------------- helpers
function isLoopback(u) {
  const h = new URL(u).hostname;
  return h === "localhost" || h === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(h);
}
function stripHash(u) {
  const x = new URL(u);
  x.hash = "";
  return x.href;
}
// The template a URL is rendered with, from the URL contract of issue 3.
function templateOf(url, base) {
  const p = url.startsWith(base) ? url.slice(base.length).replace(/[?#].*$/, "") : null;
  if (p === null) return "outside";
  if (p === "" || p === "index.html") return "root";
  if (p.startsWith(MISSING.split("/")[0])) return "404";
  if (/(^|\/)404\.html$/.test(p)) return "404";
  const m = p.match(/^(zh|en)\/(.*)$/);
  if (!m) return `other:${p}`;
  const rest = m[2];
  const rules = [
    [/^$/, "home"],
    [/^policies\/$/, "policies"],
    [/^policies\/[^/]+\/$/, "policy"],
    [/^policies\/[^/]+\/breakdown\/$/, "breakdown"],
    [/^targets\/$/, "targets"],
    [/^targets\/[^/]+\/$/, "target"],
    [/^targets\/[^/]+\/embed\/$/, "embed"],
    [/^targets\/.+\/$/, "targets-facet"],
    [/^departments\/$/, "departments"],
    [/^departments\/[^/]+\/$/, "department"],
    [/^search\/$/, "search"],
    [/^glossary\/$/, "glossary"],
    [/^[^/]+\/$/, "page"],
  ];
  for (const [re, name] of rules) if (re.test(rest)) return name;
  return `other:${rest.replace(/[^/]+/g, "*")}`;
}
function langOf(url, base) {
  const m = url.slice(base.length).match(/^(zh|en)\//);
  return m ? m[1] : null;
}
const decode = (s) =>
  s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

// Links of an HTML document: [kind, url] with kind "nav" (a, area, iframe,
// form, meta refresh: things a reader follows) or "res" (stylesheets,
// scripts, images: things the browser loads) or "meta" (canonical, alternate).
function linksOf(html, pageUrl) {
  const out = [];
  const tagRe = /<(a|area|link|script|img|iframe|source|form|meta)\b([^>]*)>/gi;
  let m;
  while ((m = tagRe.exec(html))) {
    const tag = m[1].toLowerCase();
    const attrs = {};
    for (const a of m[2].matchAll(/([a-zA-Z-:]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g))
      attrs[a[1].toLowerCase()] = decode(a[3] ?? a[4] ?? a[5] ?? "");
    let href = null;
    let kind = "nav";
    if (tag === "a" || tag === "area") href = attrs.href;
    else if (tag === "link") {
      href = attrs.href;
      const rel = (attrs.rel || "").toLowerCase();
      kind = /canonical|alternate/.test(rel) ? "meta" : "res";
    } else if (tag === "script" || tag === "img" || tag === "source") {
      href = attrs.src;
      kind = "res";
    } else if (tag === "iframe") href = attrs.src;
    else if (tag === "form") href = attrs.action;
    else if (tag === "meta" && /refresh/i.test(attrs["http-equiv"] || "")) {
      const r = (attrs.content || "").match(/url=(.*)$/i);
      href = r ? r[1].trim().replace(/^['"]|['"]$/g, "") : null;
    }
    if (href === undefined || href === null) continue;
    if (/^(mailto|tel|javascript|data):/i.test(href)) continue;
    try {
      out.push([kind, new URL(href, pageUrl).href, tag]);
    } catch {
      out.push(["bad", href, tag]);
    }
  }
  return out;
}
function idsOf(html) {
  const ids = new Set();
  for (const m of html.matchAll(/\s(?:id|name)\s*=\s*"([^"]*)"/g)) ids.add(decode(m[1]));
  return ids;
}

// GET following redirects by hand: status chain, loop detection.
async function get(url) {
  const chain = [];
  let cur = url;
  for (let i = 0; i < 10; i++) {
    const res = await fetch(cur, { redirect: "manual" });
    chain.push(`${res.status} ${cur}`);
    if (res.status >= 300 && res.status < 400 && res.headers.get("location")) {
      const next = new URL(res.headers.get("location"), cur).href;
      if (chain.some((c) => c.endsWith(` ${next}`))) return { status: "loop", chain, url: cur };
      cur = next;
      continue;
    }
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, chain, url: cur, type: res.headers.get("content-type") || "", body };
  }
  return { status: "too many redirects", chain, url: cur };
}

// ------------------------------------------------------------------ crawl
async function crawl(base, label) {
  const seeds = [base, `${base}zh/`, `${base}en/`];
  const sitemap = await get(`${base}sitemap.xml`);
  let fromSitemap = [];
  if (sitemap.status === 200) {
    const xml = sitemap.body.toString("utf8");
    fromSitemap = [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>|<xhtml:link[^>]*href="([^"]+)"/g)].map((m) => decode(m[1] || m[2]));
    const bad = fromSitemap.filter((u) => !u.startsWith(base));
    check(`crawl ${label}: sitemap.xml URLs lie under ${base}`, bad.map((u) => `outside the base: ${u}`), `${fromSitemap.length} URLs, all crawled`);
    seeds.push(...fromSitemap.filter((u) => u.startsWith(base)));
  } else {
    fail(`crawl ${label}: sitemap.xml`, `${base}sitemap.xml answers ${sitemap.status}`);
  }
  const pages = new Map(); // url → {status, type, body, template}
  const linkedFrom = new Map(); // url → first referrer
  const fragments = []; // [from, url#frag]
  const problems = [];
  const external = new Set();
  const queue = seeds.map((u) => [u, "(seed)"]);
  while (queue.length) {
    const [url, from] = queue.shift();
    if (pages.has(url)) continue;
    const r = await get(url);
    pages.set(url, r);
    if (r.status !== 200) {
      problems.push(`${r.status} ${url} (linked from ${from})${r.chain.length > 1 ? ` via ${r.chain.join(" → ")}` : ""}`);
      continue;
    }
    if (r.chain.length > 2) problems.push(`${r.chain.length - 1} redirects for ${url}: ${r.chain.join(" → ")}`);
    if (!/text\/html/.test(r.type)) continue;
    const html = r.body.toString("utf8");
    r.ids = idsOf(html);
    for (const [kind, link, tag] of linksOf(html, r.url)) {
      if (kind === "bad") {
        problems.push(`unparsable ${tag} URL "${link}" on ${url}`);
        continue;
      }
      const u = new URL(link);
      if (!/^https?:$/.test(u.protocol)) continue;
      if (!isLoopback(link)) {
        if (kind === "res") problems.push(`${url} loads <${tag}> from another host: ${link}`);
        else external.add(link);
        continue;
      }
      if (u.origin !== origin) {
        problems.push(`${url} links to another loopback origin: ${link}`);
        continue;
      }
      if (!link.startsWith(base)) {
        problems.push(`${url} <${tag}> leaves the base path ${base}: ${link}`);
        continue;
      }
      if (u.hash && u.hash !== "#") fragments.push([url, link]);
      const target = stripHash(link).replace(/\?.*$/, "");
      if (!pages.has(target)) queue.push([target, url]);
      if (!linkedFrom.has(target)) linkedFrom.set(target, url);
    }
  }
  for (const [from, link] of fragments) {
    const target = pages.get(stripHash(link).replace(/\?.*$/, ""));
    const frag = decodeURIComponent(new URL(link).hash.slice(1));
    if (target?.ids && !target.ids.has(frag)) problems.push(`${from} links to #${frag}, which ${stripHash(link)} does not have`);
  }
  // The 404 page, asked for at depth: its stylesheet and links must still work.
  const missing = await get(`${base}${MISSING}`);
  if (missing.status !== 404) problems.push(`${base}${MISSING} answers ${missing.status}, not 404`);
  else {
    for (const [kind, link] of linksOf(missing.body.toString("utf8"), `${base}${MISSING}`)) {
      if (kind === "meta" || !isLoopback(link) || stripHash(link) === `${base}${MISSING}`) continue;
      const r = await get(stripHash(link));
      if (r.status !== 200) problems.push(`the 404 page served at ${base}${MISSING} links to ${link}, which answers ${r.status}`);
    }
  }
  const html = [...pages].filter(([, r]) => r.status === 200 && /text\/html/.test(r.type)).map(([u]) => u);
  check(
    `crawl ${label}: ${pages.size} URLs from the home pages${fromSitemap.length ? " and sitemap.xml" : ""}`,
    problems,
    `${html.length} HTML pages, ${pages.size - html.length} other files, ${fragments.length} anchored links, no 404, no redirect loop${external.size ? `; outbound links not followed: ${[...external].join(", ")}` : ""}`,
  );
  // Pages built but reachable neither by links nor from the sitemap.
  const dir = path.join(siteDir, label === "sub-path" ? "site-sub" : "site-root");
  const orphans = [];
  for (const f of walk(dir)) {
    if (!f.endsWith(".html")) continue;
    const rel = path.relative(dir, f).replace(/\\/g, "/");
    const u = base + rel.replace(/(^|\/)index\.html$/, "$1");
    if (!pages.has(u) && rel !== "404.html" && !rel.endsWith("/404.html")) orphans.push(u);
  }
  if (orphans.length) console.log(`note  crawl ${label}: ${orphans.length} built pages not linked from any crawled page: ${orphans.slice(0, 10).join(", ")}${orphans.length > 10 ? " …" : ""}`);
  return { pages, html, orphans };
}
function* walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}

// -------------------------------------------------------------------- vnu
function vnu() {
  const jar = path.join(here, "node_modules/vnu-jar/build/dist/vnu.jar");
  for (const build of ["site-sub", "site-root"]) {
    const dir = path.join(siteDir, build);
    const files = [...walk(dir)];
    const htmlCount = files.filter((f) => f.endsWith(".html")).length;
    const css = files.filter((f) => f.endsWith(".css"));
    const run = (args) => {
      const r = spawnSync("java", ["-Xss8m", "-jar", jar, "--format", "json", ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
      if (r.error) throw r.error;
      return JSON.parse(r.stderr || r.stdout || '{"messages":[]}').messages;
    };
    const msgs = [...run(["--skip-non-html", dir]), ...(css.length ? run(["--css", ...css]) : [])];
    const errors = msgs.filter((m) => m.type === "error" || m.type === "non-document-error");
    const warnings = msgs.filter((m) => m.type === "info" && m.subType === "warning");
    const where = (m) => `${path.relative(dir, fileURLToPath(m.url || "file:///?"))}:${m.lastLine ?? "?"}: ${m.message}`;
    check(`vnu ${build}: ${htmlCount} HTML pages and ${css.length} stylesheet(s)`, errors.map(where), `0 errors, ${warnings.length} warnings`);
    for (const w of warnings.slice(0, 5)) console.log(`note  vnu warning ${where(w)}`);
  }
}

// ---------------------------------------------------------------- browser
// WCAG 2.1 levels A and AA, nothing else (no best-practice rules).
const axe = (page) => new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
// Besides one page per template at both widths, axe every crawled page at
// 375 px (AXE_EVERY_PAGE=0 turns that off for a quicker local run).
const AXE_EVERY_PAGE = process.env.AXE_EVERY_PAGE !== "0";
const offHost = new Set();
async function newContext(browser, opts = {}) {
  const ctx = await browser.newContext({ locale: "zh-CN", ...opts });
  // Routing also turns the HTTP cache off, so every page load is weighed whole.
  await ctx.route("**/*", (route) => {
    const u = route.request().url();
    if (/^(data|blob|about):/.test(u) || isLoopback(u)) return route.continue();
    offHost.add(`${u} (from ${route.request().frame()?.url?.() ?? "?"})`);
    return route.abort("blockedbyclient");
  });
  return ctx;
}
function watch(page) {
  const log = { errors: [], bad: [], responses: [] };
  page.on("console", (m) => {
    // The 404 probe's own status is the point of the probe, not an error.
    if (m.type() === "error" && !(m.location().url?.includes(MISSING) && /status of 404/.test(m.text()))) log.errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => log.errors.push(`uncaught: ${e.message}`));
  page.on("response", (r) => {
    log.responses.push(r);
    if (r.status() >= 400 && !r.url().includes(MISSING)) log.bad.push(`${r.status()} ${r.url()}`);
  });
  page.on("requestfailed", (r) => {
    // ERR_ABORTED: the page navigated away first (a journey's click), not a fault.
    if (isLoopback(r.url()) && r.failure()?.errorText !== "net::ERR_ABORTED") log.bad.push(`failed ${r.url()}: ${r.failure()?.errorText}`);
  });
  return log;
}
const sizeCache = new Map();
async function weigh(responses) {
  const w = { html: 0, css: 0, js: 0, data: 0, img: 0, font: 0, other: 0, htmlGz: 0, cssGz: 0, jsGz: 0, dataGz: 0, total: 0, totalGz: 0 };
  for (const r of responses) {
    const u = r.url();
    if (!isLoopback(u) || (r.status() >= 300 && !u.includes(MISSING))) continue;
    let s = sizeCache.get(u);
    if (!s) {
      const body = await r.body().catch(() => Buffer.alloc(0));
      s = { raw: body.length, gz: zlib.gzipSync(body, { level: 6 }).length };
      if (s.gz > s.raw) s.gz = s.raw;
      sizeCache.set(u, s);
    }
    const t = r.request().resourceType();
    const k = t === "document" ? "html" : t === "stylesheet" ? "css" : t === "script" ? "js" : t === "image" ? "img" : t === "font" ? "font" : /fetch|xhr/.test(t) ? "data" : "other";
    w[k] += s.raw;
    if (`${k}Gz` in w) w[`${k}Gz`] += s.gz;
    w.total += s.raw;
    w.totalGz += s.gz;
  }
  return w;
}
async function overflow(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const vw = doc.clientWidth;
    if (doc.scrollWidth <= vw) return null;
    const wide = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1 && r.width > 0) {
        const parentWide = el.parentElement && el.parentElement.getBoundingClientRect().right > vw + 1;
        if (!parentWide || wide.length === 0) wide.push(`<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""}> right edge ${Math.round(r.right)}px`);
      }
      if (wide.length >= 5) break;
    }
    return `page is ${doc.scrollWidth}px wide in a ${vw}px viewport; widest: ${wide.join("; ")}`;
  });
}

// Every crawled page at phone width: layout, console, network, weight.
async function sweep(browser, urls, base) {
  const ctx = await newContext(browser, { viewport: { width: 375, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  const log = watch(page);
  const wide = [];
  const noisy = [];
  const axeProblems = [];
  let axed = 0;
  const weights = new Map(); // template → [{url, w}]
  for (const url of urls) {
    log.errors.length = 0;
    log.bad.length = 0;
    log.responses.length = 0;
    const isRoot = templateOf(url, base) === "root";
    const resp = await page.goto(url, { waitUntil: "load" });
    if (isRoot) {
      await page.waitForURL((u) => u.href !== url, { timeout: 5000 }).catch(() => {});
      continue; // a meta refresh: weighed and checked on the page it leads to
    }
    const o = await overflow(page);
    if (o) wide.push(`${url}: ${o}`);
    await phoneTables(page, url); // issue 16: see "phones" below
    for (const e of [...log.errors, ...log.bad]) noisy.push(`${url}: ${e}`);
    if (AXE_EVERY_PAGE) {
      const res = await axe(page).analyze();
      axed++;
      for (const v of res.violations) axeProblems.push(`${url.slice(base.length)}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
    }
    if (resp && resp.status() !== (url.includes(MISSING) ? 404 : 200)) noisy.push(`${url}: status ${resp.status()}`);
    const t = templateOf(url, base);
    const w = await weigh(log.responses);
    if (!weights.has(t)) weights.set(t, []);
    weights.get(t).push({ url, w });
  }
  await ctx.close();
  check(`375px: no horizontal scrolling on any of ${urls.length} pages`, wide);
  check(`console: no errors or failed requests on any of ${urls.length} pages`, noisy);
  if (AXE_EVERY_PAGE) check(`axe every page at 375px: zero WCAG 2.1 AA violations on ${axed} pages`, axeProblems);
  return weights;
}

async function axeAndShots(browser, reps, base) {
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });
  for (const { template, lang, url } of reps) {
    for (const vw of WIDTHS) {
      const ctx = await newContext(browser, { viewport: { width: vw.width, height: vw.height }, isMobile: vw.width < 600, hasTouch: vw.width < 600 });
      if (template === "root") {
        // Keep the chooser on screen: serve it without its meta refresh.
        await ctx.route(url, async (route) => {
          const r = await route.fetch();
          const body = (await r.text()).replace(/<meta http-equiv="refresh"[^>]*>/i, "");
          route.fulfill({ response: r, body });
        });
      }
      const page = await ctx.newPage();
      const log = watch(page);
      await page.goto(url, { waitUntil: "load" });
      const name = `axe ${template} ${lang} ${vw.name}px`;
      const res = await axe(page).analyze();
      const problems = [];
      for (const v of res.violations) {
        problems.push(`${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s)`);
        for (const n of v.nodes.slice(0, 3)) problems.push(`   ${n.target.join(" ")}: ${(n.failureSummary || "").split("\n").slice(1, 2).join(" ").trim()}`);
      }
      for (const e of [...log.errors, ...log.bad]) problems.push(`while loading: ${e}`);
      check(name, problems, `${url.slice(base.length) || "/"} · ${res.passes.length} rules pass, ${res.incomplete.length} need review`);
      if (vw.width < 600) {
        const o = await overflow(page);
        if (o) fail(`375px ${template} ${lang}`, o);
      }
      await page.screenshot({ path: path.join(shots, `${template}-${lang}-${vw.name}.png`), fullPage: true });
      await ctx.close();
    }
  }
}

// ---------------------------------------------------------------- journeys
async function inView(page, id) {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    if (!el) return `#${id} is not on the page`;
    const r = el.getBoundingClientRect();
    return r.top >= -1 && r.top < window.innerHeight ? null : `#${id} is ${Math.round(r.top)}px from the top of a ${window.innerHeight}px viewport`;
  }, id);
}
async function journeys(browser, base, targetUrls, js) {
  const mode = js ? "" : " (JavaScript off)";
  const ctx = await newContext(browser, { javaScriptEnabled: js, viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  const log = watch(page);
  const run = async (name, fn) => {
    log.errors.length = 0;
    log.bad.length = 0;
    try {
      const problems = (await fn()) || [];
      check(`journey${mode}: ${name}`, [...problems, ...log.errors, ...log.bad]);
    } catch (e) {
      fail(`journey${mode}: ${name}`, e.message.split("\n").slice(0, 6).join("\n"));
    }
  };
  const zhTarget = targetUrls.find((u) => u.includes("/zh/targets/technology-incubators/")) || targetUrls.find((u) => u.includes("/zh/targets/"));

  await run("indicator page in Chinese → switch to English → the same target", async () => {
    await page.goto(zhTarget);
    const h1zh = await page.locator("h1").first().textContent();
    await page.locator("header a[hreflang='en']").first().click();
    await page.waitForLoadState("load");
    const want = zhTarget.replace("/zh/", "/en/");
    const p = [];
    if (page.url() !== want) p.push(`landed on ${page.url()}, expected ${want}`);
    if ((await page.getAttribute("html", "lang")) !== "en") p.push(`html lang is ${await page.getAttribute("html", "lang")}`);
    if (!(await page.locator("h1").count())) p.push("no h1");
    await page.locator("header a[hreflang='zh-Hans']").first().click();
    await page.waitForLoadState("load");
    if (page.url() !== zhTarget) p.push(`switching back landed on ${page.url()}`);
    if ((await page.locator("h1").first().textContent()) !== h1zh) p.push("switching back shows a different heading");
    return p;
  });

  if (js)
    await run("policy paragraph → switch language → the same anchor", async () => {
      await page.goto(zhTarget);
      const mention = page.locator("a[href*='/policies/'][href*='#']").first();
      const href = await mention.getAttribute("href");
      const hash = href.slice(href.indexOf("#"));
      await page.goto(new URL(href, page.url()).href);
      await page.locator("header a[hreflang='en']").first().click();
      await page.waitForLoadState("load");
      const p = [];
      if (!page.url().endsWith(hash) || !page.url().includes("/en/")) p.push(`landed on ${page.url()}, expected the English policy text at ${hash}`);
      const v = await inView(page, hash.slice(1));
      if (v) p.push(v);
      return p;
    });

  await run("indicator page → mention link → the anchored paragraph in view", async () => {
    await page.goto(zhTarget);
    const mention = page.locator("a[href*='/policies/'][href*='#']").first();
    const href = await mention.getAttribute("href");
    await mention.click();
    await page.waitForLoadState("load");
    await page.waitForTimeout(100);
    const id = decodeURIComponent(href.slice(href.indexOf("#") + 1));
    const p = [];
    if (!page.url().includes("/policies/")) p.push(`landed on ${page.url()}`);
    const v = await inView(page, id);
    if (v) p.push(v);
    return p;
  });

  await run("department page → its breakdown table row → back to the department", async () => {
    await page.goto(`${base}zh/departments/`);
    // The first department that leads or co-operates on a table row.
    const depts = await page.locator("main a[href*='/departments/']").evaluateAll((as) => as.map((a) => a.href));
    let dept = null;
    for (const d of depts) {
      await page.goto(d);
      if (await page.locator("main a[href*='/breakdown/#row-']").count()) {
        dept = d;
        break;
      }
    }
    if (!dept) return ["no department page links to a breakdown row"];
    const rowLink = page.locator("main a[href*='/breakdown/#row-']").first();
    const href = await rowLink.getAttribute("href");
    const row = href.slice(href.indexOf("#") + 1);
    await rowLink.click();
    await page.waitForLoadState("load");
    await page.waitForTimeout(100);
    const p = [];
    const v = await inView(page, row);
    if (v) p.push(v);
    const back = page.locator(`#${row} a[href='${new URL(dept).pathname}']`).first();
    if (!(await back.count())) return [...p, `row ${row} has no link back to ${new URL(dept).pathname}`];
    await back.click();
    await page.waitForLoadState("load");
    if (page.url() !== dept) p.push(`the row's department link led to ${page.url()}`);
    await page.goBack();
    if (!page.url().endsWith(`#${row}`)) p.push(`browser back went to ${page.url()}`);
    return p;
  });

  if (!js)
    await run("search page without JavaScript says so and links to the indexes", async () => {
      const p = [];
      for (const lang of LANGS) {
        await page.goto(`${base}${lang}/search/`);
        const text = await page.locator("main").innerText();
        if (!(await page.locator(`main a[href$='/${lang}/targets/']`).count())) p.push(`${lang}: no link to the target index`);
        if (!(await page.locator(`main a[href$='/${lang}/departments/']`).count())) p.push(`${lang}: no link to the department index`);
        if (!/JavaScript/i.test(text)) p.push(`${lang}: the page does not say search needs JavaScript`);
      }
      return p;
    });
  else await searchJourneys(page, run, base, log);
  await ctx.close();
}

const searchWeights = [];
async function searchJourneys(page, run, base, log) {
  const searchHtml = fs.readFileSync(path.join(siteDir, "site-sub/zh/search/index.html"), "utf8");
  const scripts = [...searchHtml.matchAll(/<script\b[^>]*src="([^"]+)"/g)].map((m) => m[1]).filter((s) => !/\/site\.js$/.test(s));
  const inline = /<script\b(?![^>]*\bsrc=)[^>]*>[^<]/.test(searchHtml);
  if (!scripts.length && !inline) {
    fail("journey: search 研发 and incubator", "the search page loads no search code");
    return;
  }
  // The indicator pages whose name holds the query, from the target indexes.
  const expect = async (lang, word) => {
    await page.goto(`${base}${lang}/targets/`);
    return page.locator("main a[href*='/targets/']").evaluateAll(
      (as, w) => as.filter((a) => a.textContent.toLowerCase().includes(w)).map((a) => a.pathname),
      word.toLowerCase(),
    );
  };
  for (const [lang, q, word] of [["zh", "研发", "研发"], ["en", "incubator", "incubator"]]) {
    await run(`search ${lang} "${q}" → an indicator page about it`, async () => {
      const want = new Set(await expect(lang, word));
      if (!want.size) return [`no ${lang} target name contains "${word}"`];
      await page.goto(`${base}${lang}/search/`);
      const before = page.url();
      log.responses.length = 0;
      await page.locator("main input[type=search]").first().fill(q);
      await page.locator("main input[type=search]").first().press("Enter");
      await page.waitForTimeout(300);
      const results = page.locator("#search-results a[href*='/targets/'], main [role=list] a[href*='/targets/'], main ol a[href*='/targets/']");
      await results.first().waitFor({ timeout: 8000 }).catch(() => {});
      await page.waitForLoadState("networkidle").catch(() => {});
      const hrefs = await results.evaluateAll((as) => as.map((a) => a.pathname));
      searchWeights.push({ url: `${page.url()} (after the query)`, w: await weigh(log.responses) });
      const hit = hrefs.find((h) => want.has(h));
      if (!hit) return [`no result among ${hrefs.length} target links (${hrefs.slice(0, 5).join(", ")}) is one of ${[...want].join(", ")} (search page ${before})`];
      await results.nth(hrefs.indexOf(hit)).click();
      await page.waitForLoadState("load");
      return new URL(page.url()).pathname === hit ? [] : [`clicking the result led to ${page.url()}`];
    });
  }
}

// ------------------------------------------------------- trust journeys
// Issue 16, "what every government page has" and search kinds: a search
// result says what kind of page it is and its excerpt holds no run-together
// labels; a breadcrumb leads up one level in one tap; the policy page shows
// its metadata with the official source; on paper a page shows its address
// and the print date (site.js on beforeprint).
async function trustJourneys(browser, base) {
  const ctx = await newContext(browser, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  const log = watch(page);
  const run = async (name, fn) => {
    log.errors.length = 0;
    log.bad.length = 0;
    try {
      const problems = (await fn()) || [];
      check(`trust: ${name}`, [...problems, ...log.errors, ...log.bad]);
    } catch (e) {
      fail(`trust: ${name}`, e.message.split("\n").slice(0, 6).join("\n"));
    }
  };
  const kinds = {
    zh: ["首页", "政策原文", "任务分解表", "目标一览", "目标", "部门一览", "责任部门", "术语表", "页面"],
    en: ["Home page", "Policy text", "Task breakdown table", "Target list", "Target", "Department list", "Department", "Glossary", "Page"],
  };
  for (const [lang, q, target] of [["zh", "研发", "目标"], ["en", "incubator", "Target"]]) {
    await run(`search ${lang} "${q}": every result is labelled by kind, with a clean excerpt`, async () => {
      await page.goto(`${base}${lang}/search/?q=${encodeURIComponent(q)}`);
      const items = page.locator("#search-results ol.search-results > li");
      await items.first().waitFor({ timeout: 8000 }).catch(() => {});
      const found = await items.evaluateAll((lis) =>
        lis.map((li) => ({
          kind: (li.querySelector(".result-kind") || {}).textContent || "",
          href: (li.querySelector("a") || {}).pathname || "",
          excerpt: (li.querySelector("p") || {}).textContent || "",
        })),
      );
      if (!found.length) return [`no results for "${q}"`];
      const p = [];
      for (const r of found) {
        if (!kinds[lang].includes(r.kind)) p.push(`${r.href}: kind label "${r.kind}" is none of ${kinds[lang].join(", ")}`);
        if (r.kind === target && !/\/targets\/[^/]+\/$/.test(r.href)) p.push(`${r.href}: labelled ${target} but not a target page`);
        if (/(Commitment|Value|Unit|Deadline)[^\s:]/.test(r.excerpt)) p.push(`${r.href}: run-together label in "${r.excerpt}"`);
      }
      if (!found.some((r) => r.kind === target)) p.push(`no result labelled ${target}: ${found.map((r) => r.kind).join(", ")}`);
      return p;
    });
  }
  await run("target page → breadcrumb → the target index, in one tap", async () => {
    await page.goto(`${base}en/targets/technology-incubators/`);
    const crumbs = page.locator("nav.breadcrumbs a");
    if ((await crumbs.count()) < 3) return [`${await crumbs.count()} breadcrumbs`];
    await crumbs.nth(1).click();
    await page.waitForLoadState("load");
    return new URL(page.url()).pathname.endsWith("/en/targets/") ? [] : [`the crumb led to ${page.url()}`];
  });
  await run("policy page: metadata block with the official source, every field stated or 'not stated'", async () => {
    await page.goto(`${base}zh/policies/innovation-capital-2017-2020/`);
    const rows = await page.locator(".doc-meta dl > div").evaluateAll((ds) => ds.map((d) => d.querySelector("dd").textContent.trim()));
    const p = [];
    if (rows.length < 6) p.push(`${rows.length} metadata rows`);
    if (rows.some((r) => !r)) p.push(`an empty value: ${JSON.stringify(rows)}`);
    const source = await page.locator(".doc-meta .meta-source a").getAttribute("href").catch(() => null);
    if (!source || !/^https?:\/\/[^/]*gov\.cn\//.test(source)) p.push(`official source link: ${source}`);
    if (!(await page.locator(".doc-meta").isVisible())) p.push("the block is not visible");
    return p;
  });
  await run("printed page: its address and today's date, no navigation", async () => {
    const url = `${base}en/targets/technology-incubators/`;
    await page.goto(url);
    await page.emulateMedia({ media: "print" });
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    const note = page.locator(".print-note");
    const p = [];
    if (!(await note.isVisible())) p.push("the print note is not shown in print");
    const text = (await note.textContent()) || "";
    const canonical = await page.locator("link[rel=canonical]").getAttribute("href");
    if (!text.includes(canonical)) p.push(`the note "${text}" lacks ${canonical}`);
    const today = await page.evaluate(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, "0")).join("-"); });
    if (!text.includes(today)) p.push(`the note "${text}" lacks the print date ${today}`);
    if (await page.locator(".site-nav").isVisible()) p.push("the navigation prints");
    await page.emulateMedia({ media: "screen" });
    if (await note.isVisible()) p.push("the print note shows on screen");
    return p;
  });
  await ctx.close();
}

// ------------------------------------------ issue 16: plan and target kit
// A plan one can move in and a journalist's kit on target pages, at 375 px:
//   journalist  copies a target's embed code, permanent URL and citation with
//               the copy buttons, and its CSV link (which answers 200 with
//               the target's CSV row); without JavaScript the buttons are
//               hidden and the code is still there to select
//   reader      an English reader goes from a task to its breakdown row and
//               back, one click each; the anchored heading is not under the
//               sticky back-to-contents bar, which is on screen mid-plan
//   #chapter-N  highlights the heading only (every highlighted element
//               < 200 px tall), chapter > action > task > body text in size;
//               a followed § link shows the paragraph's citation
const HIGHLIGHT_MAX_PX = 200;
async function planAndKitJourneys(browser, base, htmlUrls) {
  const ctx = await newContext(browser, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, permissions: ["clipboard-read", "clipboard-write"] });
  const page = await ctx.newPage();
  const log = watch(page);
  const run = async (name, fn) => {
    log.errors.length = 0;
    log.bad.length = 0;
    try {
      const problems = (await fn()) || [];
      check(`journey (issue 16): ${name}`, [...problems, ...log.errors, ...log.bad]);
    } catch (e) {
      fail(`journey (issue 16): ${name}`, e.message.split("\n").slice(0, 6).join("\n"));
    }
  };
  const enTarget = htmlUrls.find((u) => u.endsWith("/en/targets/rd-spending-share-of-gdp/")) || htmlUrls.find((u) => templateOf(u, base) === "target" && langOf(u, base) === "en");
  const enPolicy = htmlUrls.find((u) => templateOf(u, base) === "policy" && langOf(u, base) === "en");
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  await run("journalist copies a target's embed code, URL, citation and CSV link", async () => {
    const p = [];
    await page.goto(enTarget);
    const code = await page.locator("#embed-code").inputValue();
    const m = code.match(/^<iframe src="([^"]+)" title="([^"]+)"[^>]*><\/iframe>$/);
    if (!m) return [`#embed-code is not one iframe with src and title: ${code.slice(0, 120)}`];
    const card = await get(m[1]);
    if (card.status !== 200 || !/text\/html/.test(card.type)) p.push(`the iframe's src ${m[1]} answers ${card.status} ${card.type}`);
    for (const [id, want] of [["embed-code", code], ["permalink", await page.locator("#permalink").inputValue()], ["citation", (await page.locator("#citation").innerText()).trim()]]) {
      const button = page.locator(`button[data-copy='${id}']`);
      if (!(await button.isVisible())) {
        p.push(`no visible copy button for #${id}`);
        continue;
      }
      await button.click();
      const got = await clipboard();
      if (got !== want) p.push(`copying #${id} put ${JSON.stringify(got.slice(0, 80))} on the clipboard, not ${JSON.stringify(want.slice(0, 80))}`);
      const status = await page.locator(".copy-status").innerText();
      if (!status.trim()) p.push(`copying #${id} announced nothing in the status region`);
    }
    const csvLink = page.locator("main a[href$='/data.csv']").first();
    if (!(await csvLink.isVisible())) return [...p, "no visible CSV link"];
    const csvUrl = new URL(await csvLink.getAttribute("href"), page.url()).href;
    const csv = await get(csvUrl);
    const text = csv.body ? csv.body.toString("utf8") : "";
    const slug = new URL(enTarget).pathname.split("/").filter(Boolean).pop();
    if (csv.status !== 200) p.push(`${csvUrl} answers ${csv.status}`);
    else if (!/text\/csv/.test(csv.type)) p.push(`${csvUrl} is served as ${csv.type}, not text/csv`);
    else if (!text.startsWith("\ufeffid,policy,") || text.trim().split("\n").length !== 2 || !text.split("\n")[1].startsWith(`${slug},`)) p.push(`${csvUrl} is not the header and ${slug}'s row: ${text.slice(0, 120)}`);
    if (!(await page.locator("main a[href$='/data.json']").first().isVisible())) p.push("no visible JSON link");
    return p;
  });

  await run("without JavaScript the embed code is there to select and no dead copy button shows", async () => {
    const off = await newContext(browser, { javaScriptEnabled: false, viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const q = await off.newPage();
    await q.goto(enTarget);
    const p = [];
    if (await q.locator("button[data-copy]:visible").count()) p.push("a copy button shows without JavaScript");
    if (!(await q.locator("#embed-code").isVisible()) || !/^<iframe /.test(await q.locator("#embed-code").inputValue())) p.push("the embed code is not on the page");
    if (!(await q.locator("#citation").isVisible())) p.push("the citation is not on the page");
    await off.close();
    return p;
  });

  await run("English reader: a task → its breakdown row → back to the task, one click each", async () => {
    await page.goto(enPolicy);
    const link = page.locator("section.task .row-links a").first();
    if (!(await link.count())) return ["no task links to a breakdown row"];
    const task = await link.evaluate((a) => a.closest("section.task").id);
    await link.click();
    await page.waitForLoadState("load");
    await page.waitForTimeout(100);
    const p = [];
    if (!page.url().includes("/breakdown/#row-")) return [`the task's row link led to ${page.url()}`];
    const row = decodeURIComponent(new URL(page.url()).hash.slice(1));
    const v = await inView(page, row);
    if (v) p.push(v);
    const back = page.locator(`[id='${row}'] a[href$='#${task}']`).first();
    if (!(await back.count())) return [...p, `row ${row} has no link back to #${task}`];
    await back.click();
    await page.waitForLoadState("load");
    await page.waitForTimeout(100);
    if (!page.url().startsWith(enPolicy) || !page.url().endsWith(`#${task}`)) p.push(`the row's link back led to ${page.url()}`);
    const covered = await page.evaluate((id) => {
      const h = document.getElementById(id).querySelector("h5, h4, h3");
      const bar = document.querySelector(".plan-bar");
      const top = h.getBoundingClientRect().top;
      const barBottom = bar ? bar.getBoundingClientRect().bottom : 0;
      if (top < barBottom - 1) return `#${id}'s heading (top ${Math.round(top)} px) is under the contents bar (bottom ${Math.round(barBottom)} px)`;
      return top < window.innerHeight ? null : `#${id}'s heading is ${Math.round(top)} px down a ${window.innerHeight} px screen`;
    }, task);
    if (covered) p.push(covered);
    const toContents = page.locator(".plan-bar a[href='#toc-title']");
    const box = await toContents.boundingBox();
    if (!box || box.y < 0 || box.y + box.height > 740) p.push(`mid-plan, the back-to-contents link is off screen (${JSON.stringify(box)})`);
    else {
      await toContents.click();
      await page.waitForTimeout(100);
      const t = await inView(page, "toc-title");
      if (t) p.push(`after "Contents": ${t}`);
    }
    return p;
  });

  for (const lang of LANGS) {
    const policy = htmlUrls.find((u) => templateOf(u, base) === "policy" && langOf(u, base) === lang);
    await run(`${lang}: #chapter-N highlights its heading only; headings step down in size; § shows a citation`, async () => {
      await page.goto(policy);
      const chapter = (await page.locator("section.chapter").evaluateAll((s) => s.map((x) => x.id))).find((id) => id === "chapter-3") || (await page.locator("section.chapter").first().getAttribute("id"));
      await page.goto(`${policy}#${chapter}`);
      await page.waitForTimeout(100);
      const p = [];
      const lit = await page.evaluate((id) => {
        const probe = document.createElement("span");
        probe.style.background = "var(--mark)";
        document.body.append(probe);
        const mark = getComputedStyle(probe).backgroundColor;
        probe.remove();
        // Figures (<mark>, target chips) are marked on purpose; the rest is the highlight.
        const lit = [...document.querySelectorAll("main *")].filter((el) => !el.matches("mark, a.target, mark *, a.target *") && getComputedStyle(el).backgroundColor === mark);
        const tallest = lit.reduce((a, el) => Math.max(a, el.getBoundingClientRect().height), 0);
        return { count: lit.length, tallest: Math.round(tallest), heading: lit.some((el) => el.id === `${id}-h`), tags: lit.map((el) => `${el.tagName.toLowerCase()}#${el.id}`).slice(0, 5) };
      }, chapter);
      if (!lit.heading) p.push(`#${chapter}'s heading is not highlighted (highlighted: ${lit.tags.join(", ") || "nothing"})`);
      if (lit.tallest >= HIGHLIGHT_MAX_PX) p.push(`a highlighted element is ${lit.tallest} px tall (≥ ${HIGHLIGHT_MAX_PX}): ${lit.tags.join(", ")}`);
      const sizes = await page.evaluate(() => {
        const px = (sel) => {
          const el = document.querySelector(sel);
          return el ? parseFloat(getComputedStyle(el).fontSize) : null;
        };
        return { chapter: px(".chapter > h3"), action: px(".section > h4"), task: px(".task > h5"), body: px(".task > p[id]") };
      });
      if (!(sizes.chapter > sizes.action && sizes.action > sizes.task && sizes.task > sizes.body)) p.push(`heading sizes do not step down: ${JSON.stringify(sizes)}`);
      console.log(`note  issue 16 ${lang}: #${chapter} lights ${lit.count} element(s), the tallest ${lit.tallest} px (${lit.tags.join(", ")}); font sizes px ${JSON.stringify(sizes)}`);
      const para = await page.locator("main p[id] > .para-cite").first().evaluate((c) => c.parentElement.id);
      await page.goto(`${policy}#${para}`);
      const cite = page.locator(`[id='${para}'] > .para-cite`);
      if (!(await cite.isVisible())) p.push(`following § of #${para} shows no citation`);
      else if (!(await cite.innerText()).includes(`#${para}`)) p.push(`the citation of #${para} does not give its address: ${await cite.innerText()}`);
      return p;
    });
  }
  await ctx.close();
}


// ------------------------------------------------- phones (issue 16)
// A citizen on a 375 px phone, and every table at that width.
//   duties   from the home page, in both languages and with JavaScript on
//            and off, the text of every duty of 市科技局 (department slug
//            science-technology) within three taps: each table row naming
//            it (its task content), each task its clauses cover (title),
//            and a link to each target it answers for. What the duties are
//            comes from the site's open data, not from the page.
//   tables   on every crawled page at 375 px (called from the sweep): no
//            rendered td/th narrower than 4 em of its own font size, and no
//            sideways scrolling.
const PHONE_DEPT = "science-technology";
const phoneTableProblems = [];
let phoneTablePages = 0;
async function phoneTables(page, url) {
  phoneTablePages++;
  const found = await page.evaluate(() => {
    const out = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) out.push(`scrolls sideways: ${doc.scrollWidth}px in a ${doc.clientWidth}px viewport`);
    for (const el of document.querySelectorAll("td, th")) {
      if (el.getClientRects().length === 0) continue; // not rendered (display: none)
      const em = parseFloat(getComputedStyle(el).fontSize);
      const w = el.getBoundingClientRect().width;
      if (w + 0.5 < 4 * em) out.push(`<${el.tagName.toLowerCase()}> "${el.textContent.trim().slice(0, 20)}" is ${w.toFixed(0)}px wide, under 4em (${(4 * em).toFixed(0)}px)`);
      if (out.length >= 5) break;
    }
    return out;
  });
  for (const f of found) phoneTableProblems.push(`${url}: ${f}`);
}
function phoneTablesReport() {
  check(`375px tables: no table cell narrower than 4em and no sideways scrolling on any of ${phoneTablePages} pages`, phoneTableProblems);
}
const squash = (s) => String(s ?? "").normalize("NFKC").replace(/\s+/g, "");
async function phoneDuties(browser, base) {
  const json = async (name) => JSON.parse((await get(`${base}data/${name}.json`)).body.toString("utf8"));
  const [rows, tasks, depts] = await Promise.all([json("breakdown"), json("tasks"), json("departments")]);
  const dept = depts.find((d) => d.id === PHONE_DEPT);
  const names = (x) => [...(x.lead || []), ...(x.cooperating || []), ...(x.named || []), ...(x.implementers || [])];
  const myRows = rows.filter((r) => names(r).includes(PHONE_DEPT));
  const myTasks = tasks.filter((t) => names(t).includes(PHONE_DEPT));
  const myTargets = dept ? [...dept.leads_targets, ...dept.cooperates_targets, ...(dept.named_targets || [])] : [];
  for (const js of [true, false]) {
    const ctx = await newContext(browser, { javaScriptEnabled: js, viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    const log = watch(page);
    for (const lang of LANGS) {
      const name = `journey${js ? "" : " (JavaScript off)"}: ${lang} home → every duty of 市科技局 in at most 3 taps at 375px`;
      try {
        if (!dept || !myRows.length || !myTasks.length) {
          fail(name, `open data lists ${myRows.length} rows and ${myTasks.length} tasks for ${PHONE_DEPT}`);
          continue;
        }
        log.errors.length = 0;
        log.bad.length = 0;
        await page.goto(`${base}${lang}/`);
        let taps = 0;
        const tap = async (selector) => {
          const link = page.locator(selector).first();
          if (!(await link.count())) return false;
          const before = page.url();
          await link.tap();
          await page.waitForURL((u) => u.href !== before, { timeout: 5000 }).catch(() => {});
          await page.waitForLoadState("load");
          taps++;
          return true;
        };
        const p = [];
        const deptPath = `/${lang}/departments/${PHONE_DEPT}/`;
        // A link to the department page from here, else to the department index first.
        if (!(await tap(`a[href$='${deptPath}']`))) {
          if (!(await tap(`a[href$='/${lang}/departments/']`))) p.push("no link to the department index on the home page");
          else if (!(await tap(`main a[href$='${deptPath}']`))) p.push("the department index does not link to the department");
        }
        if (!new URL(page.url()).pathname.endsWith(deptPath)) p.push(`after ${taps} taps the page is ${page.url()}`);
        else {
          const text = squash(await page.locator("main").innerText());
          const hrefs = await page.locator("main a").evaluateAll((as) => as.map((a) => a.pathname));
          for (const r of myRows) {
            const want = r[`content_${lang}`] ?? r.content_zh;
            if (!text.includes(squash(want))) p.push(`row ${r.number}: its task content is not on the page: ${want.slice(0, 40)}…`);
          }
          for (const t of myTasks) {
            const want = t[`title_${lang}`] ?? t.title_zh;
            if (!text.includes(squash(want))) p.push(`${t.id}: its title is not on the page: ${want}`);
          }
          for (const slug of myTargets) if (!hrefs.some((h) => h.endsWith(`/${lang}/targets/${slug}/`))) p.push(`no link to target ${slug}`);
        }
        if (taps > 3) p.push(`${taps} taps`);
        check(name, [...p, ...log.errors, ...log.bad], `${taps} taps; ${myRows.length} table rows, ${myTasks.length} tasks, ${myTargets.length} targets`);
      } catch (e) {
        fail(name, e.message.split("\n").slice(0, 6).join("\n"));
      }
    }
    await ctx.close();
  }
}

// --------------------------------------------------------------- weight
function weightReport(weights) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const rows = [];
  const problems = [];
  for (const [t, list] of [...weights].sort()) {
    const max = (k) => list.reduce((a, b) => (b.w[k] > a.w[k] ? b : a));
    const heaviest = max("totalGz");
    const w = heaviest.w;
    rows.push(`${t.padEnd(12)} ${String(list.length).padStart(3)} pages  heaviest ${heaviest.url.replace(SUB, "/innovation/")}\n              html ${kb(w.html)} (${kb(w.htmlGz)} gz)  css ${kb(w.css)} (${kb(w.cssGz)} gz)  js ${kb(w.js)} (${kb(w.jsGz)} gz)  data ${kb(w.data)} (${kb(w.dataGz)} gz)  img ${kb(w.img)}  total ${kb(w.total)} (${kb(w.totalGz)} gz)`);
    const b = BUDGETS[t];
    if (!b) {
      problems.push(`${t}: no budget set in budgets.mjs (heaviest ${kb(w.totalGz)} gz)`);
      continue;
    }
    for (const { url, w: x } of list) {
      const c = x.htmlGz + x.cssGz;
      if (c > CRITICAL_BUDGET) problems.push(`${url}: HTML+CSS ${kb(c)} gz > ${kb(CRITICAL_BUDGET)}, the 1-second critical budget`);
      for (const [k, lim] of Object.entries(b)) if (x[k] > lim) problems.push(`${url}: ${k} ${kb(x[k])} > budget ${kb(lim)}`);
    }
  }
  console.log(`weight per template (HTML, CSS, JS, fetched data, images; gz = gzip -6, as nginx sends it):\n${rows.map((r) => `      ${r}`).join("\n")}`);
  check(`weight: every page within its template's budget (budgets.mjs)`, problems);
}

// ------------------------------------------------------------------ main
const t0 = Date.now();
const lap = (what) => console.log(`time  ${what} done at ${((Date.now() - t0) / 1000).toFixed(0)} s`);
async function main() {
  console.log(`gazette browser checks against ${SUB} and ${ROOT}`);
  const sub = await crawl(SUB, "sub-path");
  await crawl(ROOT, "root");
  lap("crawl");
  vnu();
  lap("vnu");

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
  try {
    const htmlUrls = sub.html.filter((u) => templateOf(u, SUB) !== "outside").sort();
    const weights = await sweep(browser, [...htmlUrls, `${SUB}${MISSING}`], SUB);
    phoneTablesReport();
    lap("sweep");

    // One page per template and language: the first in URL order.
    const reps = [];
    const have = new Set();
    for (const u of htmlUrls) {
      const t = templateOf(u, SUB);
      const lang = langOf(u, SUB) || (t === "root" ? "zh" : "-");
      const key = `${t}/${lang}`;
      if (have.has(key)) continue;
      have.add(key);
      reps.push({ template: t, lang, url: u });
    }
    reps.push({ template: "404", lang: "zh", url: `${SUB}${MISSING}` });
    reps.push({ template: "404", lang: "en", url: `${SUB}en/${MISSING}` });
    const required = ["home", "policies", "policy", "breakdown", "targets", "target", "departments", "department", "search", "glossary", "page", "embed"];
    for (const t of required)
      for (const lang of LANGS)
        if (!have.has(`${t}/${lang}`)) fail(`axe ${t} ${lang}`, `the site has no ${t} page in ${lang}`);
    await axeAndShots(browser, reps, SUB);
    lap("axe per template and screenshots");
    await journeys(browser, SUB, htmlUrls.filter((u) => templateOf(u, SUB) === "target"), true);
    await journeys(browser, SUB, htmlUrls.filter((u) => templateOf(u, SUB) === "target"), false);
    await phoneDuties(browser, SUB);
    await planAndKitJourneys(browser, SUB, htmlUrls);
    lap("journeys");
    await trustJourneys(browser, SUB);
    lap("trust journeys");
    if (searchWeights.length) weights.set("search-query", searchWeights);
    weightReport(weights);
  } finally {
    await browser.close();
  }
  check("network: the browser asked no host but loopback", [...offHost]);

  // Everything nginx answered during the run, by status.
  const logFile = path.join(siteDir, "nginx/access.log");
  if (fs.existsSync(logFile)) {
    const bad = fs
      .readFileSync(logFile, "utf8")
      .split("\n")
      .map((l) => l.match(/"(\w+) (\S+) [^"]*" (\d{3})/))
      .filter((m) => m && Number(m[3]) >= 400 && !m[2].includes(MISSING))
      .map((m) => `${m[3]} ${m[1]} ${m[2]}`);
    check("nginx: no 4xx/5xx answered during the run (besides the 404 probe)", [...new Set(bad)]);
  }
  fs.writeFileSync(path.join(siteDir, "report.json"), JSON.stringify(report, null, 1));
  console.log(`screenshots: ${path.relative(repo, shots)}/ · report: ${path.relative(repo, path.join(siteDir, "report.json"))} · ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  console.log(`browser: ${tally.passed} passed, ${tally.failed} failed`);
  process.exit(tally.failed ? 1 : 0);
}
main().catch((e) => {
  console.error(e);
  process.exit(2);
});
