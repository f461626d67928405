#!/usr/bin/env bash
# Reload latency of `leadplay watch` on a generated workspace: starts `leadplay -v watch`,
# makes a real rule edit RELOADS times (the warm threshold in the workspace copy's
# 03-tiers.play alternates between `engagement >= 25` and `>= 30`, so leads move between
# tiers and their due drafts change), waits for each screen, and reports how many leads
# moved and the p50, p90 and max of the latency `-v` prints: from the end of the debounce
# window to the summary printed (preview files written). The debounce window itself
# (100 ms) comes on top.
#
#   scripts/watch_latency.sh [LEADS] [RELOADS]     defaults: 10000 leads, 20 reloads
#
# Needs python3 (the generator) and a release build (made here). scripts/bench.sh runs
# it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-10000}
reloads=${2:-20}
ws=bench-data/watch-$count

# The workspace is refreshed, not deleted: deleting thousands of preview files right
# before the run would slow every file creation on ext4 for minutes after (it skips
# recently freed inodes). The watch still starts from a clean preview: it keeps only
# left-over files that are exactly a draft due now.
rm -rf "$ws/playbooks"
mkdir -p "$ws/examples"
cp -r playbooks "$ws/"
cp leadplay.yaml "$ws/"
python3 scripts/gen_leads.py --count "$count" --seed 7 --out "$ws/examples/leads.csv"

cargo build --release --quiet --bin leadplay
leadplay=target/release/leadplay

out="$ws/watch.out"
"$leadplay" -v -C "$ws" watch --as-of 2026-11-27 > "$out" 2> "$ws/watch.err" &
pid=$!
trap 'kill -INT "$pid" 2> /dev/null || true' EXIT

# Waits (at most 60 s) until the watch has printed N screens.
screens() {
  local want=$1
  for _ in $(seq 1200); do
    if [ "$(grep -c '^watching for changes' "$out")" -ge "$want" ]; then
      return 0
    fi
    sleep 0.05
  done
  echo "timed out waiting for screen $want; stderr:" >&2
  cat "$ws/watch.err" >&2
  exit 1
}

tiers="$ws/playbooks/03-tiers.play"
grep -q 'warm when engagement >= 25' "$tiers" || {
  echo "playbooks/03-tiers.play has no \`warm when engagement >= 25\`: update this script" >&2
  exit 1
}
screens 1
for i in $(seq "$reloads"); do
  # Only ever the copy in $ws: the repository's playbooks stay as they are.
  if [ $((i % 2)) -eq 1 ]; then
    sed -i 's/warm when engagement >= 25/warm when engagement >= 30/' "$tiers"
  else
    sed -i 's/warm when engagement >= 30/warm when engagement >= 25/' "$tiers"
  fi
  screens $((i + 1))
done
kill -INT "$pid"
wait "$pid"
trap - EXIT

drafts=$(grep -m1 '^  drafts' "$out" | awk '{print $2}')
echo "leads: $count, reloads: $reloads, drafts previewed per reload: $drafts, cores: $(nproc)"
# The screen's delta line (`cold → warm: 212, …`): the leads each edit moved.
grep '^  delta ' "$out" | grep -v 'first evaluation' |
  grep -o ': [0-9]*' | awk '{moved += $2} END {
    printf "rule edit per reload: warm threshold 25 <-> 30; leads moved per reload: %.0f on average\n", (NR ? moved : 0) / '"$reloads"'
  }'
grep -o 'latency    [0-9.]* ms after the debounce window' "$out" |
  awk '{print $2}' | sort -g |
  awk '{a[NR]=$1} END {
    if (NR == 0) { print "no latency lines found"; exit 1 }
    p50 = (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2
    p90 = a[int(NR*0.9 + 0.999)]
    printf "watch reload latency after the debounce window: p50 %.1f ms, p90 %.1f ms, max %.1f ms\n", p50, p90, a[NR]
  }'
