// dBASE III attribute table (.dbf) of a Shapefile, written here because the common writer
// (@mapbox/shp-write) keeps only the low byte of each character, so Chinese comes out garbled, and
// writes no .cpg. Text fields are encoded as UTF-8 or GBK (code page 936, what ArcGIS and Chinese
// desktop GIS expect without a .cpg); widths count encoded bytes, never characters, and a value longer
// than the 254-byte limit is cut at a character boundary and reported.

import type { ExportColumn, ExportValue } from '../export-table.ts';
import { encodeGbk } from './encode-gbk.ts';

export type DbfEncoding = 'utf-8' | 'gbk';

export interface DbfField {
  /** Field name as written: at most 10 bytes in the file's encoding. */
  name: string;
  column: ExportColumn;
}

export interface DbfResult {
  bytes: Uint8Array;
  /** Text cut to fit a field, or characters the encoding cannot hold ('?' written). */
  warnings: { row: number; field: string; kind: 'truncated' | 'unmappable'; characters?: string }[];
}

const MAX_TEXT_BYTES = 254;
/** dBASE numeric fields hold at most 20 characters, sign and point included. */
const MAX_NUMBER_WIDTH = 20;
/** Language driver ids in byte 29: 0x4D = GBK (936); UTF-8 has none, the .cpg declares it. */
const LANGUAGE_DRIVER: Record<DbfEncoding, number> = { 'utf-8': 0x00, gbk: 0x4d };

const utf8 = new TextEncoder();

export function encodeText(text: string, encoding: DbfEncoding): { bytes: Uint8Array; unmappable: string[] } {
  return encoding === 'gbk' ? encodeGbk(text) : { bytes: utf8.encode(text), unmappable: [] };
}

/** Cuts text to at most `limit` encoded bytes without splitting a character. */
function fitText(text: string, encoding: DbfEncoding, limit: number): { bytes: Uint8Array; truncated: boolean; unmappable: string[] } {
  const whole = encodeText(text, encoding);
  if (whole.bytes.length <= limit) return { ...whole, truncated: false };
  const kept: string[] = [];
  let used = 0;
  for (const character of text) {
    const size = encodeText(character, encoding).bytes.length;
    if (used + size > limit) break;
    kept.push(character);
    used += size;
  }
  return { ...encodeText(kept.join(''), encoding), truncated: true };
}

function formatNumber(value: ExportValue, decimals: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  return value.toFixed(decimals);
}

/** Decimal places to keep: the column's own, else as many as the data carries (at most 8). */
function decimalsOf(column: ExportColumn, values: ExportValue[]): number {
  if (column.decimals !== undefined) return column.decimals;
  let most = 0;
  for (const value of values) {
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    const text = String(value);
    const dot = text.indexOf('.');
    if (dot >= 0 && !text.includes('e')) most = Math.max(most, text.length - dot - 1);
  }
  return Math.min(most, 8);
}

export function writeDbf(fields: DbfField[], rows: Record<string, ExportValue>[], encoding: DbfEncoding, date = new Date()): DbfResult {
  const warnings: DbfResult['warnings'] = [];
  // Encode every text cell once; widths come from the longest encoded value.
  const layouts = fields.map((field) => {
    const values = rows.map((row) => row[field.column.key] ?? null);
    if (field.column.type === 'number') {
      const decimals = decimalsOf(field.column, values);
      const texts = values.map((value) => formatNumber(value, decimals));
      const width = Math.min(MAX_NUMBER_WIDTH, Math.max(decimals + 2, ...texts.map((t) => t.length)));
      return { field, type: 'N', width, decimals, cells: texts.map((t) => utf8.encode(t.length > width ? '*'.repeat(width) : t)) };
    }
    const cells = values.map((value, row) => {
      if (value === null || value === undefined) return new Uint8Array(0);
      const fitted = fitText(String(value), encoding, MAX_TEXT_BYTES);
      if (fitted.truncated) warnings.push({ row, field: field.name, kind: 'truncated' });
      if (fitted.unmappable.length > 0) warnings.push({ row, field: field.name, kind: 'unmappable', characters: fitted.unmappable.join('') });
      return fitted.bytes;
    });
    return { field, type: 'C', width: Math.max(1, ...cells.map((c) => c.length)), decimals: 0, cells };
  });

  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + layouts.reduce((sum, layout) => sum + layout.width, 0);
  const bytes = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x03; // dBASE III without memo
  bytes[1] = date.getUTCFullYear() - 1900;
  bytes[2] = date.getUTCMonth() + 1;
  bytes[3] = date.getUTCDate();
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  bytes[29] = LANGUAGE_DRIVER[encoding];
  layouts.forEach((layout, index) => {
    const at = 32 + 32 * index;
    const name = encodeText(layout.field.name, encoding).bytes;
    if (name.length > 10) throw new Error(`DBF field name over 10 bytes: ${layout.field.name}`);
    bytes.set(name, at);
    bytes[at + 11] = layout.type.charCodeAt(0);
    bytes[at + 16] = layout.width;
    bytes[at + 17] = layout.decimals;
  });
  bytes[headerLength - 1] = 0x0d;
  rows.forEach((_, row) => {
    let at = headerLength + row * recordLength;
    bytes[at++] = 0x20; // not deleted
    for (const layout of layouts) {
      const cell = layout.cells[row];
      bytes.fill(0x20, at, at + layout.width);
      // Numbers are right-aligned, text left-aligned, both padded with spaces.
      bytes.set(cell, layout.type === 'N' ? at + layout.width - cell.length : at);
      at += layout.width;
    }
  });
  bytes[bytes.length - 1] = 0x1a;
  return { bytes, warnings };
}
