// Detection that helps but never changes anything: looks at a layer's numbers and says when they
// are probably in another coordinate system than the one applied, with the fix to choose.
//   before the CRS is applied: projected metres in a "geographic" file (suggesting the GK zone from
//     the easting's prefix, or from the reference area's longitude), swapped lat/lon, CRS words in
//     file or column names (高德/gcj/百度/bd09);
//   after: features outside the reference extent, and a layer shifted from reference points by the
//     GCJ-02 or BD-09 offset (checked by applying each inverse and seeing the layer snap into place).
import { describeCrs, gaussKrugerForLongitude, gaussKrugerForPrefixedEasting, type CrsInfo } from './coordinate-systems.ts';
import { checkChinaOffset } from './check-china-offset.ts';
import { crsHintFromNames } from './find-coordinate-columns.ts';
import type { AnyGeoJsonGeometry, GeoJsonPosition, ImportedFeature } from '../geojson-types.ts';
import type { BoundingBox } from '../geometry/bounding-box.ts';
import { makeProblem, type FeatureLocation, type ImportProblem } from './import-problem.ts';
import { emptyBoundingBox, extendBoundingBox } from '../geometry/bounding-box.ts';

const SAMPLE = 4000;

function firstPositions(geometry: AnyGeoJsonGeometry | null, out: GeoJsonPosition[], limit: number): void {
  if (!geometry || out.length >= limit) return;
  if (geometry.type === 'GeometryCollection') {
    for (const member of geometry.geometries) firstPositions(member, out, limit);
    return;
  }
  const visit = (value: unknown): void => {
    if (out.length >= limit) return;
    if (typeof (value as unknown[])[0] === 'number') out.push(value as GeoJsonPosition);
    else for (const item of value as unknown[]) {
      visit(item);
      if (out.length >= limit) return;
    }
  };
  visit(geometry.coordinates);
}

/** Up to `limit` positions spread over the layer (a few per feature, features sampled evenly). */
export function samplePositions(features: ImportedFeature[], limit = SAMPLE): GeoJsonPosition[] {
  const out: GeoJsonPosition[] = [];
  const step = Math.max(1, Math.floor(features.length / limit));
  for (let i = 0; i < features.length && out.length < limit; i += step) firstPositions(features[i].geometry, out, Math.min(limit, out.length + 4));
  return out;
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function suggestProjected(sample: GeoJsonPosition[], referenceBBox: BoundingBox | undefined): CrsInfo | undefined {
  const x = median(sample.map((p) => p[0]));
  const y = median(sample.map((p) => p[1]));
  const offset = x % 1e6;
  if (x >= 13e6 && x < 46e6 && offset > 1.5e5 && offset < 8.5e5) return gaussKrugerForPrefixedEasting(x);
  if (x >= 6e6 && x < 16e6 && y > 1e6 && y < 8e6) return describeCrs('EPSG:3857');
  if (x > 1e5 && x < 9e5 && y > 1e6 && y < 7e6 && referenceBBox) {
    return gaussKrugerForLongitude((referenceBBox[0] + referenceBBox[2]) / 2, false);
  }
  return undefined;
}

export interface SourceCheckInput {
  /** Positions spread over the layer, in the file's own numbers (samplePositions). */
  sample: GeoJsonPosition[];
  applied: CrsInfo;
  /** True when the user chose the CRS: name hints are then not repeated. */
  userChoseCrs: boolean;
  swapped: boolean;
  names: string[];
  referenceBBox?: BoundingBox;
}

/** Checks run on the file's own numbers, before any transform. Returns layer-level problems. */
export function detectSourceProblems(input: SourceCheckInput): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const { sample } = input;
  if (sample.length === 0) return problems;
  if (input.applied.kind === 'geographic' || input.applied.kind === 'gcj02' || input.applied.kind === 'bd09') {
    // Degrees never exceed 180; metres of any projected system in China are in the thousands or more.
    const projected = sample.filter((p) => Math.abs(p[0]) > 1000 || Math.abs(p[1]) > 1000).length;
    if (projected > sample.length * 0.5) {
      const suggested = suggestProjected(sample, input.referenceBBox);
      const example = sample[0];
      problems.push(
        makeProblem(
          'projected-coordinates-in-geographic',
          'error',
          {
            sample: `${Math.round(example[0])}, ${Math.round(example[1])}`,
            suggested: suggested?.id,
            suggestedLabelZh: suggested?.label.zh,
            suggestedLabelEn: suggested?.label.en,
          },
          {},
          suggested ? { crs: suggested.id } : undefined,
        ),
      );
      return problems;
    }
    if (!input.swapped) {
      const swapped = sample.filter((p) => (Math.abs(p[0]) <= 90 && Math.abs(p[1]) > 90 && Math.abs(p[1]) <= 180) || (p[0] > 15 && p[0] < 56 && p[1] > 70 && p[1] < 140)).length;
      if (swapped > sample.length * 0.5) {
        problems.push(makeProblem('swapped-lat-lon', 'warning', { sample: `[${sample[0][0]}, ${sample[0][1]}]` }, {}, { swapLonLat: true }));
      }
    }
  }
  if (!input.userChoseCrs && input.applied.kind === 'geographic') {
    const hint = crsHintFromNames(input.names);
    if (hint) {
      problems.push(makeProblem('crs-name-hint', 'warning', { hint: hint.hint, crs: hint.crs, applied: input.applied.id }, {}, { crs: hint.crs }));
    }
  }
  return problems;
}

