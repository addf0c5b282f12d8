// Checks one feature's geometry in WGS84 and makes the safe repairs, reporting each:
//   repaired  — consecutive repeated vertex dropped, ring closed, ring rewound to RFC 7946,
//               degenerate hole or degenerate polygon part dropped;
//   warning   — self-intersection / bow-tie, hole outside its shell (kept: fixing them would change
//               the shape, which only the planner may decide);
//   error     — coordinates out of lon/lat range, a polygon or line with too few vertices (the
//               feature cannot be used and is left out of the layer, but reported).
// Repairs mutate the feature's geometry in place (the importer owns it).
import { findSelfIntersection } from './find-self-intersections.ts';
import type { AnyGeoJsonGeometry, GeoJsonPosition, ImportedFeature } from '../geojson-types.ts';
import { makeProblem, type FeatureLocation, type ImportProblem } from './import-problem.ts';
import { pointInRing, ringSignedArea2 } from '../geometry/ring-geometry.ts';

export interface GeometryCheck {
  keep: boolean;
  problems: ImportProblem[];
}

function samePosition(a: GeoJsonPosition, b: GeoJsonPosition): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function dropRepeated(positions: GeoJsonPosition[]): number {
  let write = 1;
  for (let read = 1; read < positions.length; read++) {
    if (!samePosition(positions[read], positions[write - 1])) positions[write++] = positions[read];
  }
  const dropped = positions.length - write;
  positions.length = Math.min(positions.length, write);
  return dropped;
}

function formatAt(at: [number, number]): string {
  return `${at[0].toFixed(6)}, ${at[1].toFixed(6)}`;
}

interface Tally {
  repeated: number;
  closed: boolean;
  rewound: boolean;
  droppedHoles: number;
  droppedParts: number;
}

/** Repairs the rings of one polygon; returns false when its exterior is degenerate. */
function repairPolygon(rings: GeoJsonPosition[][], tally: Tally): boolean {
  for (let r = rings.length - 1; r >= 0; r--) {
    const ring = rings[r];
    if (ring.length > 0 && !samePosition(ring[0], ring[ring.length - 1])) {
      tally.repeated += dropRepeated(ring);
      ring.push(ring[0].slice());
      tally.closed = true;
    } else tally.repeated += dropRepeated(ring);
    if (ring.length < 4) {
      if (r === 0) return false;
      rings.splice(r, 1);
      tally.droppedHoles++;
      continue;
    }
    const counterClockwise = ringSignedArea2(ring) > 0;
    if (counterClockwise !== (r === 0)) {
      ring.reverse();
      tally.rewound = true;
    }
  }
  return rings.length > 0;
}

function checkRanges(geometry: AnyGeoJsonGeometry): string | undefined {
  const visit = (coordinates: unknown): string | undefined => {
    if (typeof (coordinates as unknown[])[0] === 'number') {
      const [lon, lat] = coordinates as number[];
      return lon < -180 || lon > 180 || lat < -90 || lat > 90 ? `${lon}, ${lat}` : undefined;
    }
    for (const item of coordinates as unknown[]) {
      const bad = visit(item);
      if (bad) return bad;
    }
    return undefined;
  };
  if (geometry.type === 'GeometryCollection') {
    for (const member of geometry.geometries) {
      const bad = checkRanges(member);
      if (bad) return bad;
    }
    return undefined;
  }
  return visit(geometry.coordinates);
}

function checkPolygonShape(rings: GeoJsonPosition[][], location: FeatureLocation, problems: ImportProblem[]): void {
  const crossing = findSelfIntersection(rings);
  if (crossing) {
    const bowTie = crossing.ringA === crossing.ringB && rings[crossing.ringA].length === 5;
    problems.push(makeProblem(bowTie ? 'bow-tie' : 'self-intersection', 'warning', { at: formatAt(crossing.at) }, location));
    return;
  }
  for (let r = 1; r < rings.length; r++) {
    if (!pointInRing(rings[r][0][0], rings[r][0][1], rings[0]) && !rings[r].some((position) => pointInRing(position[0], position[1], rings[0]))) {
      problems.push(makeProblem('hole-outside-shell', 'warning', {}, location));
      return;
    }
  }
}

function validate(geometry: AnyGeoJsonGeometry, location: FeatureLocation, problems: ImportProblem[], tally: Tally): boolean {
  switch (geometry.type) {
    case 'Point':
    case 'MultiPoint':
      return true;
    case 'LineString': {
      tally.repeated += dropRepeated(geometry.coordinates);
      if (geometry.coordinates.length < 2) {
        problems.push(makeProblem('line-too-short', 'error', {}, location));
        return false;
      }
      return true;
    }
    case 'MultiLineString': {
      for (const line of geometry.coordinates) tally.repeated += dropRepeated(line);
      const kept = geometry.coordinates.filter((line) => line.length >= 2);
      if (kept.length === 0) {
        problems.push(makeProblem('line-too-short', 'error', {}, location));
        return false;
      }
      tally.droppedParts += geometry.coordinates.length - kept.length;
      geometry.coordinates = kept;
      return true;
    }
    case 'Polygon': {
      const exterior = geometry.coordinates[0] ?? [];
      const distinct = exterior.length < 8 ? new Set(exterior.map((position) => `${position[0]},${position[1]}`)).size : exterior.length;
      if (!repairPolygon(geometry.coordinates, tally)) {
        problems.push(makeProblem('ring-too-short', 'error', { count: distinct }, location));
        return false;
      }
      checkPolygonShape(geometry.coordinates, location, problems);
      return true;
    }
    case 'MultiPolygon': {
      const kept = geometry.coordinates.filter((polygon) => repairPolygon(polygon, tally));
      if (kept.length === 0) {
        problems.push(makeProblem('ring-too-short', 'error', { count: '< 3' }, location));
        return false;
      }
      tally.droppedParts += geometry.coordinates.length - kept.length;
      geometry.coordinates = kept;
      for (const polygon of kept) {
        const before = problems.length;
        checkPolygonShape(polygon, location, problems);
        if (problems.length > before) break;
      }
      return true;
    }
    case 'GeometryCollection':
      return geometry.geometries.every((member) => validate(member, location, problems, tally));
  }
}

export function validateGeometry(feature: ImportedFeature, location: FeatureLocation): GeometryCheck {
  const problems: ImportProblem[] = [];
  const geometry = feature.geometry;
  if (!geometry) return { keep: true, problems };
  const outOfRange = checkRanges(geometry);
  if (outOfRange) {
    problems.push(makeProblem('coordinate-out-of-range', 'error', { value: outOfRange }, location));
    return { keep: false, problems };
  }
  const tally: Tally = { repeated: 0, closed: false, rewound: false, droppedHoles: 0, droppedParts: 0 };
  const keep = validate(geometry, location, problems, tally);
  if (tally.repeated > 0) problems.push(makeProblem('repeated-vertex', 'repaired', { count: tally.repeated }, location));
  if (tally.closed) problems.push(makeProblem('ring-not-closed', 'repaired', {}, location));
  if (tally.rewound) problems.push(makeProblem('wrong-winding', 'repaired', {}, location));
  if (tally.droppedHoles > 0 || tally.droppedParts > 0) problems.push(makeProblem('degenerate-hole-dropped', 'repaired', {}, location));
  return { keep, problems };
}
