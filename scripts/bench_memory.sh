#!/usr/bin/env bash
# Peak memory and time of `eval --dry-run` on big exports: draft-heavy (the starter
# workspace from `leadplay init` with the sales cap raised, so about half the leads get
# a draft) and draft-light (the same plus `suppress when employees > 3`, so about one
# lead in thirty does), as the summary table and as `--format jsonl`. Peak memory is
# the maximum resident set size from `/usr/bin/time -v`, which other programs on the
# machine do not change; times are not, so with two binaries (before, after) the runs
# alternate and the ratios are paired.
#
#   scripts/bench_memory.sh [COUNTS] [RUNS] [BINARY...]
#
# COUNTS defaults to "1000000 5000000" leads (scripts/gen_leads.py --seed 7, generated
# once into $LEADS_DIR, default /tmp/leadplay-bench-leads), RUNS to 1, BINARY to
# target/release/leadplay. VARIANTS="light" (or "heavy") runs only that workspace.
set -euo pipefail
counts=${1:-"1000000 5000000"}
runs=${2:-1}
repo="$(cd "$(dirname "$0")/.." && pwd)"
shift $(( $# > 2 ? 2 : $# ))
bins=("$@")
(( ${#bins[@]} )) || bins=("$repo/target/release/leadplay")
for bin in "${bins[@]}"; do
  [[ -x $bin ]] || { echo "no binary at $bin (cargo build --release)" >&2; exit 1; }
done
leads_dir=${LEADS_DIR:-/tmp/leadplay-bench-leads}
mkdir -p "$leads_dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"${bins[0]}" init "$work/heavy" >/dev/null
sed -i 's/at most [0-9]* per day/at most 10000000 per day/' "$work/heavy/playbooks/"*.play
cp -r "$work/heavy" "$work/light"
echo 'suppress when employees > 3' >>"$work/light/playbooks/03-tiers.play"

# One run: "peak_kb cpu_s elapsed_s" of `eval --dry-run` (stdout discarded).
measure() {
  local bin=$1 ws=$2 leads=$3 format=$4
  /usr/bin/time -v -o "$work/time" "$bin" -C "$ws" -q eval --leads "$leads" \
    --as-of 2026-11-27 --dry-run --format "$format" >/dev/null
  python3 - "$work/time" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
user = float(re.search(r"User time \(seconds\): ([\d.]+)", t).group(1))
sys_ = float(re.search(r"System time \(seconds\): ([\d.]+)", t).group(1))
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", t).group(1)
secs = 0.0
for part in wall.split(":"):
    secs = secs * 60 + float(part)
print(f"{peak} {user + sys_:.2f} {secs:.2f}")
PY
}

for count in $counts; do
  leads="$leads_dir/leads-$count.csv"
  [[ -s $leads ]] || python3 "$repo/scripts/gen_leads.py" --count "$count" --seed 7 --out "$leads"
  for variant in ${VARIANTS:-heavy light}; do
    drafts=$("${bins[0]}" -C "$work/$variant" eval --leads "$leads" --as-of 2026-11-27 \
      --dry-run --format csv 2>/dev/null | awk -F, 'NR > 1 && $NF != "" { n++ } END { print n + 0 }')
    for format in table jsonl; do
      for run in $(seq "$runs"); do
        line="$count leads, $variant ($drafts leads with drafts), $format, run $run:"
        for bin in "${bins[@]}"; do
          read -r peak cpu wall < <(measure "$bin" "$work/$variant" "$leads" "$format")
          line+=" | $(basename "$bin"): $((peak / 1024)) MB, cpu $cpu s, wall $wall s"
        done
        echo "$line"
      done
    done
  done
done
