#!/bin/bash
# bench.sh BIN ROOT LABEL: a full build (cache cleared), then 3 rebuilds each after a one-sentence edit of one seed.
BIN=$1; ROOT=$2; LABEL=$3
SEED=$(ls $ROOT/seeds | sort | head -1)
rm -rf $ROOT/public $ROOT/.gazette-cache
run() {
  /usr/bin/time -f "TIME %M KiB %e s %U user" $BIN build --root $ROOT -v "$@" > /tmp/bench-$LABEL.out 2>&1
  echo "$LABEL $KIND load=$(cut -d' ' -f1 /proc/loadavg) $(grep TIME /tmp/bench-$LABEL.out) | $(grep -E '^built' /tmp/bench-$LABEL.out | sed 's/.* in //') | $(grep stages /tmp/bench-$LABEL.out) | $(grep 'search index runs' /tmp/bench-$LABEL.out)"
}
KIND=full run
for i in 1 2 3; do
  if grep -q 推进 $ROOT/seeds/$SEED && [ $((i % 2)) = 1 ]; then sed -i '0,/推进/s//加快/' $ROOT/seeds/$SEED; else sed -i '0,/加快/s//推进/' $ROOT/seeds/$SEED; fi
  KIND=edit$i run
done
