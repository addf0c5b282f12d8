// Core data model shared by the engine, the worker, the CLI and the UI.
// Pure types: no DOM, no MapLibre. Coordinates are WGS84/CGCS2000 geographic (lon, lat in degrees)
// unless a name says "projected", in which case they are metres in the dataset's local
// transverse Mercator (see geodesy/local-projection.ts).
import type { RoadLines } from './network/road-lines.ts';
import type { ModeSpeeds, TravelMode } from './network/travel-modes.ts';

export type Position = [number, number] | number[];
export type PolygonCoordinates = Position[][];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: PolygonCoordinates;
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: PolygonCoordinates[];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export type Properties = Record<string, unknown>;

export type AdminLevel = 'township' | 'county' | 'city';

/** An administrative unit (township/street, county, city) or any analysis zone. */
export interface AdminUnit {
  code: string;
  name: string;
  level: AdminLevel;
  /** Code of the enclosing unit (a township's county), if known. */
  parentCode?: string;
  geometry: AreaGeometry;
  properties: Properties;
}

/**
 * A facility. `type` is the service it provides (the demo's types are listed in the app's service
 * catalog; any
 * string works). `capacity` is its service capacity in the unit its type implies (nursery places,
 * beds, doctors); absent means unknown.
 */
export interface Facility {
  id: string;
  type: string;
  name: string;
  lon: number;
  lat: number;
  capacity?: number;
  properties: Properties;
}

/** A place that a rule wants reached: an urban community, a resettlement site, a disaster-prone village. */
export interface TargetPlace {
  id: string;
  kind: string;
  name: string;
  lon: number;
  lat: number;
  properties: Properties;
}

/**
 * Population as points (cell centroids). Cell semantics: a cell counts as covered when its
 * centroid is within reach, and belongs to the unit containing its centroid.
 * `cohorts` holds head counts per cohort (same length as population), e.g. age0_3, age60plus.
 */
export interface PopulationCells {
  lon: Float64Array;
  lat: Float64Array;
  population: Float64Array;
  cohorts: Record<string, Float64Array>;
  /** Nominal cell size (m) if the points come from a grid; informational. */
  cellSizeMetres?: number;
  /**
   * Cohorts not read from the layer but estimated as a share of each cell's population (a figure the
   * user entered, e.g. the census share of people aged 60+), by cohort; every result using one says so.
   */
  estimatedShares?: Record<string, number>;
}

export type SyntheticLayer = 'townships' | 'counties' | 'facilities' | 'population' | 'places' | 'areas';

export interface DatasetInfo {
  name: string;
  /** True when geometry is synthetic (the demo region): every output must say so. */
  synthetic: boolean;
  /** Which layers are still the synthetic demo's (townships, counties, facilities, population, places, areas), when some were replaced. */
  syntheticLayers?: SyntheticLayer[];
  /** Source / attribution line for maps and reports. */
  source: string;
}

/** A road layer for travel times (read by src/core/network; the graph is built on first use). */
export interface DatasetRoads {
  /** File or layer name, for reports. */
  name: string;
  lines: RoadLines;
  /** Edited speed tables (default: DEFAULT_MODE_SPEEDS). */
  speeds?: Record<TravelMode, ModeSpeeds>;
  /** Longest walk from a home to the nearest road (m, default 1,000). */
  maxSnapMetres?: number;
  /** Line ends this close to another road are joined (m, default 3). */
  snapToleranceMetres?: number;
}

export interface Dataset {
  info: DatasetInfo;
  townships: AdminUnit[];
  counties: AdminUnit[];
  facilities: Facility[];
  population: PopulationCells;
  places: TargetPlace[];
  /** Named areas of interest (e.g. 'central-city') a rule may restrict itself to. */
  areas: AdminUnit[];
  /** Roads, when travel times are wanted. */
  roads?: DatasetRoads;
}

/** Expected failures travel as values (they survive structured clone). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export interface AppError {
  code: string;
  /** Message in Chinese and in English. */
  message: { zh: string; en: string };
  featureIndex?: number;
  featureId?: string;
  field?: string;
  file?: string;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(error: AppError): Result<T> => ({ ok: false, error });

/** The part of AbortSignal the core reads (the core compiles without the DOM lib). */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

/** Options every long-running core function accepts. */
export interface RunOptions {
  signal?: AbortSignalLike;
  /** Called with a fraction in [0, 1] and a short stage label. */
  onProgress?: (fraction: number, stage: string) => void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function throwIfAborted(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
