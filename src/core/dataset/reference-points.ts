// Where the data already loaded lies, for the import's offset check (a GCJ-02 or BD-09 layer is
// recognised by snapping onto these once the offset is undone, whatever its file is called):
// boundary vertices, evenly thinned, and the points of facilities and target places; and the
// boundary polygons themselves (a point layer pushed out of them by the GCJ-02 pattern).
import type { AdminUnit, Dataset } from '../types.ts';

/** At most this many positions (the check samples a layer against them with a k-d tree). */
const REFERENCE_POINTS = 20000;

function thinned(points: Array<[number, number]>, limit: number): Array<[number, number]> {
  const step = Math.max(1, Math.ceil(points.length / limit));
  return step === 1 ? points : points.filter((_, i) => i % step === 0);
}

/**
 * Boundary vertices of the units, thinned to at most `limit` (every step-th of them all, as
 * `thinned` keeps; counted first so that only the kept ones become pairs: 500,000 vertices → 20,000).
 */
export function boundaryVertices(units: AdminUnit[], limit = REFERENCE_POINTS): Array<[number, number]> {
  const polygonsOf = (unit: AdminUnit) => (unit.geometry.type === 'Polygon' ? [unit.geometry.coordinates] : unit.geometry.coordinates);
  let total = 0;
  for (const unit of units) for (const polygon of polygonsOf(unit)) for (const ring of polygon) total += ring.length;
  const step = Math.max(1, Math.ceil(total / limit));
  const kept: Array<[number, number]> = [];
  let i = 0;
  for (const unit of units) {
    for (const polygon of polygonsOf(unit)) {
      for (const ring of polygon) {
        for (const position of ring) {
          if (i++ % step === 0) kept.push([position[0], position[1]]);
        }
      }
    }
  }
  return kept;
}

/** Boundary vertices (townships, else counties) and facility and place points of a dataset. */
export function referencePointsOf(dataset: Dataset, limit = REFERENCE_POINTS): Array<[number, number]> {
  const points: Array<[number, number]> = [
    ...dataset.facilities.map((f): [number, number] => [f.lon, f.lat]),
    ...dataset.places.map((p): [number, number] => [p.lon, p.lat]),
  ];
  const units = dataset.townships.length > 0 ? dataset.townships : dataset.counties;
  return [...thinned(points, limit / 2), ...boundaryVertices(units, limit / 2)];
}

/** The township polygons (else the counties'), as rings of [lon, lat]: the offset check's polygon reference. */
export function referencePolygonsOf(dataset: Dataset): number[][][][] {
  const units = dataset.townships.length > 0 ? dataset.townships : dataset.counties;
  return units.flatMap((unit) => (unit.geometry.type === 'Polygon' ? [unit.geometry.coordinates] : unit.geometry.coordinates));
}
