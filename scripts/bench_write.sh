#!/usr/bin/env bash
# Whole-run write benchmark: a real `leadplay eval` (drafts written, made durable, then
# the state) side by side with copying the same drafts folder and syncing it
# (`cp -r drafts copy && sync`), the floor any durable write of those files has on
# this disk. Runs alternate so a slow spell of a shared machine falls on both.
#
#   scripts/bench_write.sh [LEADS] [RUNS] [BINARY]
#
# LEADS defaults to 100000 (scripts/gen_leads.py --seed 7), RUNS to 3; the starter
# workspace from `leadplay init` with the sales cap raised so every due draft is made.
set -euo pipefail
leads=${1:-100000}
runs=${2:-3}
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin=${3:-$repo/target/release/leadplay}
[[ -x $bin ]] || (cd "$repo" && cargo build --release --quiet)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" init "$work/ws" >/dev/null
python3 "$repo/scripts/gen_leads.py" --count "$leads" --seed 7 --out "$work/ws/leads.csv"
sed -i 's/at most [0-9]* per day/at most 10000000 per day/' "$work/ws/playbooks/"*.play

seconds() { python3 -c 'import sys,time; print(f"{time.time():.3f}")'; }
eval_times=()
copy_times=()
for run in $(seq "$runs"); do
  rm -rf "$work/ws/drafts" "$work/ws/.leadplay" "$work/copy"
  sync
  start=$(seconds)
  "$bin" -C "$work/ws" -q eval --as-of 2026-11-27
  end=$(seconds)
  eval_times+=("$(python3 -c "print(f'{$end - $start:.3f}')")")
  drafts=$(find "$work/ws/drafts" -type f | wc -l)
  sync
  start=$(seconds)
  cp -r "$work/ws/drafts" "$work/copy" && sync
  end=$(seconds)
  copy_times+=("$(python3 -c "print(f'{$end - $start:.3f}')")")
  echo "run $run: eval ${eval_times[-1]} s, cp -r + sync ${copy_times[-1]} s ($drafts drafts)"
done
python3 - "${eval_times[*]}" "${copy_times[*]}" <<'PY'
import statistics, sys
e = [float(x) for x in sys.argv[1].split()]
c = [float(x) for x in sys.argv[2].split()]
ratios = [a / b for a, b in zip(e, c)]
print(f"median: eval {statistics.median(e):.2f} s, cp -r + sync {statistics.median(c):.2f} s, "
      f"ratio {statistics.median(ratios):.2f}x (paired ratios {min(ratios):.2f}-{max(ratios):.2f})")
PY
