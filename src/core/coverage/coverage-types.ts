// The coverage engine's public shapes. Results are typed arrays indexed like the prepared
// dataset's units (township i of Dataset.townships is index i), so they cross the worker
// boundary as transferable buffers.
import type { TravelMode } from '../network/travel-modes.ts';

/** How far a facility reaches: a straight-line distance, or a travel time over the dataset's roads (src/core/network). */
export type Reach =
  | { kind: 'distance'; metres: number }
  | {
      kind: 'travel-time';
      minutes: number;
      mode: TravelMode | 'cycle';
      /** 2SFCA's weighting within the catchment: none (default), or Gaussian distance decay (1 at the facility, 0 at the limit). */
      decay?: 'none' | 'gaussian';
    };

export type ComparisonOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'in' | 'truthy' | 'falsy';

/** A condition on a feature property, e.g. { field: 'inclusive', op: 'truthy' }. */
export interface AttributeCondition {
  field: string;
  op: ComparisonOperator;
  value?: unknown;
}

/** Selects facilities: by type (any of), and every condition must hold. */
export interface FacilityFilter {
  types?: string[];
  where?: AttributeCondition[];
}

export interface CoverageRequest {
  filter: FacilityFilter;
  reach: Reach;
  /**
   * Optional per-facility radius (metres) from a numeric property, e.g. a broadcast terminal's
   * audible_radius_m; facilities without a valid value use reach.metres.
   */
  radiusField?: string;
}

/** Per-unit metrics; every array has one entry per unit. */
export interface UnitMetrics {
  /** Ellipsoidal area of the unit, km². */
  areaKm2: Float64Array;
  /** Ellipsoidal area of the unit within reach of a selected facility (overlaps counted once), km². */
  coveredAreaKm2: Float64Array;
  /** Population whose cell centroid lies in the unit. */
  population: Float64Array;
  /** Of which within reach (a person reached by two facilities counts once). */
  coveredPopulation: Float64Array;
  /** Per cohort (e.g. age0_3, age60plus): head count and head count covered. */
  cohortPopulation: Record<string, Float64Array>;
  cohortCovered: Record<string, Float64Array>;
  /** Selected facilities located in the unit, and their summed capacity. */
  facilityCount: Float64Array;
  capacity: Float64Array;
}

export interface CoverageResult {
  reach: Reach;
  /** Indices (into Dataset.facilities) of the selected facilities. */
  facilityIndices: Uint32Array;
  townships: UnitMetrics;
  counties: UnitMetrics;
  /** One entry: the whole region (the union of the townships). */
  region: UnitMetrics;
  /** One entry per area of interest (Dataset.areas). */
  areas: UnitMetrics;
  /** Per population cell: 1 if within reach. */
  cellCovered: Uint8Array;
  /** Per target place: 1 if within reach. */
  placeCovered: Uint8Array;
  /** Straight-line reach: fingerprintDiscs of the discs it was measured with (core/coverage/coverage-fits.ts). */
  discsFingerprint?: number;
}

/** Population-weighted distance to the nearest selected facility. */
export interface NearestDistanceResult {
  /** Per population cell, metres (Infinity when there is no facility). */
  cellDistance: Float64Array;
  /** Per township / county / region: population-weighted median and 90th percentile, metres. */
  townships: { median: Float64Array; p90: Float64Array };
  counties: { median: Float64Array; p90: Float64Array };
  region: { median: Float64Array; p90: Float64Array };
}

/** Two-step floating catchment area accessibility (supply per 1,000 people within the catchment). */
export interface TwoStepFcaResult {
  catchmentMetres: number;
  /** Per population cell: accessible capacity per 1,000 people (of the chosen cohort). */
  cellIndex: Float64Array;
  /** Population-weighted mean of the cell index, per township / county / region. */
  townships: Float64Array;
  counties: Float64Array;
  region: Float64Array;
}
