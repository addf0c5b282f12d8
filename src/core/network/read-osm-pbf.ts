// OpenStreetMap PBF extracts → RoadLines, streaming: the file is read as a stream of chunks, one
// blob (at most 32 MB, usually about 1 MB) decompressed at a time with fflate, decoded with `pbf`.
// Two passes over the stream: the first keeps the ways tagged highway=* (and their node ids), the
// second keeps the coordinates of just those nodes, so memory follows the road network, not the
// extract. Format: https://wiki.openstreetmap.org/wiki/PBF_Format
import { unzlibSync } from 'fflate';
import { PbfReader } from 'pbf';
import { fail, ok, throwIfAborted, type Result, type RunOptions } from '../types.ts';
import { readRoadAttributes, type AttributeFields } from './read-road-attributes.ts';
import { createRoadLinesBuilder, type RoadLines } from './road-lines.ts';

export type ChunkSource = () => AsyncIterable<Uint8Array>;

export interface OsmRoadReport {
  blobs: number;
  ways: number;
  highways: number;
  lines: number;
  /** Highway ways dropped: not travellable (proposed, construction) or with unknown values. */
  notRoads: number;
  /** Ways that lost nodes missing from the extract (cut at its border). */
  missingNodes: number;
}

const pbfError = (zh: string, en: string) => fail<never>({ code: 'invalid-osm-pbf', message: { zh: `OSM PBF 文件无法读取：${zh}`, en: `Cannot read the OSM PBF file: ${en}` } });

/** Yields each (type, blob data) of the file as whole blobs, from chunks of any size. */
async function* blobsOf(source: ChunkSource): AsyncGenerator<{ type: string; data: Uint8Array }> {
  let buffer = new Uint8Array(0);
  let start = 0;
  const available = () => buffer.length - start;
  const take = (n: number) => {
    const out = buffer.subarray(start, start + n);
    start += n;
    return out;
  };
  const append = (chunk: Uint8Array) => {
    const rest = buffer.subarray(start);
    const next = new Uint8Array(rest.length + chunk.length);
    next.set(rest);
    next.set(chunk, rest.length);
    buffer = next;
    start = 0;
  };
  const iterator = source()[Symbol.asyncIterator]();
  const fill = async (n: number): Promise<boolean> => {
    while (available() < n) {
      const { value, done } = await iterator.next();
      if (done) return false;
      append(value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer));
    }
    return true;
  };
  for (;;) {
    if (!(await fill(4))) {
      if (available() > 0) throw new Error('truncated: a few stray bytes at the end');
      return;
    }
    const head = take(4);
    const headerLength = ((head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]) >>> 0;
    if (headerLength === 0 || headerLength > 64 * 1024) throw new Error(`bad blob header length ${headerLength}`);
    if (!(await fill(headerLength))) throw new Error('truncated in a blob header');
    const header = new PbfReader(take(headerLength).slice()).readFields(
      (tag, result: { type: string; size: number }, pbf) => {
        if (tag === 1) result.type = pbf.readString();
        else if (tag === 3) result.size = pbf.readVarint();
      },
      { type: '', size: -1 },
    );
    if (header.size < 0 || header.size > 64 * 1024 * 1024) throw new Error(`bad blob size ${header.size}`);
    if (!(await fill(header.size))) throw new Error('truncated in a blob');
    yield { type: header.type, data: take(header.size).slice() };
  }
}

function inflateBlob(blob: Uint8Array): Uint8Array {
  const parts = new PbfReader(blob).readFields(
    (tag, result: { raw?: Uint8Array; zlib?: Uint8Array; other?: number }, pbf) => {
      if (tag === 1) result.raw = pbf.readBytes();
      else if (tag === 3) result.zlib = pbf.readBytes();
      else if (tag >= 4 && tag <= 7) result.other = tag;
    },
    {},
  );
  if (parts.raw) return parts.raw;
  if (parts.zlib) return unzlibSync(parts.zlib);
  throw new Error(parts.other ? `blob compression ${['', '', '', '', 'lzma', 'bzip2', 'lz4', 'zstd'][parts.other]} is not supported (re-save the extract with zlib, e.g. osmium cat)` : 'empty blob');
}

