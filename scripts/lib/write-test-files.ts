// Small binary writers the fixture script needs and npm has no light, typed package for:
// ESRI shapefile parts (.shp/.shx/.dbf), a stored (uncompressed) zip, and GBK text.
// Only what the fixtures use: Point and Polygon shapes, C and N fields. (Exports are written by
// src/core/export/shapefile/; these stay apart because fixtures need byte-level control, e.g. to
// write deliberately broken files.)

import { encodeGbk as encodeGbkWithReport } from '../../src/core/export/shapefile/encode-gbk.ts';

/** Encodes text as GBK (the exporter's encoder); a fixture must not hold a character GBK lacks. */
export function encodeGbk(text: string): Uint8Array {
  const encoded = encodeGbkWithReport(text);
  if (encoded.unmappable.length > 0) throw new Error(`not encodable in GBK: ${encoded.unmappable.join('')}`);
  return encoded.bytes;
}

export type ShapeGeometry = { type: 'Point'; coordinates: number[] } | { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] } | null;

function bboxOf(points: number[][]): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}

/** Writes .shp and .shx. Polygon rings are given in GeoJSON order (exterior CCW) and written ESRI-style (exterior CW). */
export function writeShp(shapes: ShapeGeometry[], shapeType: 1 | 5): { shp: Uint8Array; shx: Uint8Array } {
  const records: Uint8Array[] = [];
  const allPoints: number[][] = [];
  for (const shape of shapes) {
    if (!shape) {
      const content = new DataView(new ArrayBuffer(4));
      content.setInt32(0, 0, true);
      records.push(new Uint8Array(content.buffer));
      continue;
    }
    if (shape.type === 'Point') {
      const content = new DataView(new ArrayBuffer(20));
      content.setInt32(0, 1, true);
      content.setFloat64(4, shape.coordinates[0], true);
      content.setFloat64(12, shape.coordinates[1], true);
      allPoints.push(shape.coordinates);
      records.push(new Uint8Array(content.buffer));
      continue;
    }
    const polygons = shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
    const rings = polygons.flatMap((polygon) => polygon.map((ring) => [...ring].reverse()));
    const points = rings.flat();
    allPoints.push(...points);
    const size = 44 + 4 * rings.length + 16 * points.length;
    const content = new DataView(new ArrayBuffer(size));
    content.setInt32(0, 5, true);
    const box = bboxOf(points);
    box.forEach((value, i) => content.setFloat64(4 + 8 * i, value, true));
    content.setInt32(36, rings.length, true);
    content.setInt32(40, points.length, true);
    let start = 0;
    rings.forEach((ring, i) => {
      content.setInt32(44 + 4 * i, start, true);
      start += ring.length;
    });
    points.forEach(([x, y], i) => {
      content.setFloat64(44 + 4 * rings.length + 16 * i, x, true);
      content.setFloat64(44 + 4 * rings.length + 16 * i + 8, y, true);
    });
    records.push(new Uint8Array(content.buffer));
  }
  const shpLength = 100 + records.reduce((sum, record) => sum + 8 + record.length, 0);
  const shxLength = 100 + 8 * records.length;
  const header = (length: number): Uint8Array => {
    const view = new DataView(new ArrayBuffer(100));
    view.setInt32(0, 9994, false);
    view.setInt32(24, length / 2, false);
    view.setInt32(28, 1000, true);
    view.setInt32(32, shapeType, true);
    const box = allPoints.length ? bboxOf(allPoints) : [0, 0, 0, 0];
    box.forEach((value, i) => view.setFloat64(36 + 8 * i, value, true));
    return new Uint8Array(view.buffer);
  };
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(shxLength);
  shp.set(header(shpLength));
  shx.set(header(shxLength));
  let offset = 100;
  records.forEach((record, i) => {
    const view = new DataView(shp.buffer, offset, 8);
    view.setInt32(0, i + 1, false);
    view.setInt32(4, record.length / 2, false);
    shp.set(record, offset + 8);
    const index = new DataView(shx.buffer, 100 + 8 * i, 8);
    index.setInt32(0, offset / 2, false);
    index.setInt32(4, record.length / 2, false);
    offset += 8 + record.length;
  });
  return { shp, shx };
}

export interface DbfField {
  name: string;
  type: 'C' | 'N';
  length: number;
  decimals?: number;
}

/** Writes a dBASE III table with the given text encoder (GBK or UTF-8) for names and values. */
export function writeDbf(fields: DbfField[], rows: Array<Record<string, string | number | null>>, encode: (text: string) => Uint8Array, languageDriver = 0): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((sum, field) => sum + field.length, 0);
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const view = new DataView(out.buffer);
  out[0] = 0x03;
  out[1] = 124;
  out[2] = 1;
  out[3] = 1;
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  out[29] = languageDriver;
  fields.forEach((field, i) => {
    const base = 32 + 32 * i;
    out.set(encode(field.name).subarray(0, 10), base);
    out[base + 11] = field.type.charCodeAt(0);
    out[base + 16] = field.length;
    out[base + 17] = field.decimals ?? 0;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    let offset = headerLength + r * recordLength;
    out[offset++] = 0x20;
    for (const field of fields) {
      const value = row[field.name];
      let bytes: Uint8Array;
      if (field.type === 'N') {
        const textValue = value === null || value === undefined ? '' : typeof value === 'number' ? value.toFixed(field.decimals ?? 0) : String(value);
        bytes = encode(textValue.padStart(field.length, ' ').slice(-field.length));
      } else {
        const encoded = encode(value === null || value === undefined ? '' : String(value)).subarray(0, field.length);
        bytes = new Uint8Array(field.length).fill(0x20);
        bytes.set(encoded);
      }
      out.set(bytes, offset);
      offset += field.length;
    }
  });
  out[out.length - 1] = 0x1a;
  return out;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A zip with stored (uncompressed) entries, or deflated ones when `deflate` is given (tests pass
 * node:zlib's deflateRawSync); `declaredSize` lets a test craft an entry that lies about its size.
 */
export function writeZip(
  entries: { name: string; bytes: Uint8Array }[],
  options: { deflate?: (bytes: Uint8Array) => Uint8Array; declaredSize?: (entry: { name: string; bytes: Uint8Array }) => number } = {},
): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const crc = crc32(entry.bytes);
    const data = options.deflate ? options.deflate(entry.bytes) : entry.bytes;
    const method = options.deflate ? 8 : 0;
    const declared = options.declaredSize ? options.declaredSize(entry) : entry.bytes.length;
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, 0x0800, true);
    local.setUint16(8, method, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, declared, true);
    local.setUint16(26, name.length, true);
    chunks.push(new Uint8Array(local.buffer), name, data);
    const record = new DataView(new ArrayBuffer(46));
    record.setUint32(0, 0x02014b50, true);
    record.setUint16(4, 20, true);
    record.setUint16(6, 20, true);
    record.setUint16(8, 0x0800, true);
    record.setUint16(10, method, true);
    record.setUint32(16, crc, true);
    record.setUint32(20, data.length, true);
    record.setUint32(24, declared, true);
    record.setUint16(28, name.length, true);
    record.setUint32(42, offset, true);
    central.push(new Uint8Array(record.buffer), name);
    offset += 30 + name.length + data.length;
  }
  const centralSize = central.reduce((sum, chunk) => sum + chunk.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  const all = [...chunks, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((sum, chunk) => sum + chunk.length, 0));
  let position = 0;
  for (const chunk of all) {
    out.set(chunk, position);
    position += chunk.length;
  }
  return out;
}
