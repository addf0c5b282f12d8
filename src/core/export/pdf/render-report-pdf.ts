// Renders a report document with pdfmake: registers the fonts and images in pdfmake's virtual file
// system, warns on the cover of any character of the data the font cannot show (naming the texts that
// hold it), prints such a character as its code point ([U+2348D]) rather than an empty box, and
// returns the PDF.
// pdfmake (0.3, pdfkit/fontkit inside) subsets the TrueType fonts, so the PDF embeds only the glyphs
// it prints and its Chinese text stays selectable (ToUnicode maps). The caller passes the pdfmake
// build it has: the Node entry in the CLI and tests, the browser build in the worker.

import type { Language } from '../export-table.ts';
import type { ReportDocument } from './build-report-document.ts';
import { codePointLabel, findMissingGlyphs, printableText, type CodePointRanges } from './font-coverage.ts';
import { fillText, REPORT_TEXTS } from './report-texts.ts';

/** The part of pdfmake's API used here. */
export interface PdfMake {
  virtualfs: { writeFileSync(name: string, data: Uint8Array | ArrayBuffer): void };
  setFonts(fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>): void;
  createPdf(definition: Record<string, unknown>): { getBuffer(): Promise<Uint8Array> };
  setUrlAccessPolicy?(policy: (url: string) => boolean): void;
  setLocalAccessPolicy?(policy: (path: string) => boolean): void;
  setProgressCallback?(callback: ((progress: number) => void) | undefined): void;
}

export interface ReportFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  /** Code points both fonts hold; without it no coverage check is made. */
  coverage?: CodePointRanges;
}

export interface RenderedReport {
  pdf: Uint8Array;
  /** Characters of the report's texts the font lacks (listed on the cover). */
  missingCharacters: string[];
  /** The texts holding them (township names, rule titles…), as given. */
  textsWithMissingCharacters: string[];
}

/** Texts named on the cover; the rest are counted. */
const MAX_NAMED_TEXTS = 20;

/** The node tree with every printed string (a `text`, an array's item, a table's cells) in its printable form; style names, widths and image keys are ASCII and come out unchanged. */
function printableNode(node: unknown, print: (text: string) => string): unknown {
  if (typeof node === 'string') return print(node);
  if (Array.isArray(node)) return node.map((child) => printableNode(child, print));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === 'text' || key === 'table' || Array.isArray(value) ? printableNode(value, print) : value;
  }
  return out;
}

export async function renderReportPdf(pdfmake: PdfMake, document: ReportDocument, fonts: ReportFonts, language: Language, onProgress?: (fraction: number) => void): Promise<RenderedReport> {
  const coverage = fonts.coverage;
  const missing = coverage ? findMissingGlyphs(coverage, document.texts) : { characters: [], texts: [] };
  const content = [...(document.definition.content as unknown[])];
  if (missing.characters.length > 0) {
    const named = missing.texts.slice(0, MAX_NAMED_TEXTS).join('、');
    const more = missing.texts.length > MAX_NAMED_TEXTS ? fillText(REPORT_TEXTS.missingGlyphsMore[language], { count: missing.texts.length - MAX_NAMED_TEXTS }) : '';
    // After the cover's key/value table (the third node).
    content.splice(3, 0, { text: fillText(REPORT_TEXTS.missingGlyphs[language], { characters: missing.characters.map(codePointLabel).join(' '), texts: named + more }), style: 'notice', margin: [0, 16, 0, 0] });
  }
  let definition: Record<string, unknown> = { ...document.definition, content };
  if (coverage) {
    const print = (text: string) => printableText(coverage, text);
    const footer = document.definition.footer as ((...args: unknown[]) => unknown) | undefined;
    definition = { ...(printableNode(definition, print) as Record<string, unknown>), ...(footer ? { footer: (...args: unknown[]) => printableNode(footer(...args), print) } : {}) };
  }
  pdfmake.virtualfs.writeFileSync('NotoSansSC-Regular.ttf', fonts.regular);
  pdfmake.virtualfs.writeFileSync('NotoSansSC-Bold.ttf', fonts.bold);
  // pdfkit opens an image from a Buffer or an ArrayBuffer (a bare Uint8Array reads as a path).
  for (const image of document.images) pdfmake.virtualfs.writeFileSync(image.file, image.bytes.slice().buffer);
  pdfmake.setFonts({ NotoSansSC: { normal: 'NotoSansSC-Regular.ttf', bold: 'NotoSansSC-Bold.ttf', italics: 'NotoSansSC-Regular.ttf', bolditalics: 'NotoSansSC-Bold.ttf' } });
  // Nothing outside the virtual file system: a report never fetches a URL or reads a local path.
  pdfmake.setUrlAccessPolicy?.(() => false);
  pdfmake.setLocalAccessPolicy?.(() => false);
  pdfmake.setProgressCallback?.(onProgress);
  const buffer = await pdfmake.createPdf(definition).getBuffer();
  // A fresh copy: pdfkit's Buffer may be a view into a shared pool, and the worker transfers the result.
  return { pdf: new Uint8Array(buffer), missingCharacters: missing.characters, textsWithMissingCharacters: missing.texts };
}
