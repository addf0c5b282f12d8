// A service's figures for a whole region, put together from its county tiles (plan-county-tiles.ts)
// as they are computed, so that only one tile's cells are ever in memory. Township and county
// figures are the tile's own (each township and county lies in exactly one tile); the region's
// sums are the townships'; areas of interest add up the people of each tile's townships. Two
// region figures cannot be added up: the population-weighted median and p90 distance come from a
// histogram of 1 m bins over every tile's cells (the answer is the largest distance in the bin
// where the weight is reached: within 1 m of the exact one), and the 2SFCA mean is kept as its
// weighted sum and weight. Per-cell arrays are not kept (empty in the result).

import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { CoverageResult, NearestDistanceResult, TwoStepFcaResult, UnitMetrics } from '../coverage/coverage-types.ts';
import type { ServiceFigures } from '../analysis/compute-service-figures.ts';
import { emptyMetrics, sumMetrics } from '../coverage/unit-metrics.ts';
import type { CountyTile } from './plan-county-tiles.ts';

/** Width of the region histogram's bins (m): the region median and p90 are within this of the exact ones. */
export const REGION_DISTANCE_BIN_METRES = 1;

/** Population by distance in 1 m bins, with each bin's largest distance; Infinity apart. */
class DistanceHistogram {
  private weight = new Float64Array(1024);
  private largest = new Float64Array(1024).fill(-Infinity);
  private unreachable = 0;
  private total = 0;

  add(distance: number, weight: number): void {
    this.total += weight;
    if (distance === Infinity) {
      this.unreachable += weight;
      return;
    }
    const bin = Math.floor(distance / REGION_DISTANCE_BIN_METRES);
    if (bin >= this.weight.length) this.grow(bin + 1);
    this.weight[bin] += weight;
    if (distance > this.largest[bin]) this.largest[bin] = distance;
  }

  private grow(size: number): void {
    const length = Math.max(size, this.weight.length * 2);
    const weight = new Float64Array(length);
    weight.set(this.weight);
    const largest = new Float64Array(length).fill(-Infinity);
    largest.set(this.largest);
    this.weight = weight;
    this.largest = largest;
  }

  /** The q-quantile as weightedQuantilesByZone defines it, to within a bin; NaN without people. */
  quantile(q: number): number {
    if (!(this.total > 0)) return NaN;
    const target = q * this.total * (1 - 1e-12);
    let cumulative = 0;
    for (let bin = 0; bin < this.weight.length; bin++) {
      if (this.weight[bin] === 0) continue;
      cumulative += this.weight[bin];
      if (cumulative >= target) return this.largest[bin];
    }
    return this.unreachable > 0 ? Infinity : this.largest.reduce((a, b) => Math.max(a, b), -Infinity);
  }
}

function copyUnit(target: UnitMetrics, to: number, source: UnitMetrics, from: number): void {
  for (const key of ['areaKm2', 'coveredAreaKm2', 'population', 'coveredPopulation', 'facilityCount', 'capacity'] as const) target[key][to] = source[key][from];
  for (const cohort of Object.keys(target.cohortPopulation)) {
    target.cohortPopulation[cohort][to] = source.cohortPopulation[cohort]?.[from] ?? 0;
    target.cohortCovered[cohort][to] = source.cohortCovered[cohort]?.[from] ?? 0;
  }
}

const nanArray = (count: number) => new Float64Array(count).fill(NaN);

export class TileFigureMerger {
  private readonly townships: UnitMetrics;
  private readonly counties: UnitMetrics;
  private areas: UnitMetrics | null = null;
  private readonly nearest: { townships: { median: Float64Array; p90: Float64Array }; counties: { median: Float64Array; p90: Float64Array } };
  private readonly distances = new DistanceHistogram();
  private twoStep: { townships: Float64Array; counties: Float64Array; weighted: number; weight: number; catchmentMetres: number } | null = null;
  private first: ServiceFigures | null = null;

  /**
   * `region`: the whole region prepared without cells (its townships, counties and cohort names);
   * `servedGroup`: the cohort the service's 2SFCA weighs by (everyone when absent).
   */
  constructor(
    private readonly region: PreparedDataset,
    private readonly servedGroup?: string,
  ) {
    const { townships, counties } = region;
    this.townships = emptyMetrics(townships.count, region.cohortNames);
    this.counties = emptyMetrics(counties.count, region.cohortNames);
    this.nearest = {
      townships: { median: nanArray(townships.count), p90: nanArray(townships.count) },
      counties: { median: nanArray(counties.count), p90: nanArray(counties.count) },
    };
  }

