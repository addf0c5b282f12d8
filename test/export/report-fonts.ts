// The report fonts for tests: public/fonts/ when `npm install` built them with the current recipe,
// else built once into a temporary folder (about 5 s) from node_modules, as the install step does.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReportFonts, REPORT_FONT_FILES, reportFontsAreCurrent } from '../../scripts/lib/build-report-fonts.ts';
import type { ReportFonts } from '../../src/core/export/pdf/render-report-pdf.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function reportFontDirectory(): string {
  const installed = join(ROOT, 'public', 'fonts');
  if (reportFontsAreCurrent(installed)) return installed;
  return buildReportFonts(ROOT, mkdtempSync(join(tmpdir(), 'gapmap-fonts-'))).directory;
}

export function loadReportFonts(directory = reportFontDirectory()): ReportFonts {
  return {
    regular: new Uint8Array(readFileSync(join(directory, REPORT_FONT_FILES.regular))),
    bold: new Uint8Array(readFileSync(join(directory, REPORT_FONT_FILES.bold))),
    coverage: JSON.parse(readFileSync(join(directory, REPORT_FONT_FILES.coverage), 'utf8')).ranges,
  };
}
