// The checks importLayer makes on a layer, made on a point table row by row without a feature
// object per row: the coordinate system applied (or swapped) in place, coordinates outside lon/lat
// ranges and failed conversions dropped as errors, the source checks (projected metres, swapped
// axes, CRS words in names) on a sample, the reference checks (outside the boundaries' extent, a
// GCJ-02/BD-09 offset) — the same problem codes and messages as for features.
import type { GeoJsonPosition } from '../geojson-types.ts';
import type { BoundingBox } from '../geometry/bounding-box.ts';
import type { CrsInfo } from './coordinate-systems.ts';
import type { Checkpoint } from './create-checkpoint.ts';
import type { PositionTransform } from './create-transform.ts';
import { detectReferenceProblems, detectSourceProblems } from './detect-coordinate-problems.ts';
import { makeProblem, type FeatureLocation, type ImportProblem } from './import-problem.ts';
import { NAME_KEYS } from './normalize-feature.ts';
import { cellValue, compactTable, type PointTable } from './point-table.ts';

export interface PointTableCheck {
  applied: CrsInfo;
  transform?: PositionTransform;
  userChoseCrs: boolean;
  swapLonLat: boolean;
  names: string[];
  referenceBBox?: BoundingBox;
  referencePoints?: Array<[number, number]>;
  referencePolygons?: number[][][][];
  /** Rows already reported as unusable by the parser (e.g. an unclosed quote). */
  unusable: Set<number>;
  transformCheckpoint: Checkpoint;
}

const SAMPLE = 4000;

/** Up to `limit` located rows spread evenly over the table. */
export function sampleRows(table: PointTable, limit = SAMPLE): GeoJsonPosition[] {
  const out: GeoJsonPosition[] = [];
  const step = Math.max(1, Math.floor(table.count / limit));
  for (let row = 0; row < table.count && out.length < limit; row += step) {
    if (!Number.isNaN(table.lon[row]) && !Number.isNaN(table.lat[row])) out.push([table.lon[row], table.lat[row]]);
  }
  return out;
}

/** Where row `row` is, for messages: its index, line or byte, and its name when a name column exists. */
export function locateRow(table: PointTable, row: number): FeatureLocation {
  const location: FeatureLocation = { featureIndex: row };
  if (table.lines) location.line = table.lines[row];
  else if (table.bytes) location.byte = table.bytes[row];
  const nameColumn = table.columns.find((column) => NAME_KEYS.includes(column.name));
  const name = nameColumn ? cellValue(nameColumn, row) : undefined;
  if (typeof name === 'string' && name.trim()) location.featureName = name.trim().slice(0, 60);
  else if (typeof name === 'number') location.featureName = String(name);
  return location;
}

/** Checks and converts the table to WGS84 in place; returns the kept rows and pushes problems. */
export async function validatePointTable(source: PointTable, check: PointTableCheck, problems: ImportProblem[]): Promise<PointTable> {
  let table = source;
  if (check.swapLonLat) table = { ...table, lon: table.lat, lat: table.lon };
  problems.push(
    ...detectSourceProblems({ sample: sampleRows(table), applied: check.applied, userChoseCrs: check.userChoseCrs, swapped: check.swapLonLat, names: check.names, referenceBBox: check.referenceBBox }),
  );
  const keep = new Uint8Array(table.count).fill(1);
  for (const row of check.unusable) keep[row] = 0;
  const { lon, lat } = table;
  for (let row = 0; row < table.count; row++) {
    if (!keep[row] || Number.isNaN(lon[row]) || Number.isNaN(lat[row])) continue;
    if (check.transform) {
      const [x, y] = check.transform(lon[row], lat[row]);
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        keep[row] = 0;
        problems.push(makeProblem('transform-failed', 'error', {}, locateRow(table, row)));
        continue;
      }
      lon[row] = x;
      lat[row] = y;
    }
    if (lon[row] < -180 || lon[row] > 180 || lat[row] < -90 || lat[row] > 90) {
      keep[row] = 0;
      problems.push(makeProblem('coordinate-out-of-range', 'error', { value: `${lon[row]}, ${lat[row]}` }, locateRow(table, row)));
    }
    if ((row & 0xffff) === 0) await check.transformCheckpoint(row / table.count, 'transform');
  }
  const kept = compactTable(table, keep);
  const keptRows = new Uint32Array(kept.count);
  for (let row = 0, at = 0; row < table.count; row++) if (keep[row]) keptRows[at++] = row;
  problems.push(
    ...detectReferenceProblems({
      count: kept.count,
      points: kept,
      sample: sampleRows(kept, 20_000),
      layerKind: 'points',
      applied: check.applied,
      referenceBBox: check.referenceBBox,
      referencePoints: check.referencePoints,
      referencePolygons: check.referencePolygons,
      locate: (i) => locateRow(table, keptRows[i]),
    }),
  );
  return kept;
}
