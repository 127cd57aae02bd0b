#!/usr/bin/env bash
# gazette side by side with Hugo on the same number of pages.
#
#   benches/hugo-twin.sh [POLICIES] [RUNS]      (defaults: 100 policies, 3 runs)
#
# Generates a synthetic portal of POLICIES documents (examples/synth), builds
# it once with gazette to count its HTML pages, then makes a Hugo site with
# the same number of pages, each holding a similar amount of the same
# Chinese text (cut from the generated seeds), with a plain layout and no
# taxonomies, feeds or sitemap. Then it alternates builds of both, RUNS
# times, each into an empty output folder ("cold") and again over it
# ("rebuild"), and prints the medians and gazette's pages/s over Hugo's.
# TMPDIR=/dev/shm runs it all on a RAM disk, without the disk's noise.
# gazette builds without its search index (Hugo's twin has none; the
# index is timed separately, see README): GAZETTE_FLAGS= includes it, and
# then each Hugo build is followed by the Pagefind CLI over its output,
# timed with it (Hugo + Pagefind, the pair gazette's index replaces):
# PAGEFIND names the CLI (`npm install pagefind@1.6.0` in a scratch folder,
# then PAGEFIND=that/folder/node_modules/.bin/pagefind).
# Hugo: Debian's package (`apt-get install -y hugo`).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100}
RUNS=${2:-3}
# Unquoted below on purpose: empty means no flag.
GAZETTE_FLAGS=${GAZETTE_FLAGS---no-search}
command -v hugo >/dev/null || { echo "hugo not found: apt-get install -y hugo" >&2; exit 1; }
SEARCH=yes
[[ " $GAZETTE_FLAGS " == *" --no-search "* ]] && SEARCH=
PAGEFIND=${PAGEFIND:-pagefind}
if [ -n "$SEARCH" ] && ! command -v "$PAGEFIND" >/dev/null; then
  echo "gazette builds its search index, so Hugo's twin needs Pagefind: npm install pagefind@1.6.0, then PAGEFIND=…/node_modules/.bin/pagefind" >&2
  exit 1
fi
# Hugo's build, and Pagefind over its output when gazette indexes too.
hugo_build() {
  hugo --quiet -s "$WORK/hugo" -d "$1" >/dev/null
  if [ -n "$SEARCH" ]; then "$PAGEFIND" --site "$1" --silent >/dev/null; fi
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/hugo-twin.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# GAZETTE_BIN and SYNTH_BIN take binaries already built instead.
if [ -z "${GAZETTE_BIN:-}" ]; then
  cargo build --release --quiet --bin gazette --example synth
fi
GAZETTE=${GAZETTE_BIN:-target/release/gazette}
"${SYNTH_BIN:-target/release/examples/synth}" --policies "$N" --out "$WORK/portal" >/dev/null

# gazette's page count (and a build whose search index etc. it reports).
line=$("$GAZETTE" build --root "$WORK/portal" --out "$WORK/probe" 2>/dev/null | grep '^built')
PAGES=$(sed -E 's/.* ([0-9]+) pages.*/\1/' <<<"$line")
BYTES=$(find "$WORK/probe" -name '*.html' -printf '%s\n' | awk '{s+=$1} END {print s}')
# The probe's output stays (see below), and so does the URL lock it wrote:
# every timed build then finds the same lock, as a webmaster's builds do.
echo "gazette: $line"

# The twin: PAGES pages of seed text, about as many text bytes per page as
# gazette's pages hold (markup included there, so this errs on Hugo's side).
python3 - "$WORK/portal/seeds" "$WORK/hugo" "$PAGES" "$((BYTES / PAGES / 3))" <<'EOF'
import os, sys, pathlib
seeds, site, pages, per_page = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
paras = [l.strip() for f in sorted(os.listdir(seeds)) for l in open(os.path.join(seeds, f), encoding="utf-8") if l.strip()]
(site / "content" / "p").mkdir(parents=True)
(site / "layouts" / "_default").mkdir(parents=True)
(site / "config.toml").write_text(
    'baseURL = "https://example.gov.cn/twin/"\ntitle = "twin"\n'
    'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n')
(site / "layouts" / "_default" / "baseof.html").write_text(
    '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
    '<body><nav><a href="{{ "/" | relURL }}">home</a></nav><main>{{ block "main" . }}{{ end }}</main></body></html>\n')
(site / "layouts" / "_default" / "single.html").write_text(
    '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n')
(site / "layouts" / "_default" / "list.html").write_text(
    '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n')
# Home and section list count as pages too.
k = 0
for i in range(max(pages - 2, 1)):
    body, size = [], 0
    while size < per_page:
        p = paras[k % len(paras)]; k += 1
        body.append(p); size += len(p.encode())
    title = body[0][:30].replace('"', "'")
    (site / "content" / "p" / f"{i:06}.md").write_text(f'---\ntitle: "{title}"\n---\n\n' + "\n\n".join(body) + "\n")
EOF

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: >"$WORK/g_cold"; : >"$WORK/g_warm"; : >"$WORK/h_cold"; : >"$WORK/h_warm"
# Cold builds go into new folders and nothing is deleted until the end: on
# ext4 without a journal (this VM's disk), creating inodes within minutes
# of deleting many is slow for everyone (the kernel skips recently deleted
# inodes one by one), so `rm -rf` between runs would time the harness's
# own deletions. The rebuild then runs over the cold build's output.
for r in $(seq "$RUNS"); do
  # Cold means no cache either: the last run's pages and search runs
  # (`.gazette-cache/`, kept beside content/) would otherwise be reused.
  rm -rf "$WORK/portal/.gazette-cache"
  t=$(now); "$GAZETTE" build $GAZETTE_FLAGS --root "$WORK/portal" --out "$WORK/gout$r" >/dev/null 2>&1; echo "$(now) - $t" | bc >>"$WORK/g_cold"
  t=$(now); hugo_build "$WORK/hout$r"; echo "$(now) - $t" | bc >>"$WORK/h_cold"
  t=$(now); "$GAZETTE" build $GAZETTE_FLAGS --root "$WORK/portal" --out "$WORK/gout$r" >/dev/null 2>&1; echo "$(now) - $t" | bc >>"$WORK/g_warm"
  t=$(now); hugo_build "$WORK/hout$r"; echo "$(now) - $t" | bc >>"$WORK/h_warm"
done
HPAGES=$(find "$WORK/hout1" -name '*.html' | wc -l)
echo "hugo: $(hugo version | cut -d' ' -f2), $HPAGES pages${SEARCH:+, then $("$PAGEFIND" --version)}"
for kind in cold warm; do
  g=$(median <"$WORK/g_$kind"); h=$(median <"$WORK/h_$kind")
  awk -v k="$kind" -v g="$g" -v h="$h" -v gp="$PAGES" -v hp="$HPAGES" 'BEGIN {
    printf "%-7s gazette %.2f s (%.0f pages/s)  hugo %.2f s (%.0f pages/s)  ratio %.2f\n",
      k, g, gp / g, h, hp / h, (gp / g) / (hp / h) }'
done
echo "(medians of $RUNS alternating runs; gazette flags: ${GAZETTE_FLAGS:-none}; ratio = gazette pages/s ÷ hugo pages/s)"
