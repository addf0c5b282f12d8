// A region's figures put together from its county tiles (plan-county-tiles.ts) as they are
// computed, so that only one tile's cells are in memory at a time. Each township and county lies in
// exactly one tile, so their figures are the tile's own; the region's coverage sums are the
// townships' (as computeCoverage makes them); areas of interest take their areas, coverage and
// facilities from any tile (every tile holds every facility and area) and add up the people of
// each tile's townships. Two region figures cannot be added up: the population-weighted median
// and p90 distance come from a histogram of 1 m bins over every tile's cells (the answer is the
// largest distance in the bin where the weight is reached: within 1 m of the exact one), and the
// 2SFCA mean is kept as its weighted sum and weight.
//
// What the rules read from cells — people per township, county and area of interest, covered or
// not by each reach they ask for — is kept as cell groups: the cells of a tile with the same
// township, county, area and covered flags become one group holding their head counts (a few
// per township). Summing groups is summing cells, so the rules give the untiled run's results.

import type { PopulationCells } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { CoverageResult, NearestDistanceResult, TwoStepFcaResult, UnitMetrics } from '../coverage/coverage-types.ts';
import { emptyMetrics, sumMetrics } from '../coverage/unit-metrics.ts';
import type { CountyTile } from './plan-county-tiles.ts';

/** Width of the region histogram's bins (m): the region median and p90 are within this of the exact ones. */
export const REGION_DISTANCE_BIN_METRES = 1;

const UNIT_FIELDS = ['areaKm2', 'coveredAreaKm2', 'population', 'coveredPopulation', 'facilityCount', 'capacity'] as const;

function copyUnit(target: UnitMetrics, to: number, source: UnitMetrics, from: number): void {
  for (const key of UNIT_FIELDS) target[key][to] = source[key][from];
  for (const cohort of Object.keys(target.cohortPopulation)) {
    target.cohortPopulation[cohort][to] = source.cohortPopulation[cohort]?.[from] ?? 0;
    target.cohortCovered[cohort][to] = source.cohortCovered[cohort]?.[from] ?? 0;
  }
}

const nanArray = (count: number) => new Float64Array(count).fill(NaN);

/** One coverage request's results over the region. */
export class CoverageMerger {
  private readonly townships: UnitMetrics;
  private readonly counties: UnitMetrics;
  private areas: UnitMetrics | null = null;
  private first: CoverageResult | null = null;

  /** `region`: the region prepared without cells. */
  constructor(private readonly region: PreparedDataset) {
    this.townships = emptyMetrics(region.townships.count, region.cohortNames);
    this.counties = emptyMetrics(region.counties.count, region.cohortNames);
  }

  add(tile: CountyTile, prepared: PreparedDataset, coverage: CoverageResult): void {
    this.first ??= coverage;
    tile.townships.forEach((t, k) => copyUnit(this.townships, t, coverage.townships, k));
    if (tile.county >= 0 && prepared.counties.count === 1) copyUnit(this.counties, tile.county, coverage.counties, 0);
    const cohorts = this.region.cohortNames;
    if (!this.areas) {
      this.areas = emptyMetrics(prepared.areas.count, cohorts);
      for (let a = 0; a < prepared.areas.count; a++) {
        for (const key of ['areaKm2', 'coveredAreaKm2', 'facilityCount', 'capacity'] as const) this.areas[key][a] = coverage.areas[key][a];
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

  /** The region's coverage; `cellCovered` over the cell groups. */
  result(cellCovered: Uint8Array): CoverageResult {
    const first = this.first;
    if (!first) throw new Error('no tile was added');
    const cohorts = this.region.cohortNames;
    return {
      reach: first.reach,
      facilityIndices: first.facilityIndices,
      townships: this.townships,
      counties: this.region.townshipCounty ? sumMetrics(this.townships, cohorts, this.region.townshipCounty, this.region.counties.count) : this.counties,
      region: sumMetrics(this.townships, cohorts),
      areas: this.areas ?? emptyMetrics(0, cohorts),
      cellCovered,
      placeCovered: first.placeCovered,
    };
  }
}

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
    let last = NaN;
    for (let bin = 0; bin < this.weight.length; bin++) {
      if (this.weight[bin] === 0) continue;
      cumulative += this.weight[bin];
      last = this.largest[bin];
      if (cumulative >= target) return last;
    }
    return this.unreachable > 0 ? Infinity : last;
  }
}

/** Nearest-facility distances: townships' and counties' quantiles from their tiles, the region's from a histogram. */
export class NearestMerger {
  private readonly townships: { median: Float64Array; p90: Float64Array };
  private readonly counties: { median: Float64Array; p90: Float64Array };
  private readonly distances = new DistanceHistogram();

  constructor(region: PreparedDataset) {
    this.townships = { median: nanArray(region.townships.count), p90: nanArray(region.townships.count) };
    this.counties = { median: nanArray(region.counties.count), p90: nanArray(region.counties.count) };
  }

  add(tile: CountyTile, prepared: PreparedDataset, nearest: NearestDistanceResult): void {
    tile.townships.forEach((t, k) => {
      this.townships.median[t] = nearest.townships.median[k];
      this.townships.p90[t] = nearest.townships.p90[k];
    });
    if (tile.county >= 0 && prepared.counties.count === 1) {
      this.counties.median[tile.county] = nearest.counties.median[0];
      this.counties.p90[tile.county] = nearest.counties.p90[0];
    }
    const population = prepared.dataset.population.population;
    for (let i = 0; i < population.length; i++) {
      if (prepared.cellTownship[i] >= 0 && population[i] > 0) this.distances.add(nearest.cellDistance[i], population[i]);
    }
  }

