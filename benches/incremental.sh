#!/bin/bash
# Incremental builds (README "Incremental builds"): on a synthetic portal,
# times a cold build, a rebuild with nothing changed, a one-paragraph edit
# to one policy, a glossary entry every policy uses, each followed by the
# same state built with --full, and finally the paragraph edit with the
# search index. Prints each build's summary, stages, pages reused, wall
# and CPU time and peak memory.
#
#   cargo build --release --bin gazette --example synth
#   benches/incremental.sh 1000 [/tmp/portal]
set -euo pipefail
N=${1:-100}
P=${2:-/tmp/incremental-$N}
BIN=${GAZETTE_BIN:-target/release/gazette}
SYNTH=${SYNTH_BIN:-target/release/examples/synth}

run() {
    local label=$1
    shift
    echo "== $label"
    /usr/bin/time -f "wall %e s, user %U s, sys %S s, peak %M KiB" \
        "$BIN" build -v --root "$P" "$@" 2>&1 | grep -E 'stages|reused|wall|built'
}

# One paragraph: a sentence added after the first of the first long line.
edit_paragraph() {
    python3 - "$1" <<'PY'
import sys
p = sys.argv[1]
lines = open(p, encoding='utf-8').read().split('\n')
for i, l in enumerate(lines):
    if len(l) > 60 and l.count('。') >= 2:
        lines[i] = l.replace('。', '。加快推进试点工作。', 1)
        break
open(p, 'w', encoding='utf-8').write('\n'.join(lines))
PY
}

rm -rf "$P"
"$SYNTH" --policies "$N" --out "$P" | tail -1
seed="$P/seeds/$(ls "$P/seeds" | head -1)"
run cold --no-search
run "rebuild, nothing changed" --no-search
edit_paragraph "$seed"
run "one paragraph of one policy edited" --no-search
run "the same, --full" --no-search --full
# 创新 is in every synthetic policy: its glossary entry links it on every
# policy page.
printf -- '- zh: 创新\n  en: innovation\n' > "$P/content/glossary.yaml"
run "glossary entry used by every policy added" --no-search
rm "$P/content/glossary.yaml"
run "glossary entry removed, --full" --no-search --full
edit_paragraph "$seed"
run "one paragraph edited, with the search index (rebuilt whole)"
