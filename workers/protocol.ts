// The analysis worker's protocol: the one module both sides import, as types only. The page never
// imports a worker module at run time (test/architecture/import-direction.test.ts checks it); it
// starts the worker with `new Worker(new URL('…/analysis.worker.ts', import.meta.url))` and calls
// it through Comlink with these shapes. Typed arrays in replies are transferred, not copied.
import type { ImportedLayer } from '../src/core/import/import-layer.ts';
import type { BoundingBox } from '../src/core/geometry/bounding-box.ts';
import type { ReachAnalysis } from '../src/core/reach/analyse-reach.ts';
import type { TravelTimeAnalysis } from '../src/core/network/analyse-travel-time.ts';
import type { MapLayers } from '../src/core/dataset/describe-dataset.ts';
import type { FailedRulesByUnit, MetricTable } from '../src/core/analysis/compute-metric-table.ts';
import type { RuleResult } from '../src/core/rules/rule-types.ts';
import type { Feature } from 'geojson';

export type { AnalysisApi } from './analysis.worker.ts';
export type { AcceptedImport, ImportLayerData } from '../src/core/dataset/apply-imports.ts';
export type { DatasetSummary, FacilityTypeSummary, MapLayers, UnitSummary } from '../src/core/dataset/describe-dataset.ts';
export type { ReachAnalysisRequest } from '../src/core/reach/analyse-reach.ts';

/** A cancellable call's reply: cancellation (by `cancel(requestId)` or a newer request) is a value. */
export type Outcome<T> = { cancelled: true } | { cancelled: false; value: T };

/** Progress of a long call: a fraction in [0, 1] and a short stage label. */
export type ProgressListener = (fraction: number, stage: string) => void;

/**
 * `analyse`'s reply: the core's ReachAnalysis with the discs (a travel time: its isochrone) as GeoJSON
 * text (MapLibre reads it from a blob URL); a what-if edit's reply leaves a travel time's isochrone
 * out (the page asks for it with reachOutline after painting the figures).
 */
export type ReachAnalysisReply = Omit<ReachAnalysis, 'discs' | 'travel'> & {
  travel?: Omit<TravelTimeAnalysis, 'isochrone'> & { isochrone?: TravelTimeAnalysis['isochrone'] };
  discsJson: string | null;
  table: MetricTable;
};

/** `evaluateRules`' reply: every rule's result, and the rules each township, county and the region fails. */
export interface RulesReply {
  results: RuleResult[];
  failedRules: FailedRulesByUnit;
}

/**
 * A map source changed by a what-if edit: the features to remove (by map id) and to add, or (`full`)
 * the whole source again when the page's copy is not the one the change starts from.
 */
export type SourceChange = { kind: 'diff'; remove: number[]; add: Feature[] } | { kind: 'full'; json: string };

/**
 * `editScenario`'s reply, in one round trip: the rules (the dashboard, painted first), the analysis
 * of the reach on show, and what the map changes — the facilities and, for a straight-line reach
 * whose discs the page shows, the discs — as changes from the version of the facilities layer the
 * page holds (`version` names the new one).
 */
export interface WhatIfReply {
  rules: RulesReply;
  analysis: ReachAnalysisReply;
  version: number;
  facilities: SourceChange;
  /** Null: the page draws the reach from `analysis` (its discs text, or a travel time's isochrone). */
  discs: SourceChange | null;
}

/** The dataset's map layers as GeoJSON text, one per source. */
export type MapLayerTexts = Record<keyof MapLayers, string>;

/** Population cells for the rasters: position, head count, and the township holding each (−1 outside). */
export interface PopulationCellsReply {
  lon: Float64Array;
  lat: Float64Array;
  population: Float64Array;
  township: Int32Array;
}

/** Gap polygons (the uncovered part of each township) as GeoJSON text, with their totals. */
export interface GapPolygonsReply {
  geojson: string;
  featureCount: number;
  uncoveredPopulation: number;
}

/**
 * An import under review: the layer with `features` cut down to a preview sample when it is large
 * (the worker keeps the rest, see hold-import.ts).
 */
export interface ReviewedLayer extends ImportedLayer {
  /** Extent of all the features (not only the sample). */
  extent?: BoundingBox;
  /** How many of the features are in `features` (the preview); `loadedCount` is the total. */
  previewCount?: number;
  /** Set when the worker holds more features than were sent: accept it with storeHeldImport. */
  heldId?: number;
}
