// Builders for the crafted (hostile or broken) files the regression tests generate themselves.
import { deflateRawSync } from 'node:zlib';
import { writeDbf, writeShp, writeZip } from '../../scripts/lib/write-test-files.ts';

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const file = (name: string, content: string | Uint8Array): { name: string; bytes: Uint8Array } => ({ name, bytes: typeof content === 'string' ? utf8(content) : content });

export function pointFeature(lon: number, lat: number, properties: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'Feature', properties, geometry: { type: 'Point', coordinates: [lon, lat] } };
}

export function featureCollection(features: unknown[]): string {
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** A closed ring of `vertices` positions around (lon, lat). */
export function ring(lon: number, lat: number, vertices: number, radius = 0.01): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < vertices - 1; i++) {
    const angle = (2 * Math.PI * i) / (vertices - 1);
    out.push([lon + radius * Math.cos(angle), lat + radius * Math.sin(angle)]);
  }
  out.push(out[0]);
  return out;
}

/** A one-polygon shapefile (.shp/.dbf) with a name field. */
export function polygonShapefile(base: string, rings: number[][][][], names: string[]): { name: string; bytes: Uint8Array }[] {
  const { shp } = writeShp(rings.map((coordinates) => ({ type: 'Polygon', coordinates })), 5);
  const dbf = writeDbf([{ name: 'NAME', type: 'C', length: 20 }], names.map((NAME) => ({ NAME })), utf8);
  return [
    { name: `${base}.shp`, bytes: shp },
    { name: `${base}.dbf`, bytes: dbf },
  ];
}

/** writeZip's stored zip with the central directory's declared uncompressed size of `entry` replaced. */
export function zipDeclaring(entries: { name: string; bytes: Uint8Array }[], entry: string, declaredSize: number): Uint8Array {
  const zip = writeZip(entries);
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  let at = view.getUint32(end + 16, true);
  for (let k = 0; k < entries.length; k++) {
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    if (name === entry) view.setUint32(at + 24, declaredSize, true);
    at += 46 + nameLength;
  }
  return zip;
}

/** A zip whose entries are deflated (method 8) and declare `declared(entry)` as their unzipped size. */
export function deflatedZip(entries: { name: string; bytes: Uint8Array }[], declared?: (entry: { name: string; bytes: Uint8Array }) => number): Uint8Array {
  return writeZip(entries, { deflate: (bytes) => new Uint8Array(deflateRawSync(bytes)), declaredSize: declared });
}
