// Nearest travel times per township, county and region after one what-if edit, from those before
// it: the cells whose time changed (update-travel-times.ts says which) are re-ordered and only their
// zones get their median, p90 and unreachable people again (update-zone-quantiles.ts), so the
// figures equal computeNearestTime's on the edited data.
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { NearestTimeResult } from '../network/compute-nearest-time.ts';
import type { TravelTimeResult } from '../network/compute-travel-times.ts';
import { cellsByZone, regionZones, zonesOf } from './cells-by-zone.ts';
import { updateZoneQuantiles, type QuantileLevel } from './update-zone-quantiles.ts';

export function updateNearestTime(prepared: PreparedDataset, previous: NearestTimeResult, times: TravelTimeResult, changedCells: readonly number[]): NearestTimeResult {
  const seconds = times.cells.seconds;
  const cellMinutes = new Float64Array(seconds.length);
  for (let i = 0; i < seconds.length; i++) cellMinutes[i] = seconds[i] / 60;
  const quantiles = updateZoneQuantiles(prepared, previous.cellMinutes, cellMinutes, changedCells, previous);
  const population = prepared.dataset.population.population;
  const zonesOfLevel: Record<QuantileLevel, { cellZone: Int32Array; count: number }> = {
    townships: { cellZone: prepared.cellTownship, count: prepared.townships.count },
    counties: { cellZone: prepared.cellCounty, count: prepared.counties.count },
    region: { cellZone: regionZones(prepared.cellTownship), count: 1 },
  };
  const level = (name: QuantileLevel) => {
    const { cellZone, count } = zonesOfLevel[name];
    const unreachablePopulation = previous[name].unreachablePopulation.slice();
    const { start, cells } = cellsByZone(cellZone, count);
    // Summed over the zone's cells in cell order, as computeNearestTime sums them.
    for (const z of zonesOf(cellZone, changedCells)) {
      let sum = 0;
      for (let k = start[z]; k < start[z + 1]; k++) if (cellMinutes[cells[k]] === Infinity) sum += population[cells[k]];
      unreachablePopulation[z] = sum;
    }
    return { ...quantiles[name], unreachablePopulation };
  };
  return { cellMinutes, cellFacility: times.cells.source, townships: level('townships'), counties: level('counties'), region: level('region') };
}
