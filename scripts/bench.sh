#!/usr/bin/env bash
# Times whole runs on generated data: leadplay against a hand-written Rust baseline
# (benches/baseline.rs) in the same run, on the same file and machine.
#
#   scripts/bench.sh [LEADS] [RUNS]      defaults: 1000000 leads, 5 runs each
#
# Runs the two in turns and prints the median wall time of each and the median of the
# paired ratios. Needs python3 (the generator)
# and a release build (made here).
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-1000000}
runs=${2:-5}
as_of=2026-11-27
data=bench-data
mkdir -p "$data"
leads="$data/leads-$count.csv"

if [ ! -f "$leads" ]; then
  echo "generating $count leads → $leads"
  python3 scripts/gen_leads.py --count "$count" --seed 7 --out "$leads"
fi

cargo build --release --quiet --bin leadplay --example baseline
leadplay=target/release/leadplay
baseline=target/release/examples/baseline

# Wall-clock seconds of one run of a command, output discarded.
wall() {
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

median() {
  sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}

# Warm the page cache so neither side pays for the first read.
cat "$leads" > /dev/null

echo "leads: $count, runs: $runs each (interleaved), cores: $(nproc)"
# Baseline and leadplay take turns, so a slow spell of a shared machine falls on both;
# the ratio reported is the median of each pair's ratio.
pairs=()
for _ in $(seq "$runs"); do
  b=$(wall "$baseline" "$leads" "$as_of")
  l=$(wall "$leadplay" eval --leads "$leads" --as-of "$as_of" --dry-run --format csv -q)
  pairs+=("$b $l")
done
base=$(printf '%s\n' "${pairs[@]}" | awk '{print $1}' | median)
lp=$(printf '%s\n' "${pairs[@]}" | awk '{print $2}' | median)
ratio=$(printf '%s\n' "${pairs[@]}" | awk '{print $2 / $1}' | median)
printf 'baseline (csv + plain ifs)        median %.3f s\n' "$base"
printf 'leadplay eval --dry-run --format csv  median %.3f s\n' "$lp"
printf 'ratio leadplay / baseline         %.2fx (median of %d paired runs)\n' "$ratio" "$runs"
printf '%s\n' "${pairs[@]}" | awk '{r = $2 / $1; if (NR == 1 || r < lo) lo = r; if (r > hi) hi = r; if (r <= 1.2) ok++}
  END {printf "paired ratios from %.2fx to %.2fx; %d of %d within 1.2x\n", lo, hi, ok, NR}'

# The two must agree on every tier and score (drafts column aside).
"$baseline" "$leads" "$as_of" | cut -d, -f1-6 > "$data/baseline.csv"
"$leadplay" eval --leads "$leads" --as-of "$as_of" --dry-run --format csv -q | cut -d, -f1-6 > "$data/leadplay.csv"
if cmp -s "$data/baseline.csv" "$data/leadplay.csv"; then
  echo "outputs agree on id, tier, scores and suppression for all $count leads"
else
  echo "warning: outputs differ:"; diff "$data/baseline.csv" "$data/leadplay.csv" | head -5
fi

# `leadplay watch`: reload latency at 10k leads (the end-to-end loop users feel).
[ -n "${SKIP_WATCH:-}" ] || scripts/watch_latency.sh 10000 20
