// Renders a report document with pdfmake: registers the fonts and images in pdfmake's virtual file
// system, lists on the cover any character of the data the font cannot show, and returns the PDF.
// pdfmake (0.3, pdfkit/fontkit inside) subsets the TrueType fonts, so the PDF embeds only the glyphs
// it prints and its Chinese text stays selectable (ToUnicode maps). The caller passes the pdfmake
// build it has: the Node entry in the CLI and tests, the browser build in the worker.

import type { Language } from '../export-table.ts';
import type { ReportDocument } from './build-report-document.ts';
import { missingCharacters, type CodePointRanges } from './font-coverage.ts';
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
}

export async function renderReportPdf(pdfmake: PdfMake, document: ReportDocument, fonts: ReportFonts, language: Language, onProgress?: (fraction: number) => void): Promise<RenderedReport> {
  const missing = fonts.coverage ? missingCharacters(fonts.coverage, document.texts) : [];
  const content = [...(document.definition.content as unknown[])];
  if (missing.length > 0) {
    // After the cover's key/value table (the third node).
    content.splice(3, 0, { text: fillText(REPORT_TEXTS.missingGlyphs[language], { characters: missing.map((c) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`).join(' ') }), style: 'notice', margin: [0, 16, 0, 0] });
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
  const buffer = await pdfmake.createPdf({ ...document.definition, content }).getBuffer();
  // A fresh copy: pdfkit's Buffer may be a view into a shared pool, and the worker transfers the result.
  return { pdf: new Uint8Array(buffer), missingCharacters: missing };
}
