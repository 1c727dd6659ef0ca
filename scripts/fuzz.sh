#!/bin/sh
# Fuzzes the loader (YAML → model → analysis and check) and the markup parser with
# at least 100,000 generated inputs (examples/fuzz.rs), on stable Rust. Not run in
# CI. Usage: scripts/fuzz.sh [COUNT] [SEED]
# Exit status: 0 when no input panicked and the process did not abort (a stack
# overflow or an allocation failure cannot be caught in-process: they show here).
set -u
cd "$(dirname "$0")/.." || exit 2
COUNT=${1:-100000}
SEED=${2:-$(date +%s)}
OUT=target/fuzz
mkdir -p "$OUT"
cargo build -q --example fuzz || exit 2
echo "fuzz: $COUNT inputs, seed $SEED (inputs that panic are saved in $OUT)"
# bounded like the hostile tests: 2 GB of address space
prlimit --as=2000000000 -- target/debug/examples/fuzz "$COUNT" "$SEED" "$OUT"
status=$?
if [ $status -gt 128 ]; then
    echo "fuzz: the process died with signal $((status - 128)) (stack overflow or abort) on $OUT/last-input" >&2
fi
exit $status
