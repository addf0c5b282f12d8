// Tables as one .xlsx workbook, a sheet per table: a bold header row in the chosen language, numbers
// as typed numeric cells with the column's decimals as the display format, text as text (so a code
// like 530402001 stays text and a leading '=' is never a formula), column widths from the content,
// header row frozen; codes (walk, pass, township) in words in the chosen language. write-excel-file
// (MIT, small, browser and Node); its universal entry returns a Blob, which both run.

import writeXlsxFile from 'write-excel-file/universal';
import type { Language, ExportTable } from './export-table.ts';
import { labelCodedValue } from './label-coded-values.ts';

/** The Blob the universal entry gives back; the core compiles without the DOM lib. */
interface BlobLike {
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Excel counts a CJK character about two columns wide. */
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += (character.codePointAt(0) as number) > 0x2e80 ? 2 : 1;
  return width;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(text: string): string {
  return text.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

export async function writeXlsx(tables: ExportTable[], language: Language = 'zh'): Promise<Uint8Array> {
  const sheets = tables.map((table) => {
    const header = table.columns.map((column) => ({ value: column.label[language], fontWeight: 'bold' as const, type: String }));
    const rows = table.rows.map((row) =>
      table.columns.map((column) => {
        const value = labelCodedValue(column, row[column.key] ?? null, language);
        if (value === null || value === undefined) return null;
        if (column.type === 'number' && typeof value === 'number') {
          const format = column.decimals === undefined ? undefined : column.decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(column.decimals)}`;
          return { value, type: Number, format };
        }
        return { value: String(value), type: String };
      }),
    );
    const columns = table.columns.map((column) => {
      const widest = Math.max(displayWidth(column.label[language]), ...table.rows.slice(0, 2000).map((row) => displayWidth(String(labelCodedValue(column, row[column.key] ?? null, language) ?? ''))));
      return { width: Math.min(60, Math.max(8, widest + 2)) };
    });
    return { data: [header, ...rows], sheet: sheetName(table.title[language]), columns, stickyRowsCount: 1 };
  });
  const blob = (await writeXlsxFile(sheets as never).toBlob()) as unknown as BlobLike;
  return new Uint8Array(await blob.arrayBuffer());
}
