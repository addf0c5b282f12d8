// What the rule evaluators share: the prepared dataset, and coverage / 2SFCA / facility selections
// cached by their inputs, so rules with the same filter + reach compute once. The cache hangs off
// the prepared dataset (WeakMap), so re-evaluating after a threshold edit reuses it too.

import type { RunOptions } from '../types.ts';
import type { CoverageResult, FacilityFilter, NearestDistanceResult, TwoStepFcaResult } from '../coverage/coverage-types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import { computeCoverage, type CoverageRequest } from '../coverage/compute-coverage.ts';
import { computeTwoStepFca } from '../coverage/compute-two-step-fca.ts';
import { computeNearestDistance } from '../coverage/compute-nearest-distance.ts';
import { selectFacilities } from '../coverage/select-facilities.ts';

const caches = new WeakMap<PreparedDataset, Map<string, unknown>>();
/** Entries kept per dataset before the oldest are dropped (a coverage result holds a byte per cell). */
const CACHE_LIMIT = 128;

/** Key independent of property order, e.g. { types, where } and { where, types } match. */
export function stableKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableKey(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function cacheOf(prepared: PreparedDataset): Map<string, unknown> {
  let cache = caches.get(prepared);
  if (!cache) {
    cache = new Map();
    caches.set(prepared, cache);
  }
  return cache;
}

const coverageKey = (request: CoverageRequest) => `coverage:${stableKey(request)}`;

/**
 * Shares a coverage already computed elsewhere (e.g. the CLI's service analysis) with the rules.
 * The rules keep reading its arrays: do not transfer its buffers to another thread afterwards.
 */
export function rememberCoverage(prepared: PreparedDataset, request: CoverageRequest, coverage: CoverageResult): void {
  cacheOf(prepared).set(coverageKey(request), coverage);
}

const twoStepFcaKey = (filter: FacilityFilter, catchmentMetres: number, cohort: string | undefined) => `2sfca:${stableKey({ filter, catchmentMetres, cohort })}`;

/** Shares a 2SFCA result computed elsewhere (e.g. by the PostGIS engine) with the rules. */
export function rememberTwoStepFca(prepared: PreparedDataset, filter: FacilityFilter, catchmentMetres: number, cohort: string | undefined, result: TwoStepFcaResult): void {
  cacheOf(prepared).set(twoStepFcaKey(filter, catchmentMetres, cohort), result);
}

const nearestKey = (filter: FacilityFilter) => `nearest:${stableKey(filter)}`;

/** Shares nearest distances computed elsewhere (e.g. by the PostGIS engine) with the rules and figures. */
export function rememberNearest(prepared: PreparedDataset, filter: FacilityFilter, result: NearestDistanceResult): void {
  cacheOf(prepared).set(nearestKey(filter), result);
}

/**
 * What-if edits (src/core/what-if/edit-facilities.ts) carry this cache over to the edited dataset:
 * `carry` gets each entry's kind (its key up to the first ':'), its inputs (the rest of the key:
 * stableKey text, which is JSON; the raw text when it is not) and its value, and returns the value
 * for `to` (the same, or updated for the edit), or undefined to leave it to be computed when asked.
 */
export function carryRuleCache(from: PreparedDataset, to: PreparedDataset, carry: (kind: string, input: unknown, value: unknown) => unknown): void {
  const target = cacheOf(to);
  for (const [key, value] of cacheOf(from)) {
    const at = key.indexOf(':');
    const text = at < 0 ? '' : key.slice(at + 1);
    let input: unknown = text;
    try {
      input = JSON.parse(text);
    } catch {
      // not JSON (e.g. population:township:age0_3): the raw text
    }
    const carried = carry(at < 0 ? key : key.slice(0, at), input, value);
    if (carried !== undefined) target.set(key, carried);
  }
}

export class RuleContext {
  private readonly cache: Map<string, unknown>;
  private townshipCountyIndex: Int32Array | undefined;

  constructor(readonly prepared: PreparedDataset) {
    this.cache = cacheOf(prepared);
  }

  get dataset() {
    return this.prepared.dataset;
  }

  private cached<T>(key: string, compute: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = compute();
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, value);
    return value;
  }

  selected(filter: FacilityFilter): Uint32Array {
    return this.cached(`select:${stableKey(filter)}`, () => selectFacilities(this.dataset, filter));
  }

  coverage(request: CoverageRequest, run?: RunOptions): CoverageResult {
    return this.cached(coverageKey(request), () => computeCoverage(this.prepared, request, run));
  }

  /** Population-weighted distance to the nearest matching facility (independent of the reach). */
  nearest(filter: FacilityFilter, run?: RunOptions): NearestDistanceResult {
    return this.cached(nearestKey(filter), () => computeNearestDistance(this.prepared, filter, run));
  }

  twoStepFca(filter: FacilityFilter, catchmentMetres: number, cohort: string | undefined, run?: RunOptions): TwoStepFcaResult {
    return this.cached(twoStepFcaKey(filter, catchmentMetres, cohort), () => computeTwoStepFca(this.prepared, { filter, catchmentMetres, cohort }, run));
  }

  /** The facility types present in the dataset. */
  facilityTypes(): Set<string> {
    return this.cached('facility-types', () => new Set(this.dataset.facilities.map((facility) => facility.type)));
  }

  /** County index (into Dataset.counties) of each township, -1 when unknown. */
  townshipCounty(): Int32Array {
    if (!this.townshipCountyIndex) {
      // A township names its county by code (parentCode / county_code) or, in some files, by name.
      const countyIndexByCode = new Map(this.dataset.counties.map((county, i) => [county.code, i]));
      const countyIndexByName = new Map(this.dataset.counties.map((county, i) => [county.name, i]));
      this.townshipCountyIndex = Int32Array.from(this.dataset.townships, (township) => {
        const key = String(township.parentCode ?? township.properties.county_code ?? township.properties.county_name);
        return countyIndexByCode.get(key) ?? countyIndexByName.get(key) ?? -1;
      });
    }
    return this.townshipCountyIndex;
  }

  /** Unit index of each facility at a level (township or county), -1 outside every unit. */
  facilityUnit(level: 'township' | 'county'): Int32Array {
    return level === 'township' ? this.prepared.facilityTownship : this.prepared.facilityCounty;
  }

  /** Index into Dataset.areas of an area-of-interest code, -1 when absent. */
  areaIndex(code: string): number {
    return this.dataset.areas.findIndex((area) => area.code === code);
  }

  /** Population (or a cohort) summed per township or county by cell centroid; null if the cohort is missing. */
  unitPopulation(level: 'township' | 'county', cohort?: string): Float64Array | null {
    const values = cohort ? this.dataset.population.cohorts[cohort] : this.dataset.population.population;
    if (!values) return null;
    return this.cached(`population:${level}:${cohort ?? ''}`, () => {
      const cellUnit = level === 'township' ? this.prepared.cellTownship : this.prepared.cellCounty;
      const units = level === 'township' ? this.dataset.townships : this.dataset.counties;
      const sums = new Float64Array(units.length);
      for (let i = 0; i < cellUnit.length; i++) if (cellUnit[i] >= 0) sums[cellUnit[i]] += values[i];
      return sums;
    });
  }
}