  /** One tile's figures (`prepared`: the tile, its townships in the tile's order). */
  add(tile: CountyTile, prepared: PreparedDataset, figures: ServiceFigures): void {
    this.first ??= figures;
    const { coverage, nearest, twoStepFca } = figures;
    tile.townships.forEach((t, k) => {
      copyUnit(this.townships, t, coverage.townships, k);
      this.nearest.townships.median[t] = nearest.townships.median[k];
      this.nearest.townships.p90[t] = nearest.townships.p90[k];
    });
    if (tile.county >= 0 && prepared.counties.count === 1) {
      copyUnit(this.counties, tile.county, coverage.counties, 0);
      this.nearest.counties.median[tile.county] = nearest.counties.median[0];
      this.nearest.counties.p90[tile.county] = nearest.counties.p90[0];
    }
    const population = prepared.dataset.population.population;
    const inTownship = prepared.cellTownship;
    for (let i = 0; i < population.length; i++) {
      if (inTownship[i] >= 0 && population[i] > 0) this.distances.add(nearest.cellDistance[i], population[i]);
    }
    this.addAreas(prepared, coverage);
    if (twoStepFca) this.addTwoStep(tile, prepared, twoStepFca);
  }

  /** Areas of interest: areas, coverage, facilities as any tile has them (all facilities are in each); people summed over the tiles' townships. */
  private addAreas(prepared: PreparedDataset, coverage: CoverageResult): void {
    const cohorts = this.region.cohortNames;
    if (!this.areas) {
      this.areas = emptyMetrics(prepared.areas.count, cohorts);
      for (let a = 0; a < prepared.areas.count; a++) {
        copyUnit(this.areas, a, coverage.areas, a);
        this.areas.population[a] = 0;
        this.areas.coveredPopulation[a] = 0;
        for (const cohort of cohorts) this.areas.cohortPopulation[cohort][a] = this.areas.cohortCovered[cohort][a] = 0;
      }
    }
    const { population, cohorts: cohortValues } = prepared.dataset.population;
    for (let i = 0; i < population.length; i++) {
      const a = prepared.cellArea[i];
      if (a < 0 || prepared.cellTownship[i] < 0) continue;
      const covered = coverage.cellCovered[i] === 1;
      this.areas.population[a] += population[i];
      if (covered) this.areas.coveredPopulation[a] += population[i];
      for (const cohort of cohorts) {
        const value = cohortValues[cohort]?.[i] ?? 0;
        this.areas.cohortPopulation[cohort][a] += value;
        if (covered) this.areas.cohortCovered[cohort][a] += value;
      }
    }
  }

  private addTwoStep(tile: CountyTile, prepared: PreparedDataset, result: TwoStepFcaResult): void {
    const region = this.region;
    this.twoStep ??= { townships: new Float64Array(region.townships.count), counties: new Float64Array(region.counties.count), weighted: 0, weight: 0, catchmentMetres: result.catchmentMetres };
    tile.townships.forEach((t, k) => (this.twoStep!.townships[t] = result.townships[k]));
    if (tile.county >= 0 && prepared.counties.count === 1) this.twoStep.counties[tile.county] = result.counties[0];
    // The region's mean weighs by the served group, as computeTwoStepFca does.
    const { population, cohorts } = prepared.dataset.population;
    const demand = (this.servedGroup && cohorts[this.servedGroup]) || population;
    for (let i = 0; i < demand.length; i++) {
      if (prepared.cellTownship[i] < 0 || !(demand[i] > 0)) continue;
      this.twoStep.weighted += demand[i] * result.cellIndex[i];
      this.twoStep.weight += demand[i];
    }
  }

  /** The region's figures once every tile was added. */
  result(): ServiceFigures {
    const first = this.first;
    if (!first) throw new Error('no tile was added');
    const cohorts = this.region.cohortNames;
    const coverage: CoverageResult = {
      reach: first.coverage.reach,
      facilityIndices: first.coverage.facilityIndices,
      townships: this.townships,
      counties: this.region.townshipCounty ? sumMetrics(this.townships, cohorts, this.region.townshipCounty, this.region.counties.count) : this.counties,
      region: sumMetrics(this.townships, cohorts),
      areas: this.areas ?? emptyMetrics(0, cohorts),
      cellCovered: new Uint8Array(0),
      placeCovered: first.coverage.placeCovered,
    };
    const nearest: NearestDistanceResult = {
      cellDistance: new Float64Array(0),
      townships: this.nearest.townships,
      counties: this.nearest.counties,
      region: { median: Float64Array.of(this.distances.quantile(0.5)), p90: Float64Array.of(this.distances.quantile(0.9)) },
    };
    const two = this.twoStep;
    const twoStepFca: TwoStepFcaResult | null = two
      ? { catchmentMetres: two.catchmentMetres, cellIndex: new Float64Array(0), townships: two.townships, counties: two.counties, region: Float64Array.of(two.weight > 0 ? two.weighted / two.weight : 0) }
      : null;
    return { ...first, coverage, nearest, twoStepFca };
  }
}
