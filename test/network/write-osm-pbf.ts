// A minimal OSM PBF writer for test fixtures (the format's own encoding, written with `pbf` and
// zlib from fflate): a header block, then data blocks of dense nodes, plain nodes and ways.
import { zlibSync } from 'fflate';
import { PbfWriter } from 'pbf';

export interface OsmNode {
  id: number;
  lon: number;
  lat: number;
}
export interface OsmWay {
  id: number;
  refs: number[];
  tags: Record<string, string>;
}

function blob(type: string, block: Uint8Array, compress: boolean): Uint8Array {
  const body = new PbfWriter();
  if (compress) {
    body.writeVarintField(2, block.length);
    body.writeBytesField(3, zlibSync(block));
  } else body.writeBytesField(1, block);
  const data = body.finish();
  const header = new PbfWriter();
  header.writeStringField(1, type);
  header.writeVarintField(3, data.length);
  const head = header.finish();
  const out = new Uint8Array(4 + head.length + data.length);
  new DataView(out.buffer).setUint32(0, head.length);
  out.set(head, 4);
  out.set(data, 4 + head.length);
  return out;
}

function primitiveBlock(strings: string[], writeGroup: (pbf: PbfWriter) => void): Uint8Array {
  const pbf = new PbfWriter();
  pbf.writeMessage(1, (_: null, p) => strings.forEach((s) => p.writeBytesField(1, new TextEncoder().encode(s))), null);
  pbf.writeMessage(2, (_: null, p) => writeGroup(p), null);
  pbf.writeVarintField(17, 100);
  return pbf.finish();
}

const raw = (value: number) => Math.round(value / 1e-7); // granularity 100 nanodegrees

export function writeOsmPbf(denseNodes: OsmNode[], plainNodes: OsmNode[], ways: OsmWay[], options: { compress?: boolean } = {}): Uint8Array {
  const compress = options.compress ?? true;
  const header = new PbfWriter();
  header.writeStringField(4, 'OsmSchema-V0.6');
  header.writeStringField(4, 'DenseNodes');
  const parts = [blob('OSMHeader', header.finish(), compress)];
  parts.push(
    blob(
      'OSMData',
      primitiveBlock([''], (group) => {
        group.writeMessage(
          2,
          (_: null, p) => {
            const delta = (values: number[]) => values.map((v, i) => v - (i > 0 ? values[i - 1] : 0));
            p.writePackedSVarint(1, delta(denseNodes.map((n) => n.id)));
            p.writePackedSVarint(8, delta(denseNodes.map((n) => raw(n.lat))));
            p.writePackedSVarint(9, delta(denseNodes.map((n) => raw(n.lon))));
          },
          null,
        );
      }),
      compress,
    ),
  );
  if (plainNodes.length > 0) {
    parts.push(
      blob(
        'OSMData',
        primitiveBlock([''], (group) => {
          for (const node of plainNodes) {
            group.writeMessage(
              1,
              (_: null, p) => {
                p.writeSVarintField(1, node.id);
                p.writeSVarintField(8, raw(node.lat));
                p.writeSVarintField(9, raw(node.lon));
              },
              null,
            );
          }
        }),
        compress,
      ),
    );
  }
  const strings = [''];
  const index = (s: string) => {
    const k = strings.indexOf(s);
    return k >= 0 ? k : strings.push(s) - 1;
  };
  const encoded = ways.map((way) => ({ way, keys: Object.keys(way.tags).map(index), vals: Object.values(way.tags).map(index) }));
  parts.push(
    blob(
      'OSMData',
      primitiveBlock(strings, (group) => {
        for (const { way, keys, vals } of encoded) {
          group.writeMessage(
            3,
            (_: null, p) => {
              p.writeVarintField(1, way.id);
              p.writePackedVarint(2, keys);
              p.writePackedVarint(3, vals);
              p.writePackedSVarint(8, way.refs.map((r, i) => r - (i > 0 ? way.refs[i - 1] : 0)));
            },
            null,
          );
        }
      }),
      compress,
    ),
  );
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The bytes as a stream of small chunks (every blob boundary lands mid-chunk). */
export function chunked(bytes: Uint8Array, size: number): () => AsyncIterable<Uint8Array> {
  return async function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
  };
}
