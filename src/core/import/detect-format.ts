// Which parser a set of files needs: by extension first, by content when the extension says nothing
// (or lies). Binary content that is none of the known formats is refused early, before a text
// parser turns it into mojibake.

/** 'geotiff': a population raster, read by core/raster (import-population-raster.ts), not by importLayer. */
export type ImportFormat = 'geojson' | 'ndjson' | 'shapefile' | 'csv' | 'geotiff';

export interface DetectedFormat {
  format: ImportFormat | 'zip' | 'unknown';
  /** The file the format was decided from (the main one for single-file formats). */
  main: { name: string; bytes: Uint8Array };
}

const EXTENSION: Record<string, DetectedFormat['format']> = {
  geojson: 'geojson',
  json: 'geojson',
  ndjson: 'ndjson',
  geojsonl: 'ndjson',
  geojsons: 'ndjson',
  geojsonseq: 'ndjson',
  jsonl: 'ndjson',
  jsonseq: 'ndjson',
  csv: 'csv',
  tsv: 'csv',
  tab: 'csv',
  txt: 'csv',
  zip: 'zip',
  shp: 'shapefile',
  shx: 'shapefile',
  dbf: 'shapefile',
  prj: 'shapefile',
  cpg: 'shapefile',
};

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** True when the first bytes look like binary data rather than text. */
export function looksBinary(bytes: Uint8Array): boolean {
  const length = Math.min(bytes.length, 4096);
  if (length === 0) return false;
  let control = 0;
  for (let i = 0; i < length; i++) {
    const c = bytes[i];
    if (c === 0) return true;
    if (c < 0x09 || (c > 0x0d && c < 0x20 && c !== 0x1b && c !== 0x1e) || c === 0x7f) control++;
  }
  return control > length * 0.02;
}

function sniff(bytes: Uint8Array): DetectedFormat['format'] {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05)) return 'zip';
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0x27 && bytes[3] === 0x0a) return 'shapefile';
  if (looksBinary(bytes)) return 'unknown';
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] === 0x1e) return 'ndjson';
  if (bytes[i] === 0x7b || bytes[i] === 0x5b) return 'geojson';
  return 'csv';
}

export function detectFormat(files: { name: string; bytes: Uint8Array }[]): DetectedFormat {
  const zip = files.find((file) => extensionOf(file.name) === 'zip');
  if (zip) return { format: 'zip', main: zip };
  const shapefilePart = files.find((file) => EXTENSION[extensionOf(file.name)] === 'shapefile');
  if (shapefilePart) return { format: 'shapefile', main: files.find((file) => extensionOf(file.name) === 'shp') ?? shapefilePart };
  const main = files[0];
  const byExtension = EXTENSION[extensionOf(main.name)];
  const byContent = sniff(main.bytes);
  if (byContent === 'zip' || byContent === 'shapefile' || byContent === 'unknown') return { format: byContent, main };
  if (byExtension === 'geojson' || byExtension === 'ndjson') {
    // A ".json" that holds a table, or a ".geojson" of NDJSON, is read by what it holds.
    return { format: byContent === 'csv' ? byExtension : byExtension === 'ndjson' ? 'ndjson' : byContent, main };
  }
  if (byExtension === 'csv') return { format: byContent === 'geojson' || byContent === 'ndjson' ? byContent : 'csv', main };
  return { format: byContent, main };
}
