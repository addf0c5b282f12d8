// Writes single-band GeoTIFFs byte by byte (TIFF 6.0 + GeoTIFF 1.0), for the raster tests and
// the synthetic province (scripts/generate-province.ts), so neither needs GDAL: stripped or
// tiled, uncompressed, deflate (zlib stream, TIFF compression 8, with the caller's zlib: node:zlib
// or any other) or LZW (TIFF compression 5, encoded here: no library writes TIFF LZW), float32 /
// int16 / uint8, a GDAL_NODATA tag, and the georeference as ModelPixelScale + ModelTiepoint with
// GeoKeys for a geographic or projected EPSG code, or a user-defined CRS with only a citation
// (what GDAL writes for GHS-POP's Mollweide). geotiff.js only writes uncompressed strips, and
// holds the whole image as a JS array while doing so, hence this writer.

export interface RasterToWrite {
  width: number;
  height: number;
  /** Row-major values, north row first. */
  values: ArrayLike<number>;
  sampleType: 'float32' | 'int16' | 'uint8';
  /** Outer corner of pixel (0, 0) and cell size (positive numbers; rows go south). */
  originX: number;
  originY: number;
  cellWidth: number;
  cellHeight: number;
  /** EPSG code: geographic (4326, 4490) or projected; 'user-mollweide' writes a citation only. */
  crs: number | 'user-mollweide';
  noData?: number;
  compression?: 'none' | 'deflate' | 'lzw';
  /** zlib-format deflate (e.g. node:zlib deflateSync), required for compression 'deflate'. */
  deflate?: (bytes: Uint8Array) => Uint8Array;
  /** Tile size (multiple of 16); absent = one strip per 2 rows. */
  tile?: number;
  /** Write PixelIsPoint (tiepoint at the centre of pixel 0, 0) instead of PixelIsArea. */
  pixelIsPoint?: boolean;
}

const SAMPLE = {
  float32: { bytes: 4, format: 3, write: (view: DataView, at: number, v: number) => view.setFloat32(at, v, true) },
  int16: { bytes: 2, format: 2, write: (view: DataView, at: number, v: number) => view.setInt16(at, v, true) },
  uint8: { bytes: 1, format: 1, write: (view: DataView, at: number, v: number) => view.setUint8(at, v) },
};

/** TIFF LZW (MSB-first codes, early change), written here because Node has no LZW encoder. */
function encodeLzw(input: Uint8Array): Uint8Array {
  const out: number[] = [];
  let bitBuffer = 0, bitCount = 0;
  let codeWidth = 9;
  const emit = (code: number) => {
    bitBuffer = (bitBuffer << codeWidth) | code;
    bitCount += codeWidth;
    while (bitCount >= 8) {
      out.push((bitBuffer >>> (bitCount - 8)) & 0xff);
      bitCount -= 8;
    }
    bitBuffer &= (1 << bitCount) - 1;
  };
  let table = new Map<string, number>();
  let next = 258;
  const reset = () => {
    table = new Map();
    next = 258;
    codeWidth = 9;
  };
  emit(256);
  let prefix = '';
  let prefixCode = -1;
  for (const byte of input) {
    const key = `${prefix},${byte}`;
    if (prefixCode < 0) {
      prefix = String(byte);
      prefixCode = byte;
      continue;
    }
    const found = table.get(key);
    if (found !== undefined) {
      prefix = key;
      prefixCode = found;
      continue;
    }
    emit(prefixCode);
    table.set(key, next++);
    // Early change as libtiff and geotiff.js read it: the width grows one code before the decoder's table fills.
    if (next === 512) codeWidth = 10;
    else if (next === 1024) codeWidth = 11;
    else if (next === 2048) codeWidth = 12;
    if (next >= 4093) {
      emit(256);
      reset();
    }
    prefix = String(byte);
    prefixCode = byte;
  }
  if (prefixCode >= 0) emit(prefixCode);
  emit(257);
  if (bitCount > 0) out.push((bitBuffer << (8 - bitCount)) & 0xff);
  return Uint8Array.from(out);
}

function compress(bytes: Uint8Array, raster: RasterToWrite): Uint8Array {
  const { compression } = raster;
  if (compression === 'deflate') {
    if (!raster.deflate) throw new Error('deflate compression needs a deflate function');
    return raster.deflate(bytes);
  }
  if (compression === 'lzw') return encodeLzw(bytes);
  return bytes;
}

/** The raster's blocks (strips or tiles), each as raw sample bytes; tiles are padded to full size. */
function blocks(raster: RasterToWrite): { blockWidth: number; blockHeight: number; data: Uint8Array[] } {
  const sample = SAMPLE[raster.sampleType];
  const blockWidth = raster.tile ?? raster.width;
  const blockHeight = raster.tile ?? 2;
  const data: Uint8Array[] = [];
  for (let by = 0; by < raster.height; by += blockHeight) {
    for (let bx = 0; bx < raster.width; bx += blockWidth) {
      const rows = raster.tile ? blockHeight : Math.min(blockHeight, raster.height - by);
      const bytes = new Uint8Array(blockWidth * rows * sample.bytes);
      const view = new DataView(bytes.buffer);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < blockWidth; c++) {
          const row = by + r, column = bx + c;
          const value = row < raster.height && column < raster.width ? raster.values[row * raster.width + column] : (raster.noData ?? 0);
          sample.write(view, (r * blockWidth + c) * sample.bytes, value);
        }
      }
      data.push(bytes);
    }
  }
  return { blockWidth, blockHeight, data };
}