  /** Per-cell distances are not kept (empty). */
  result(): NearestDistanceResult {
    return {
      cellDistance: new Float64Array(0),
      townships: this.townships,
      counties: this.counties,
      region: { median: Float64Array.of(this.distances.quantile(0.5)), p90: Float64Array.of(this.distances.quantile(0.9)) },
    };
  }
}

/** 2SFCA: townships' and counties' means from their tiles, the region's from the weighted sums over the tiles' townships. */
export class TwoStepMerger {
  private readonly townships: Float64Array;
  private readonly counties: Float64Array;
  private weighted = 0;
  private weight = 0;

  /** `cohort`: the head counts the index is weighted by (everyone when absent), as computeTwoStepFca weighs. */
  constructor(
    region: PreparedDataset,
    private readonly catchmentMetres: number,
    private readonly cohort: string | undefined,
  ) {
    this.townships = new Float64Array(region.townships.count);
    this.counties = new Float64Array(region.counties.count);
  }

  add(tile: CountyTile, prepared: PreparedDataset, result: TwoStepFcaResult): void {
    tile.townships.forEach((t, k) => (this.townships[t] = result.townships[k]));
    if (tile.county >= 0 && prepared.counties.count === 1) this.counties[tile.county] = result.counties[0];
    const { population, cohorts } = prepared.dataset.population;
    const demand = this.cohort ? cohorts[this.cohort] : population;
    for (let i = 0; i < demand.length; i++) {
      if (prepared.cellTownship[i] < 0 || !(demand[i] > 0)) continue;
      this.weighted += demand[i] * result.cellIndex[i];
      this.weight += demand[i];
    }
  }

  /** Per-cell indices are not kept (empty). */
  result(): TwoStepFcaResult {
    return {
      catchmentMetres: this.catchmentMetres,
      cellIndex: new Float64Array(0),
      townships: this.townships,
      counties: this.counties,
      region: Float64Array.of(this.weight > 0 ? this.weighted / this.weight : 0),
    };
  }
}

export interface CellGroups {
  /** One "cell" per group: summed head counts, at the mean position of its cells. */
  population: PopulationCells;
  cellTownship: Int32Array;
  cellCounty: Int32Array;
  cellArea: Int32Array;
  /** Per coverage request (in the order given to add): 1 where the group is within reach. */
  covered: Uint8Array[];
}

/** Groups the cells of the tiles' townships by township, county, area of interest and covered flags. */
export class CellGroupCollector {
  private readonly township: number[] = [];
  private readonly county: number[] = [];
  private readonly area: number[] = [];
  private readonly flags: number[] = [];
  private readonly people: number[] = [];
  private readonly cohortPeople: number[][];
  private readonly lonSum: number[] = [];
  private readonly latSum: number[] = [];
  private readonly count: number[] = [];

  constructor(private readonly cohortNames: string[]) {
    this.cohortPeople = cohortNames.map(() => []);
  }

  /** `covered`: the tile's covered-cell flags of each coverage request (at most 24 requests). */
  add(tile: CountyTile, prepared: PreparedDataset, covered: Uint8Array[]): void {
    if (covered.length > 24) throw new Error('too many coverage requests to group cells by');
    const { lon, lat, population, cohorts } = prepared.dataset.population;
    const areaSlots = prepared.areas.count + 1;
    const combinations = 2 ** covered.length;
    // Dense slot per (tile township, has county, area, flags) → group index.
    const slots = new Int32Array(tile.townships.length * 2 * areaSlots * combinations).fill(-1);
    const cohortValues = this.cohortNames.map((name) => cohorts[name]);
    for (let i = 0; i < population.length; i++) {
      const t = prepared.cellTownship[i];
      if (t < 0) continue;
      const inCounty = prepared.cellCounty[i] >= 0 ? 1 : 0;
      const a = prepared.cellArea[i] + 1;
      let bits = 0;
      for (let r = 0; r < covered.length; r++) if (covered[r][i] === 1) bits |= 1 << r;
      const slot = ((t * 2 + inCounty) * areaSlots + a) * combinations + bits;
      let g = slots[slot];
      if (g < 0) {
        g = slots[slot] = this.township.length;
        this.township.push(tile.townships[t]);
        this.county.push(inCounty ? tile.county : -1);
        this.area.push(a - 1);
        this.flags.push(bits);
        this.people.push(0);
        this.cohortPeople.forEach((list) => list.push(0));
        this.lonSum.push(0);
        this.latSum.push(0);
        this.count.push(0);
      }
      this.people[g] += population[i];
      for (let c = 0; c < cohortValues.length; c++) this.cohortPeople[c][g] += cohortValues[c]?.[i] ?? 0;
      this.lonSum[g] += lon[i];
      this.latSum[g] += lat[i];
      this.count[g]++;
    }
  }

  groups(requests: number, template: PopulationCells): CellGroups {
    const n = this.township.length;
    return {
      population: {
        ...template,
        lon: Float64Array.from(this.lonSum, (sum, g) => sum / this.count[g]),
        lat: Float64Array.from(this.latSum, (sum, g) => sum / this.count[g]),
        population: Float64Array.from(this.people),
        cohorts: Object.fromEntries(this.cohortNames.map((name, c) => [name, Float64Array.from(this.cohortPeople[c])])),
      },
      cellTownship: Int32Array.from(this.township),
      cellCounty: Int32Array.from(this.county),
      cellArea: Int32Array.from(this.area),
      covered: Array.from({ length: requests }, (_, r) => Uint8Array.from({ length: n }, (_, g) => (this.flags[g] >> r) & 1)),
    };
  }
}
