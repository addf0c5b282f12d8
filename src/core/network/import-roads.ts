// A road layer from the files a planner has: an OSM extract (.osm.pbf, streamed) or any line
// layer the import reads (GeoJSON, NDJSON, Shapefile; CRS and encodings handled there).
import { importLayer, type ImportOptions, type ImportProblem } from '../import/import-layer.ts';
import { fail, ok, type Result, type RunOptions } from '../types.ts';
import { readOsmPbf, type ChunkSource, type OsmRoadReport } from './read-osm-pbf.ts';
import { readRoadFeatures, type ReadRoadOptions, type RoadReadReport } from './read-road-features.ts';
import type { RoadLines } from './road-lines.ts';

export interface ImportedRoads {
  lines: RoadLines;
  fileName: string;
  /** What was read: from the features (GeoJSON, Shapefile) or from the OSM extract. */
  report: { kind: 'features'; features: RoadReadReport; problems: ImportProblem[] } | { kind: 'osm'; osm: OsmRoadReport };
}

/** An OSM PBF file starts with a 4-byte length then a BlobHeader whose type is "OSMHeader". */
function looksLikeOsmPbf(name: string, head: Uint8Array): boolean {
  if (/\.osm\.pbf$|\.pbf$/i.test(name)) return true;
  const text = new TextDecoder('latin1').decode(head.subarray(0, 32));
  return text.includes('OSMHeader');
}

/** One file given as bytes read in slices (the browser's File and Node's buffers alike). */
function chunksOf(bytes: Uint8Array, size = 1 << 20): ChunkSource {
  return async function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, Math.min(bytes.length, i + size));
  };
}

export async function importRoads(
  files: { name: string; bytes: Uint8Array }[],
  options: ImportOptions & ReadRoadOptions = {},
  run: RunOptions = {},
): Promise<Result<ImportedRoads>> {
  const pbf = files.find((file) => looksLikeOsmPbf(file.name, file.bytes));
  if (pbf) {
    const read = await readOsmPbf(chunksOf(pbf.bytes), options, run);
    if (!read.ok) return read;
    return ok({ lines: read.value.lines, fileName: pbf.name, report: { kind: 'osm', osm: read.value.report } });
  }
  const layer = await importLayer(files, options, run);
  if (!layer.ok) return layer;
  const roads = readRoadFeatures(layer.value.features, options);
  if (!roads.ok) return fail({ ...roads.error, file: layer.value.fileName });
  return ok({ lines: roads.value.lines, fileName: layer.value.fileName, report: { kind: 'features', features: roads.value.report, problems: layer.value.problems } });
}
