#!/usr/bin/env python3
"""Prints the text a PDF reader library extracts from a PDF, page by page.

Usage: extract.py READER FILE.pdf...
READER is one of:
  pdfium    PDFium (the engine of Chrome and Edge), through pypdfium2
  mupdf     MuPDF, through pymupdf
  pdfminer  pdfminer.six with its default layout analysis (also what pdfplumber uses)

Pages are separated by a form feed (U+000C), files by a NUL. A missing library is an error
(exit status 3), never an empty result: the tests must fail, not skip.
"""
import sys


def pdfium(path):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    try:
        for page in doc:
            yield page.get_textpage().get_text_range()
    finally:
        doc.close()


def mupdf(path):
    import pymupdf

    with pymupdf.open(path) as doc:
        for page in doc:
            yield page.get_text("text")


def pdfminer(path):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    for layout in extract_pages(path):
        yield "".join(el.get_text() for el in layout if isinstance(el, LTTextContainer))


READERS = {"pdfium": pdfium, "mupdf": mupdf, "pdfminer": pdfminer}


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in READERS:
        sys.stderr.write(__doc__)
        return 2
    texts = []
    try:
        for path in sys.argv[2:]:
            texts.append("\f".join(READERS[sys.argv[1]](path)))
    except ImportError as e:
        sys.stderr.write(f"{sys.argv[1]}: the Python library is not installed: {e}\n")
        return 3
    sys.stdout.write("\0".join(texts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