interface Block {
  strings: string[];
  granularity: number;
  latOffset: number;
  lonOffset: number;
  groups: Array<{ start: number; end: number }>;
}

function readBlock(pbf: PbfReader): Block {
  return pbf.readFields(
    (tag, block: Block, p) => {
      if (tag === 1) {
        const end = p.readVarint() + p.pos;
        for (let field = p.nextField(end); field !== 0; field = p.nextField(end)) {
          if (field === 1) block.strings.push(p.readString());
        }
      } else if (tag === 2) {
        const length = p.readVarint();
        block.groups.push({ start: p.pos, end: p.pos + length });
        p.pos += length;
      } else if (tag === 17) block.granularity = p.readVarint();
      else if (tag === 19) block.latOffset = p.readVarint(true);
      else if (tag === 20) block.lonOffset = p.readVarint(true);
    },
    { strings: [], granularity: 100, latOffset: 0, lonOffset: 0, groups: [] },
  );
}

interface Way {
  tags: Record<string, string>;
  refs: number[];
}

const WAY_TAGS = new Set(['highway', 'oneway', 'junction', 'maxspeed', 'access', 'foot', 'bicycle', 'vehicle', 'motor_vehicle', 'motorcar']);

/** Calls visit for each way of a group (tags reduced to the ones roads need). */
function readWays(pbf: PbfReader, block: Block, start: number, end: number, visit: (way: Way) => void): void {
  pbf.pos = start;
  for (let field = pbf.nextField(end); field !== 0; field = pbf.nextField(end)) {
    if (field !== 3) continue; // nextField skips what is not read
    const wayEnd = pbf.readVarint() + pbf.pos;
    let keys: number[] = [], vals: number[] = [], deltas: number[] = [];
    for (let f = pbf.nextField(wayEnd); f !== 0; f = pbf.nextField(wayEnd)) {
      if (f === 2) keys = pbf.readPackedVarint([]);
      else if (f === 3) vals = pbf.readPackedVarint([]);
      else if (f === 8) deltas = pbf.readPackedSVarint([]);
    }
    const tags: Record<string, string> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = block.strings[keys[i]];
      if (WAY_TAGS.has(key)) tags[key] = block.strings[vals[i]];
    }
    if (tags.highway === undefined) continue;
    let id = 0;
    const refs = deltas.map((delta) => (id += delta));
    visit({ tags, refs });
  }
}

/** Calls visit(id, lon, lat) for each node of a group (plain and dense). */
function readNodes(pbf: PbfReader, block: Block, start: number, end: number, visit: (id: number, lon: number, lat: number) => void): void {
  const scale = block.granularity * 1e-9;
  const lonOf = (raw: number) => block.lonOffset * 1e-9 + raw * scale;
  const latOf = (raw: number) => block.latOffset * 1e-9 + raw * scale;
  pbf.pos = start;
  for (let field = pbf.nextField(end); field !== 0; field = pbf.nextField(end)) {
    if (field === 2) {
      const denseEnd = pbf.readVarint() + pbf.pos;
      let ids: number[] = [], lats: number[] = [], lons: number[] = [];
      for (let f = pbf.nextField(denseEnd); f !== 0; f = pbf.nextField(denseEnd)) {
        if (f === 1) ids = pbf.readPackedSVarint([]);
        else if (f === 8) lats = pbf.readPackedSVarint([]);
        else if (f === 9) lons = pbf.readPackedSVarint([]);
      }
      let id = 0, lat = 0, lon = 0;
      for (let i = 0; i < ids.length; i++) {
        id += ids[i];
        lat += lats[i];
        lon += lons[i];
        visit(id, lonOf(lon), latOf(lat));
      }
    } else if (field === 1) {
      const nodeEnd = pbf.readVarint() + pbf.pos;
      let id = 0, lat = 0, lon = 0;
      for (let f = pbf.nextField(nodeEnd); f !== 0; f = pbf.nextField(nodeEnd)) {
        if (f === 1) id = pbf.readSVarint();
        else if (f === 8) lat = pbf.readSVarint();
        else if (f === 9) lon = pbf.readSVarint();
      }
      visit(id, lonOf(lon), latOf(lat));
    }
  }
}

