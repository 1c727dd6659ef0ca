// Prints the text PDF.js (Firefox's viewer, and many web viewers) extracts from a
// PDF, page by page, the way its text layer joins the items: each item's string,
// and a line break where PDF.js marks the end of a line. Pages are separated by a
// form feed, files by a NUL. Usage: node pdfjs.mjs FILE.pdf...
import { readFile } from "node:fs/promises";
import { getDocument } from "./node_modules/pdfjs-dist/legacy/build/pdf.mjs";

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error("usage: node pdfjs.mjs FILE.pdf...");
  process.exit(2);
}
const texts = [];
for (const path of paths) {
  const data = new Uint8Array(await readFile(path));
  const doc = await getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    let text = "";
    for (const item of content.items) {
      if (typeof item.str !== "string") continue;
      text += item.str;
      if (item.hasEOL) text += "\n";
    }
    pages.push(text);
  }
  texts.push(pages.join("\f"));
  await doc.destroy();
}
process.stdout.write(texts.join("\0"));
