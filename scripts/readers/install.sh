#!/usr/bin/env bash
# Installs the PDF readers that tests/readers_extract.rs runs, when they are missing:
# pypdfium2 (PDFium), pymupdf (MuPDF) and pdfminer.six from PyPI, and pdfjs-dist
# (PDF.js) from npm into scripts/readers/node_modules (pinned by package-lock.json).
set -euo pipefail
cd "$(dirname "$0")"
if ! python3 -c "import pypdfium2, pymupdf, pdfminer" >/dev/null 2>&1; then
  echo "installing pypdfium2, pymupdf and pdfminer.six (needed by the reader tests)" >&2
  python3 -m pip install -q pypdfium2 pymupdf pdfminer.six
fi
if [ ! -d node_modules/pdfjs-dist ]; then
  echo "installing pdfjs-dist (needed by the reader tests)" >&2
  npm ci --no-audit --no-fund --silent
fi