/** First index of `value` in the sorted array, or −1. */
function findSorted(sorted: Float64Array, value: number): number {
  let lo = 0, hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else if (sorted[mid] > value) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** Reads the highways of an OSM PBF extract. `source` must give the file's chunks afresh on each call (it is read twice). */
export async function readOsmPbf(source: ChunkSource, fields: AttributeFields = {}, run: RunOptions = {}): Promise<Result<{ lines: RoadLines; report: OsmRoadReport }>> {
  const chosen: AttributeFields = { classField: fields.classField ?? 'highway', onewayField: fields.onewayField ?? 'oneway', maxspeedField: fields.maxspeedField ?? 'maxspeed' };
  const report: OsmRoadReport = { blobs: 0, ways: 0, highways: 0, lines: 0, notRoads: 0, missingNodes: 0 };
  const ways: Array<{ refs: Float64Array; roadClass: number; maxspeed: number; oneway: -1 | 0 | 1; forbidden: number }> = [];
  try {
    // pass 1: highways and the node ids they use
    let seenHeader = false;
    for await (const { type, data } of blobsOf(source)) {
      throwIfAborted(run.signal);
      if (type === 'OSMHeader') {
        seenHeader = true;
        continue;
      }
      if (type !== 'OSMData') continue;
      report.blobs++;
      const pbf = new PbfReader(inflateBlob(data));
      const block = readBlock(pbf);
      for (const group of block.groups) {
        readWays(pbf, block, group.start, group.end, (way) => {
          report.highways++;
          const attributes = readRoadAttributes(way.tags, chosen);
          if (attributes.roadClass === undefined || attributes.roadClass < 0) {
            report.notRoads++;
            return;
          }
          ways.push({ refs: Float64Array.from(way.refs), roadClass: attributes.roadClass, maxspeed: attributes.maxspeed, oneway: attributes.oneway, forbidden: attributes.forbidden });
        });
      }
      run.onProgress?.(0.5 * Math.min(1, report.blobs / 1000), 'read OSM ways');
    }
    if (!seenHeader) return pbfError('没有 OSMHeader 数据块，这不是 OSM PBF 文件', 'no OSMHeader block: this is not an OSM PBF file');
    report.ways = ways.length;
    let total = 0;
    for (const way of ways) total += way.refs.length;
    const ids = new Float64Array(total);
    let m = 0;
    for (const way of ways) {
      ids.set(way.refs, m);
      m += way.refs.length;
    }
    ids.sort();
    let unique = 0;
    for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[i - 1]) ids[unique++] = ids[i];
    const needed = ids.slice(0, unique);
    const lon = new Float64Array(unique).fill(NaN);
    const lat = new Float64Array(unique).fill(NaN);
    // pass 2: coordinates of those nodes
    let blobs = 0;
    for await (const { type, data } of blobsOf(source)) {
      throwIfAborted(run.signal);
      if (type !== 'OSMData') continue;
      const pbf = new PbfReader(inflateBlob(data));
      const block = readBlock(pbf);
      for (const group of block.groups) {
        readNodes(pbf, block, group.start, group.end, (id, x, y) => {
          const k = findSorted(needed, id);
          if (k >= 0) {
            lon[k] = x;
            lat[k] = y;
          }
        });
      }
      run.onProgress?.(0.5 + (0.5 * ++blobs) / Math.max(1, report.blobs), 'read OSM nodes');
    }
    const builder = createRoadLinesBuilder();
    for (const way of ways) {
      // a way cut by the extract's border loses nodes: keep the runs of nodes that are there
      let coordinates: number[] = [];
      let missing = false;
      const flush = () => {
        if (builder.add(coordinates, way)) report.lines++;
        coordinates = [];
      };
      for (const id of way.refs) {
        const k = findSorted(needed, id);
        if (Number.isNaN(lon[k])) {
          missing = true;
          flush();
          continue;
        }
        coordinates.push(lon[k], lat[k]);
      }
      flush();
      if (missing) report.missingNodes++;
    }
    if (report.lines === 0) return pbfError('文件中没有道路（highway=*）', 'the file holds no roads (highway=*)');
    return ok({ lines: builder.finish(), report });
  } catch (error) {
    if ((error as Error)?.name === 'CancelledError') throw error;
    return pbfError(String((error as Error)?.message ?? error), String((error as Error)?.message ?? error));
  }
}
