// Page-weight budgets per template, checked by check.mjs against every page
// of that template (the heaviest one decides). Sizes are bytes after gzip -6,
// which is what nginx (and any ordinary static host) sends; raw sizes are
// printed too.
//
// Why these numbers. The reader we design for is on a slow phone
// connection: Lighthouse's mobile profile, 1.6 Mbit/s down (≈200 KiB/s) with
// 150 ms round trips, and should see text within one second.
//   - A cold visit spends about four round trips before the first byte
//     (DNS, TCP, TLS, request): 600 ms. That leaves 400 ms ≈ 80 KiB of
//     transfer, and TCP slow start (≈14, 28, 56 KiB per round trip) gives
//     about the same. Text needs only the HTML and the render-blocking CSS,
//     so CRITICAL_BUDGET caps HTML + CSS at 64 KiB gz on every page: a 20%
//     margin for server time and parsing. The biggest page today, the full
//     policy text, is ≈ 18 KiB gz: a second, longer plan still fits.
//   - Per template, `totalGz` (everything the page loads before any
//     interaction) is about twice today's heaviest page, so a regression
//     (an inlined image, a duplicated block, a framework) fails while normal
//     growth (another policy, longer translations) does not. `jsGz` stays
//     small on purpose: every page must read well without JavaScript, so
//     JavaScript is only enhancement; `cssGz` is one hand-written stylesheet.
//   - `search-query` is what the search page fetches once a query is typed
//     (Pagefind's loader, WebAssembly and index chunks). It is not on the
//     path to seeing text, so its budget is about bytes on a metered phone
//     plan: under 300 KiB gz, ≈ 1.5 s at 1.6 Mbit/s, for the first query.
const KiB = 1024;
export const CRITICAL_BUDGET = 64 * KiB;

const page = (totalGz) => ({ totalGz, cssGz: 8 * KiB, jsGz: 8 * KiB });
export const BUDGETS = {
  home: page(16 * KiB),
  policies: page(16 * KiB),
  policy: page(48 * KiB),
  breakdown: page(24 * KiB),
  targets: page(16 * KiB),
  "targets-facet": page(16 * KiB),
  target: page(16 * KiB),
  embed: { totalGz: 4 * KiB, cssGz: 2 * KiB, jsGz: 0 },
  departments: page(12 * KiB),
  department: page(16 * KiB),
  search: page(12 * KiB),
  "search-query": { dataGz: 300 * KiB, totalGz: 320 * KiB },
  glossary: page(16 * KiB),
  page: page(24 * KiB),
  "404": page(8 * KiB),
};
