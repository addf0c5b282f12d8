// Per-unit metrics shared by straight-line and travel-time coverage: empty tables, the population,
// cohorts, facility count and capacity of each zone, and sums over groups of zones.
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { UnitMetrics } from './coverage-types.ts';

export function emptyMetrics(count: number, cohortNames: string[]): UnitMetrics {
  const perCohort = () => Object.fromEntries(cohortNames.map((c) => [c, new Float64Array(count)]));
  return {
    areaKm2: new Float64Array(count),
    coveredAreaKm2: new Float64Array(count),
    population: new Float64Array(count),
    coveredPopulation: new Float64Array(count),
    cohortPopulation: perCohort(),
    cohortCovered: perCohort(),
    facilityCount: new Float64Array(count),
    capacity: new Float64Array(count),
  };
}

/** Adds each zone's population, cohorts (total and covered), facility count and capacity to metrics. */
export function addPopulationAndFacilities(prepared: PreparedDataset, metrics: UnitMetrics, cellZone: Int32Array, facilityZone: Int32Array, selected: Uint32Array, cellCovered: Uint8Array): void {
  const { population, cohorts } = prepared.dataset.population;
  const cohortCounts = prepared.cohortNames.map((name) => cohorts[name]);
  const cohortTotals = prepared.cohortNames.map((name) => metrics.cohortPopulation[name]);
  const cohortCovered = prepared.cohortNames.map((name) => metrics.cohortCovered[name]);
  for (let i = 0; i < cellZone.length; i++) {
    const z = cellZone[i];
    if (z < 0) continue;
    const covered = cellCovered[i] === 1;
    metrics.population[z] += population[i];
    if (covered) metrics.coveredPopulation[z] += population[i];
    for (let c = 0; c < cohortCounts.length; c++) {
      const count = cohortCounts[c][i];
      cohortTotals[c][z] += count;
      if (covered) cohortCovered[c][z] += count;
    }
  }
  for (const f of selected) {
    const z = facilityZone[f];
    if (z < 0) continue;
    metrics.facilityCount[z] += 1;
    metrics.capacity[z] += prepared.dataset.facilities[f].capacity ?? 0;
  }
}

/**
 * Sums unit metrics into groups: group[u] is the group of unit u (or -1). With every unit in
 * group 0 this gives the region (the union of non-overlapping townships).
 */
export function sumMetrics(units: UnitMetrics, cohortNames: string[], group?: Int32Array, groupCount = 1): UnitMetrics {
  const total = emptyMetrics(groupCount, cohortNames);
  const add = (target: Float64Array, source: Float64Array) => {
    source.forEach((v, u) => {
      const g = group ? group[u] : 0;
      if (g >= 0) target[g] += v;
    });
  };
  add(total.areaKm2, units.areaKm2);
  add(total.coveredAreaKm2, units.coveredAreaKm2);
  add(total.population, units.population);
  add(total.coveredPopulation, units.coveredPopulation);
  add(total.facilityCount, units.facilityCount);
  add(total.capacity, units.capacity);
  for (const name of cohortNames) {
    add(total.cohortPopulation[name], units.cohortPopulation[name]);
    add(total.cohortCovered[name], units.cohortCovered[name]);
  }
  return total;
}
