// The siting inputs a planner loads as layers (through the importer, in the CLI and the app's
// worker alike): candidate sites — points, or buildable parcels as polygons, each standing for one
// candidate at its centroid — exclusion zones (polygons) and roads (lines).
import type { ImportedFeature } from '../geojson-types.ts';
import type { AreaGeometry, Position } from '../types.ts';
import type { CandidatePoint } from './project-candidates.ts';

/**
 * Area centroid of a polygon's outer ring (shoelace formula, in degrees: over a parcel's few hundred
 * metres the error against the ellipsoidal centroid is far below a metre). A concave parcel's
 * centroid may lie outside it; the candidate then stands beside its parcel.
 */
function ringCentroid(ring: Position[]): [number, number] | null {
  let area = 0, cx = 0, cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0, y0] = ring[i], [x1, y1] = ring[i + 1];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (area === 0) return null;
  return [cx / (3 * area), cy / (3 * area)];
}

/** Candidate points of a layer: its points, and one per parcel polygon (its largest part's outer ring centroid). */
export function candidatePointsOf(features: ImportedFeature[]): CandidatePoint[] {
  return features.flatMap((feature, i) => {
    const id = String(feature.properties.id ?? feature.id ?? `C${i + 1}`);
    const geometry = feature.geometry;
    if (!geometry) return [];
    if (geometry.type === 'Point') return [{ id, lon: geometry.coordinates[0], lat: geometry.coordinates[1] }];
    if (geometry.type === 'MultiPoint') return geometry.coordinates.map((c, k) => ({ id: `${id}-${k + 1}`, lon: c[0], lat: c[1] }));
    const rings = geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.type === 'MultiPolygon' ? geometry.coordinates.map((polygon) => polygon[0]) : [];
    let best: [number, number] | null = null;
    let bestSize = -1;
    for (const ring of rings) {
      const centre = ringCentroid(ring);
      const size = Math.abs(ring.reduce((sum, [x, y], k) => (k + 1 < ring.length ? sum + x * ring[k + 1][1] - ring[k + 1][0] * y : sum), 0));
      if (centre && size > bestSize) [best, bestSize] = [centre, size];
    }
    return best ? [{ id, lon: best[0], lat: best[1] }] : [];
  });
}

/** Exclusion zones of a layer: its polygons. */
export function exclusionPolygonsOf(features: ImportedFeature[]): AreaGeometry[] {
  return features.flatMap((f) => (f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon' ? [f.geometry as AreaGeometry] : []));
}

/** Road centre lines of a layer. */
export function roadLinesOf(features: ImportedFeature[]): Position[][] {
  return features.flatMap((f) => (f.geometry?.type === 'LineString' ? [f.geometry.coordinates] : f.geometry?.type === 'MultiLineString' ? f.geometry.coordinates : []));
}