export function geometryBBox(geometry: AnyGeoJsonGeometry): BoundingBox {
  const box = emptyBoundingBox();
  if (geometry.type === 'GeometryCollection') for (const member of geometry.geometries) extendBoundingBox(box, member.type === 'GeometryCollection' ? [] : member.coordinates);
  else extendBoundingBox(box, geometry.coordinates);
  return box;
}


export interface ReferenceCheckInput {
  /** Rows or features of the layer, in WGS84. */
  count: number;
  /** Extent of item i (undefined when it has no location); or, for a point table, `points`. */
  bboxOf?: (i: number) => BoundingBox | undefined;
  /** The rows' positions (NaN: no location), read directly instead of a box per row. */
  points?: { lon: Float64Array; lat: Float64Array };
  /** WGS84 positions spread over the layer, for the offset check. */
  sample: GeoJsonPosition[];
  layerKind: 'points' | 'lines-or-polygons';
  applied: CrsInfo;
  referenceBBox?: BoundingBox;
  referencePoints?: Array<[number, number]>;
  referencePolygons?: number[][][][];
  locate: (i: number) => FeatureLocation;
}

/** Checks run in WGS84 against the data already loaded. Returns per-feature and layer problems. */
export function detectReferenceProblems(input: ReferenceCheckInput): ImportProblem[] {
  const problems: ImportProblem[] = [];
  if (input.referenceBBox) {
    const [w, s, e, n] = input.referenceBBox;
    const margin = 0.02 * Math.max(e - w, n - s, 0.05);
    let outside = 0;
    const { points, bboxOf } = input;
    for (let i = 0; i < input.count; i++) {
      let away: boolean;
      if (points) {
        const lon = points.lon[i];
        const lat = points.lat[i];
        away = lon < w - margin || lon > e + margin || lat < s - margin || lat > n + margin; // false for NaN
      } else {
        const b = bboxOf?.(i);
        away = b !== undefined && (b[2] < w - margin || b[0] > e + margin || b[3] < s - margin || b[1] > n + margin);
      }
      if (away) {
        outside++;
        problems.push(makeProblem('outside-reference-extent', 'warning', {}, input.locate(i)));
      }
    }
    if (outside > 0) problems.push(makeProblem('layer-outside-reference-extent', 'warning', { count: outside }));
  }
  const hasReference = (input.referencePoints?.length ?? 0) > 0 || (input.referencePolygons?.length ?? 0) > 0;
  if (hasReference && input.applied.kind !== 'gcj02' && input.applied.kind !== 'bd09') {
    const shift = checkChinaOffset(input.sample, input.layerKind, { points: input.referencePoints, polygons: input.referencePolygons });
    if (shift.verdict === 'gcj02' || shift.verdict === 'bd09') {
      problems.push(makeProblem(shift.verdict === 'gcj02' ? 'gcj02-offset-suspected' : 'bd09-offset-suspected', 'warning', { distance: Math.round(shift.distance ?? 0) }, {}, { crs: shift.verdict }));
    }
  }
  return problems;
}
