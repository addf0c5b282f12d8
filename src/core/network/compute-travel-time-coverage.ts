// Coverage within a travel time: a cell or place is covered when its travel time to the nearest
// selected facility is at most the limit; the covered area is the area of the grid cells within
// the limit (ellipsoidal: cell area / k², counted in the township holding the cell's centre, so
// exact to about one grid cell along each boundary). Same result shape as the straight-line
// computeCoverage, so rules, tables and maps take either.
import type { ProjectedZones } from '../geometry/projected-zones.ts';
import type { CoverageResult, Reach, UnitMetrics } from '../coverage/coverage-types.ts';
import { addPopulationAndFacilities, emptyMetrics, sumMetrics } from '../coverage/unit-metrics.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { TravelModeNetwork } from './prepare-travel-network.ts';
import type { TravelTimeResult } from './compute-travel-times.ts';

function zoneMetrics(prepared: PreparedDataset, zones: ProjectedZones, cellZone: Int32Array, facilityZone: Int32Array, times: TravelTimeResult, cellCovered: Uint8Array): UnitMetrics {
  const metrics = emptyMetrics(zones.count, prepared.cohortNames);
  for (let z = 0; z < zones.count; z++) metrics.areaKm2[z] = zones.projectedArea[z] / (zones.scale[z] * zones.scale[z]) / 1e6;
  addPopulationAndFacilities(prepared, metrics, cellZone, facilityZone, times.facilityIndices, cellCovered);
  return metrics;
}

/** Each zone's covered area: its grid cells within the limit, at most the zone's area. */
function coveredArea(metrics: UnitMetrics, gridZone: Int32Array, network: TravelModeNetwork, times: TravelTimeResult, limitSeconds: number): Float64Array {
  const covered = new Float64Array(metrics.areaKm2.length);
  const cellSquareMetres = network.network.grid.cellMetres ** 2;
  const gridScale = network.grid.scale;
  const gridSeconds = times.grid.seconds;
  for (let g = 0; g < gridZone.length; g++) {
    const z = gridZone[g];
    if (z >= 0 && gridSeconds[g] <= limitSeconds) covered[z] += cellSquareMetres / (gridScale[g] * gridScale[g]) / 1e6;
  }
  // a zone cannot have more covered area than area (grid cells straddle its boundary)
  for (let z = 0; z < covered.length; z++) covered[z] = Math.min(covered[z], metrics.areaKm2[z]);
  return covered;
}

/**
 * Population figures now; the covered areas (of townships, counties, areas and the region) when
 * first read: they need the travel grid and its times, which a run of population rules never builds.
 */
export function coverageFromTravelTimes(prepared: PreparedDataset, network: TravelModeNetwork, times: TravelTimeResult, minutes: number): CoverageResult {
  const limit = minutes * 60;
  const cellCovered = Uint8Array.from(times.cells.seconds, (s) => (s <= limit ? 1 : 0));
  const placeCovered = Uint8Array.from(times.places.seconds, (s) => (s <= limit ? 1 : 0));
  const townships = zoneMetrics(prepared, prepared.townships, prepared.cellTownship, prepared.facilityTownship, times, cellCovered);
  const counties = zoneMetrics(prepared, prepared.counties, prepared.cellCounty, prepared.facilityCounty, times, cellCovered);
  const areas = zoneMetrics(prepared, prepared.areas, prepared.cellArea, prepared.facilityArea, times, cellCovered);
  const region = sumMetrics(townships, prepared.cohortNames);
  let measured = false;
  const measure = () => {
    if (measured) return;
    measured = true;
    const grid = network.network.grid;
    const covered = {
      townships: coveredArea(townships, grid.township, network, times, limit),
      counties: coveredArea(counties, grid.county, network, times, limit),
      areas: coveredArea(areas, grid.area, network, times, limit),
    };
    let total = 0; // summed as sumMetrics sums the townships
    for (const km2 of covered.townships) total += km2;
    for (const [metrics, value] of [[townships, covered.townships], [counties, covered.counties], [areas, covered.areas], [region, Float64Array.of(total)]] as const) {
      Object.defineProperty(metrics, 'coveredAreaKm2', { value, writable: true, enumerable: true, configurable: true });
    }
  };
  for (const metrics of [townships, counties, areas, region]) {
    Object.defineProperty(metrics, 'coveredAreaKm2', {
      get() {
        measure();
        return metrics.coveredAreaKm2;
      },
      enumerable: true,
      configurable: true,
    });
  }
  const reach: Reach = { kind: 'travel-time', minutes, mode: network.graph.mode };
  return { reach, facilityIndices: times.facilityIndices, townships, counties, region, areas, cellCovered, placeCovered };
}
