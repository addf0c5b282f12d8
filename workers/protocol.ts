// The analysis worker's protocol: the one module both sides import, as types only. The page never
// imports a worker module at run time (test/architecture/import-direction.test.ts checks it); it
// starts the worker with `new Worker(new URL('…/analysis.worker.ts', import.meta.url))` and calls
// it through Comlink with these shapes. Typed arrays in replies are transferred, not copied.
import type { ImportedLayer } from '../src/core/import/import-layer.ts';
import type { BoundingBox } from '../src/core/geometry/bounding-box.ts';
import type { ReachAnalysis } from '../src/core/reach/analyse-reach.ts';
import type { MapLayers } from '../src/core/dataset/describe-dataset.ts';
import type { MetricTable } from '../src/core/analysis/compute-metric-table.ts';

export type { AnalysisApi } from './analysis.worker.ts';
export type { AcceptedImport, ImportLayerData } from '../src/core/dataset/apply-imports.ts';
export type { DatasetSummary, FacilityTypeSummary, MapLayers, UnitSummary } from '../src/core/dataset/describe-dataset.ts';
export type { ReachAnalysisRequest } from '../src/core/reach/analyse-reach.ts';

/** A cancellable call's reply: cancellation (by `cancel(requestId)` or a newer request) is a value. */
export type Outcome<T> = { cancelled: true } | { cancelled: false; value: T };

/** Progress of a long call: a fraction in [0, 1] and a short stage label. */
export type ProgressListener = (fraction: number, stage: string) => void;

/** `analyse`'s reply: the core's ReachAnalysis with the discs as GeoJSON text (MapLibre reads it from a blob URL). */
export type ReachAnalysisReply = Omit<ReachAnalysis, 'discs'> & { discsJson: string | null; table: MetricTable };

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
