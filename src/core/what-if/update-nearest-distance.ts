// Nearest distances after one what-if edit, from those before it, without measuring or ordering
// every cell again. A cell's distance changes only if its nearest facility was the removed one (it
// looks again among the selected facilities: few cells, so a scan of the facilities is enough) or
// the added facility is nearer; only the zones holding such a cell get their median and p90 again
// (update-zone-quantiles.ts), so the answers equal computeNearestDistance's on the edited data
// (test/what-if/update-nearest-distance.test.ts).
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { FacilityFilter, NearestDistanceResult } from '../coverage/coverage-types.ts';
import { selectFacilities } from '../coverage/select-facilities.ts';
import { updateZoneQuantiles } from './update-zone-quantiles.ts';

/**
 * Nearest distances after one selected facility was added, moved or removed (`prepared` is the
 * edited dataset, `previous` the state before the edit, positions in the prepared plane). Distances
 * are computed as computeNearestDistance computes them (square root of the least squared plane
 * distance, over the scale factor), so the result equals a full run on the edited dataset.
 */
export function updateNearestDistance(
  prepared: PreparedDataset,
  filter: FacilityFilter,
  previous: NearestDistanceResult,
  change: { removed?: [number, number]; added?: [number, number] },
): NearestDistanceResult {
  const selected = selectFacilities(prepared.dataset, filter);
  const fx = Float64Array.from(selected, (f) => prepared.facilities.x[f]);
  const fy = Float64Array.from(selected, (f) => prepared.facilities.y[f]);
  const { x, y, scale } = prepared.cells;
  const population = prepared.dataset.population.population;
  const cellDistance = previous.cellDistance.slice();
  const [rx, ry] = change.removed ?? [NaN, NaN];
  const [ax, ay] = change.added ?? [NaN, NaN];
  const changed: number[] = [];
  for (let i = 0; i < cellDistance.length; i++) {
    if (population[i] <= 0) continue;
    const old = cellDistance[i];
    let distance = old;
    const px = x[i], py = y[i];
    if (change.removed) {
      const plane = old * scale[i];
      // Its nearest facility stood at the removed position (to rounding): look again.
      if ((rx - px) ** 2 + (ry - py) ** 2 <= plane * plane * (1 + 1e-9) + 1e-6) {
        let bestSquared = Infinity;
        for (let k = 0; k < fx.length; k++) bestSquared = Math.min(bestSquared, (fx[k] - px) ** 2 + (fy[k] - py) ** 2);
        distance = Math.sqrt(bestSquared) / scale[i];
      }
    }
    if (change.added) {
      const squared = (ax - px) ** 2 + (ay - py) ** 2;
      const plane = distance * scale[i];
      if (squared < plane * plane) distance = Math.min(distance, Math.sqrt(squared) / scale[i]);
    }
    if (distance === old) continue;
    cellDistance[i] = distance;
    changed.push(i);
  }
  const quantiles = updateZoneQuantiles(prepared, previous.cellDistance, cellDistance, changed, previous);
  const result: NearestDistanceResult = { cellDistance, ...quantiles };
  return result;
}
