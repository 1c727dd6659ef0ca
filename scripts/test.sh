#!/usr/bin/env bash
# Runs itadoc's test suite. Installs poppler-utils (pdftotext, pdffonts, pdftoppm),
# which the PDF tests use, and LibreOffice Writer (soffice, which the DOCX tests
# lay the documents out with), when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pdftotext >/dev/null 2>&1; then
  echo "installing poppler-utils (needed by the PDF tests)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq poppler-utils
fi
if ! command -v soffice >/dev/null 2>&1; then
  echo "installing libreoffice-writer-nogui (needed by the DOCX tests)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui
fi
# The PDF readers the text-extraction tests run (tests/readers_extract.rs):
# PDFium, MuPDF and pdfminer.six from PyPI, PDF.js from npm.
scripts/readers/install.sh
# Debug build: compiling the dependencies in release (thin LTO) costs more on a
# 2-core machine than the rendering tests gain from optimisation (see README).
# Pass --release to test the optimised build.
cargo test "$@"
