// CSV for spreadsheets: RFC 4180 quoting (CRLF rows, fields with , " CR LF quoted, quotes doubled),
// a UTF-8 byte-order mark so Excel in Chinese opens it as UTF-8, and a guard against formula
// injection: a text cell starting with = + - @ (or tab / CR) gets a leading ' so it stays text.

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

const UTF8_BOM = '\uFEFF';

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: header row, then one row per record; with a BOM unless told otherwise. */
export function toCsv(header: string[], rows: CsvCell[][], options: { bom?: boolean } = {}): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return (options.bom === false ? '' : UTF8_BOM) + lines.join('\r\n') + '\r\n';
}
