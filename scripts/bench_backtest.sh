#!/usr/bin/env bash
# Times `leadplay backtest` against `leadplay eval --dry-run` on the same generated
# leads (with outcomes), in the same run and on the same machine.
#
#   scripts/bench_backtest.sh [LEADS] [RUNS]      defaults: 1000000 leads, 5 runs each
#
# The two take turns, so a slow spell of a shared machine falls on both; it prints the
# median wall time of each and the median of the paired ratios. Needs python3 (the
# generator) and a release build (made here).
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-1000000}
runs=${2:-5}
as_of=2026-11-27
data=bench-data
mkdir -p "$data"
leads="$data/leads-outcomes-$count.csv"

if [ ! -f "$leads" ]; then
  echo "generating $count leads with outcomes → $leads"
  python3 scripts/gen_leads.py --count "$count" --seed 7 --outcomes --out "$leads"
fi

cargo build --release --quiet --bin leadplay
leadplay=target/release/leadplay

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

echo "leads: $count, runs: $runs each (interleaved), cores: $(nproc)"
pairs=()
for _ in $(seq "$runs"); do
  e=$(wall "$leadplay" eval --leads "$leads" --as-of "$as_of" --dry-run -q)
  b=$(wall "$leadplay" backtest --leads "$leads" --as-of "$as_of" \
    --outcome deal_status --won closed_won --lost closed_lost --format json -q)
  pairs+=("$e $b")
done
ev=$(printf '%s\n' "${pairs[@]}" | awk '{print $1}' | median)
bt=$(printf '%s\n' "${pairs[@]}" | awk '{print $2}' | median)
ratio=$(printf '%s\n' "${pairs[@]}" | awk '{print $2 / $1}' | median)
printf 'leadplay eval --dry-run           median %.3f s\n' "$ev"
printf 'leadplay backtest --format json   median %.3f s\n' "$bt"
printf 'ratio backtest / eval --dry-run   %.2fx (median of %d paired runs)\n' "$ratio" "$runs"
printf '%s\n' "${pairs[@]}" | awk '{r = $2 / $1; if (NR == 1 || r < lo) lo = r; if (r > hi) hi = r}
  END {printf "paired ratios ranged from %.2fx to %.2fx\n", lo, hi}'
