#!/usr/bin/env bash
# Times a program of 20 rules over 20 typed fields in export form (money, percent,
# datetime, Yes/No, grouped numbers: benches/typed/) against a hand-written baseline
# (benches/baseline_typed.rs), interleaved like scripts/bench.sh.
#
#   scripts/bench_typed.sh [LEADS] [RUNS]      defaults: 1000000 leads, 5 runs each
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-1000000}
runs=${2:-5}
as_of=2026-11-27
data=bench-data
mkdir -p "$data"
leads="$data/typed-$count.csv"
[ -f "$leads" ] || python3 benches/typed/gen_typed.py "$count" "$leads"

cargo build --release --quiet --bin leadplay --example baseline_typed
leadplay=target/release/leadplay
baseline=target/release/examples/baseline_typed
ws=$(mktemp -d)
trap 'rm -rf "$ws"' EXIT
cp -r benches/typed/playbooks "$ws/"
abs_leads=$(realpath "$leads")

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
cat "$leads" > /dev/null

echo "typed: $count leads, 20 rules over 20 typed fields, runs: $runs each (interleaved)"
pairs=()
for _ in $(seq "$runs"); do
  b=$(wall "$baseline" "$leads" "$as_of")
  l=$(wall "$leadplay" -C "$ws" eval --leads "$abs_leads" --as-of "$as_of" --dry-run --format csv -q)
  pairs+=("$b $l")
done
base=$(printf '%s\n' "${pairs[@]}" | awk '{print $1}' | median)
lp=$(printf '%s\n' "${pairs[@]}" | awk '{print $2}' | median)
ratio=$(printf '%s\n' "${pairs[@]}" | awk '{print $2 / $1}' | median)
printf 'baseline (hand parsing + ifs)     median %.3f s\n' "$base"
printf 'leadplay eval --dry-run --format csv  median %.3f s\n' "$lp"
printf 'ratio leadplay / baseline         %.2fx (median of %d paired runs)\n' "$ratio" "$runs"

"$baseline" "$leads" "$as_of" | cut -d, -f1-4 > "$data/typed-baseline.csv"
"$leadplay" -C "$ws" eval --leads "$abs_leads" --as-of "$as_of" --dry-run --format csv -q | cut -d, -f1-4 > "$data/typed-leadplay.csv"
if cmp -s "$data/typed-baseline.csv" "$data/typed-leadplay.csv"; then
  echo "outputs agree on id, tier and score for all $count leads"
else
  echo "warning: outputs differ:"; diff "$data/typed-baseline.csv" "$data/typed-leadplay.csv" | head -5
fi