type Entry = { tag: number; type: 2 | 3 | 4 | 12; values: number[] | string };

export function writeGeoTiff(raster: RasterToWrite): ArrayBuffer {
  const sample = SAMPLE[raster.sampleType];
  const { blockWidth, blockHeight, data } = blocks(raster);
  const compressed = data.map((block) => compress(block, raster));
  const geographic = raster.crs === 4326 || raster.crs === 4490;
  // GeoKeyDirectory: header (version 1.1.0, key count) then (key, location, count, value).
  const keys: number[][] = [[1024, 0, 1, raster.crs === 'user-mollweide' || !geographic ? 1 : 2], [1025, 0, 1, raster.pixelIsPoint ? 2 : 1]];
  let ascii = '';
  if (raster.crs === 'user-mollweide') {
    ascii = 'World_Mollweide|';
    keys.push([1026, 34737, ascii.length, 0], [3072, 0, 1, 32767]);
  } else if (geographic) {
    keys.push([2048, 0, 1, raster.crs]);
  } else {
    keys.push([3072, 0, 1, raster.crs]);
  }
  const geoKeys = [1, 1, 0, keys.length, ...keys.flat()];
  const tieX = raster.originX + (raster.pixelIsPoint ? raster.cellWidth / 2 : 0);
  const tieY = raster.originY - (raster.pixelIsPoint ? raster.cellHeight / 2 : 0);
  const entries: Entry[] = [
    { tag: 256, type: 4, values: [raster.width] },
    { tag: 257, type: 4, values: [raster.height] },
    { tag: 258, type: 3, values: [sample.bytes * 8] },
    { tag: 259, type: 3, values: [raster.compression === 'deflate' ? 8 : raster.compression === 'lzw' ? 5 : 1] },
    { tag: 262, type: 3, values: [1] },
    { tag: 277, type: 3, values: [1] },
    { tag: 284, type: 3, values: [1] },
    { tag: 339, type: 3, values: [sample.format] },
    { tag: 33550, type: 12, values: [raster.cellWidth, raster.cellHeight, 0] },
    { tag: 33922, type: 12, values: [0, 0, 0, tieX, tieY, 0] },
    { tag: 34735, type: 3, values: geoKeys },
  ];
  if (ascii) entries.push({ tag: 34737, type: 2, values: ascii });
  if (raster.noData !== undefined) entries.push({ tag: 42113, type: 2, values: String(raster.noData) });
  const offsets: number[] = [];
  if (raster.tile) {
    entries.push({ tag: 322, type: 3, values: [blockWidth] }, { tag: 323, type: 3, values: [blockHeight] });
    entries.push({ tag: 324, type: 4, values: offsets }, { tag: 325, type: 4, values: compressed.map((b) => b.length) });
  } else {
    entries.push({ tag: 273, type: 4, values: offsets }, { tag: 278, type: 3, values: [blockHeight] }, { tag: 279, type: 4, values: compressed.map((b) => b.length) });
  }
  entries.sort((a, b) => a.tag - b.tag);
  const typeSize = { 2: 1, 3: 2, 4: 4, 12: 8 };
  const count = (entry: Entry) => (typeof entry.values === 'string' ? entry.values.length + 1 : entry.values.length || compressed.length);
  // Layout: header (8) | IFD | out-of-line values | block data.
  const ifdSize = 2 + entries.length * 12 + 4;
  let cursor = 8 + ifdSize;
  const outOfLine = new Map<Entry, number>();
  for (const entry of entries) {
    const size = count(entry) * typeSize[entry.type];
    if (size > 4) {
      outOfLine.set(entry, cursor);
      cursor += size + (size & 1);
    }
  }
  for (const block of compressed) {
    offsets.push(cursor);
    cursor += block.length;
  }
  const buffer = new ArrayBuffer(cursor);
  const view = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  view.setUint16(0, 0x4949, true);
  view.setUint16(2, 42, true);
  view.setUint32(4, 8, true);
  view.setUint16(8, entries.length, true);
  const writeValues = (entry: Entry, at: number) => {
    if (typeof entry.values === 'string') {
      for (let i = 0; i < entry.values.length; i++) view.setUint8(at + i, entry.values.charCodeAt(i));
      view.setUint8(at + entry.values.length, 0);
      return;
    }
    entry.values.forEach((value, i) => {
      if (entry.type === 3) view.setUint16(at + i * 2, value, true);
      else if (entry.type === 4) view.setUint32(at + i * 4, value, true);
      else view.setFloat64(at + i * 8, value, true);
    });
  };
  entries.forEach((entry, i) => {
    const at = 10 + i * 12;
    view.setUint16(at, entry.tag, true);
    view.setUint16(at + 2, entry.type, true);
    view.setUint32(at + 4, count(entry), true);
    const location = outOfLine.get(entry);
    if (location === undefined) writeValues(entry, at + 8);
    else {
      view.setUint32(at + 8, location, true);
      writeValues(entry, location);
    }
  });
  view.setUint32(10 + entries.length * 12, 0, true);
  compressed.forEach((block, i) => bytes.set(block, offsets[i]));
  return buffer;
}
