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

function zoneMetrics(
  prepared: PreparedDataset,
  zones: ProjectedZones,
  cellZone: Int32Array,
  gridZone: Int32Array,
  facilityZone: Int32Array,
  network: TravelModeNetwork,
  times: TravelTimeResult,
  cellCovered: Uint8Array,
  limitSeconds: number,
): UnitMetrics {
  const metrics = emptyMetrics(zones.count, prepared.cohortNames);
  for (let z = 0; z < zones.count; z++) metrics.areaKm2[z] = zones.projectedArea[z] / (zones.scale[z] * zones.scale[z]) / 1e6;
  const cellSquareMetres = network.network.grid.cellMetres ** 2;
  const gridScale = network.grid.scale;
  const gridSeconds = times.grid.seconds;
  for (let g = 0; g < gridZone.length; g++) {
    const z = gridZone[g];
    if (z >= 0 && gridSeconds[g] <= limitSeconds) metrics.coveredAreaKm2[z] += cellSquareMetres / (gridScale[g] * gridScale[g]) / 1e6;
  }
  // a zone cannot have more covered area than area (grid cells straddle its boundary)
  for (let z = 0; z < zones.count; z++) metrics.coveredAreaKm2[z] = Math.min(metrics.coveredAreaKm2[z], metrics.areaKm2[z]);
  addPopulationAndFacilities(prepared, metrics, cellZone, facilityZone, times.facilityIndices, cellCovered);
  return metrics;
}

export function coverageFromTravelTimes(prepared: PreparedDataset, network: TravelModeNetwork, times: TravelTimeResult, minutes: number): CoverageResult {
  const limit = minutes * 60;
  const cellCovered = Uint8Array.from(times.cells.seconds, (s) => (s <= limit ? 1 : 0));
  const placeCovered = Uint8Array.from(times.places.seconds, (s) => (s <= limit ? 1 : 0));
  const grid = network.network.grid;
  const townships = zoneMetrics(prepared, prepared.townships, prepared.cellTownship, grid.township, prepared.facilityTownship, network, times, cellCovered, limit);
  const reach: Reach = { kind: 'travel-time', minutes, mode: network.graph.mode };
  return {
    reach,
    facilityIndices: times.facilityIndices,
    townships,
    counties: zoneMetrics(prepared, prepared.counties, prepared.cellCounty, grid.county, prepared.facilityCounty, network, times, cellCovered, limit),
    region: sumMetrics(townships, prepared.cohortNames),
    areas: zoneMetrics(prepared, prepared.areas, prepared.cellArea, grid.area, prepared.facilityArea, network, times, cellCovered, limit),
    cellCovered,
    placeCovered,
  };
}
