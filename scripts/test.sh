#!/usr/bin/env bash
# Runs itadoc's test suite. Installs poppler-utils (pdftotext, pdffonts, pdftoppm),
# which the PDF tests use, when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pdftotext >/dev/null 2>&1; then
  echo "installing poppler-utils (needed by the PDF tests)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq poppler-utils
fi
# Release mode: the rendering tests typeset every example, which is several times
# faster optimised than the debug build's extra compile time costs.
cargo test --release "$@"
