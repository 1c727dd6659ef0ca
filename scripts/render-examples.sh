#!/usr/bin/env bash
# Renders every example in examples/ into out/<example>/ and lists the PDFs written.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
for f in examples/*.yaml; do
  name=$(basename "$f" .yaml)
  ./target/release/itadoc render "$f" -o "out/$name" --force
done
