// The top hits of Pagefind's own search code (pagefind.js and its
// WebAssembly, run in Node) for each query of benches/search-queries.txt,
// on a built site:
//
//   node benches/search-top-hits.mjs PUBLIC [OTHER_PUBLIC] [N]
//
// With one site, prints each query's first N hits (default 10) with their
// scores. With two (say, before and after a change to indexing), compares
// them: whether the first hit is the same page, and whether the first N
// are the same pages; a page whose score ties the Nth's may stand in for
// another. Exits 1 when a query's first N differ.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const n = args.length > 1 && /^\d+$/.test(args[args.length - 1]) ? Number(args.pop()) : 10;
const sites = args;
if (sites.length < 1 || sites.length > 2) {
  console.error("usage: node benches/search-top-hits.mjs PUBLIC [OTHER_PUBLIC] [N]");
  process.exit(2);
}
const queries = fs
  .readFileSync(new URL("search-queries.txt", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim() && !line.startsWith("#"))
  .map((line) => {
    const at = line.indexOf(" ");
    return { lang: line.slice(0, at), query: line.slice(at + 1).trim() };
  });

// What pagefind.js reads of a browser: the page's language, and fetch
// (here, of the built files).
let lang = "";
globalThis.document = {
  currentScript: null,
  querySelector: (s) => (s === "html" ? { getAttribute: () => lang } : null),
};
globalThis.fetch = async (url) => {
  const bytes = fs.readFileSync(fileURLToPath(String(url).split("?")[0]));
  return {
    ok: true,
    status: 200,
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    json: async () => JSON.parse(bytes.toString("utf8")),
  };
};

// Each query's hits on `site`: [{url, score}], best first, all of them.
async function hits(site) {
  const dir = path.join(path.resolve(site), "pagefind");
  const out = [];
  for (const l of [...new Set(queries.map((q) => q.lang))]) {
    lang = l;
    // A module instance of its own per language (the URL's query differs).
    const pagefind = await import(pathToFileURL(path.join(dir, "pagefind.js")).href + `?lang=${l}`);
    for (const q of queries.filter((q) => q.lang === l)) {
      const search = await pagefind.search(q.query);
      const found = await Promise.all(
        search.results.map(async (r) => ({ url: (await r.data()).raw_url, score: r.score })),
      );
      out.push({ ...q, found });
    }
  }
  return out;
}

const runs = [];
for (const site of sites) runs.push(await hits(site));
if (runs.length === 1) {
  for (const r of runs[0]) {
    const top = r.found.slice(0, n).map((h) => `${h.url} ${h.score.toFixed(3)}`);
    console.log(`${r.lang} ${r.query} (${r.found.length} pages)\n  ${top.join("\n  ")}`);
  }
  process.exit(0);
}
let differ = 0;
let firsts = 0;
let overlap = 0;
for (let i = 0; i < runs[0].length; i++) {
  const [a, b] = [runs[0][i], runs[1][i]];
  const top = (r) => r.found.slice(0, n);
  // Pages tied with the Nth hit's score may replace each other.
  const tied = (r) => {
    const last = top(r).at(-1);
    return new Set(r.found.filter((h) => last && Math.abs(h.score - last.score) < 1e-6).map((h) => h.url));
  };
  const inTop = (r, url) => top(r).some((h) => h.url === url) || tied(r).has(url);
  const same =
    top(a).every((h) => inTop(b, h.url)) && top(b).every((h) => inTop(a, h.url));
  const first = a.found[0]?.url === b.found[0]?.url;
  const shared = top(a).filter((h) => top(b).some((o) => o.url === h.url)).length;
  if (!same) differ++;
  if (first) firsts++;
  overlap += shared / Math.max(1, top(a).length);
  const status = same ? "same" : "DIFFERENT";
  console.log(
    `${status} top ${n} (${shared} pages shared), first hit ${first ? "same" : "different"}: ${a.lang} ${a.query} (${a.found.length} / ${b.found.length} pages)`,
  );
  if (!same || !first) {
    console.log(`  ${sites[0]}: ${top(a).map((h) => `${h.url} ${h.score.toFixed(3)}`).join(", ")}`);
    console.log(`  ${sites[1]}: ${top(b).map((h) => `${h.url} ${h.score.toFixed(3)}`).join(", ")}`);
  }
}
const count = runs[0].length;
console.log(
  `${count - differ} of ${count} queries: the same top ${n}; ${firsts} the same first hit; ` +
    `${Math.round((100 * overlap) / count)}% of the top ${n} pages shared`,
);
process.exit(differ ? 1 : 0);
