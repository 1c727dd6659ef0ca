#!/usr/bin/env bash
# Times itadoc on this machine (release build):
#  1. every example rendered by a fresh process (wall time, best of 5);
#  2. `itadoc batch` over 1,000 generated agency files, with peak memory.
# Needs /usr/bin/time (apt-get install time) for the memory figure.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
cargo build --release --quiet
BIN=target/release/itadoc
for f in examples/*.yaml; do
  best=999999
  for _ in 1 2 3 4 5; do
    s=$(date +%s%N); "$BIN" render "$f" -o /tmp/itadoc-bench-one --force >/dev/null 2>&1 || true; e=$(date +%s%N)
    t=$(( (e - s) / 1000000 )); [ "$t" -lt "$best" ] && best=$t
  done
  echo "fresh process, all documents of $(basename "$f"): ${best} ms"
done
rm -rf /tmp/itadoc-batch-in /tmp/itadoc-batch-out
# N agency files: the examples in turn, each copy under another agency name
mkdir -p /tmp/itadoc-batch-in
examples=(examples/*.yaml)
for i in $(seq 1 "$N"); do
  src=${examples[$(( (i - 1) % ${#examples[@]} ))]}
  name=$(sed -n 's/^  name: *//p' "$src" | head -1)
  sed "s/${name}/${name}${i}/g" "$src" > "/tmp/itadoc-batch-in/agency-$(printf %04d "$i").yaml"
done
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v "$BIN" batch /tmp/itadoc-batch-in -o /tmp/itadoc-batch-out --force 2>&1 \
    | grep -E "file\(s\)|ไฟล์|Elapsed|Maximum resident" || true
else
  time "$BIN" batch /tmp/itadoc-batch-in -o /tmp/itadoc-batch-out --force
fi
