// What a report's gap map shows, as data for buildGapMapStyle: the region's townships and counties
// (once per report: their outlines, bounds and name labels) and, per service, each township's
// population covered (the metric table's population_covered_pct, as townships.csv has it), the gap
// polygons, the populated cells no facility reaches and the service's facilities. The CLI's report
// and the app's (in its worker) both draw their maps from these.

import { bbox, pointOnFeature } from '@turf/turf';
import { buildMetricTable, type MetricTable } from '../../analysis/compute-metric-table.ts';
import type { ServiceDefinition } from '../../analysis/service-catalog.ts';
import { collectGaps, type GapResult } from '../../coverage/compute-gaps.ts';
import type { Feature, FeatureCollection, GeoJsonGeometry } from '../../geojson-types.ts';
import type { PreparedDataset } from '../../prepare/prepare-dataset.ts';
import { analyzeService } from '../../report/analyze-service.ts';
import type { AdminUnit, RunOptions } from '../../types.ts';

export type MapBounds = [number, number, number, number];

export interface MapLabel {
  /** A point inside the unit (turf's pointOnFeature: not the centroid of a crescent). */
  lngLat: [number, number];
  text: string;
  /** The unit's bounds: a label wider than its unit on the page is left out. */
  bounds: MapBounds;
}

/** The region's part of every gap map. */
export interface GapMapBase {
  townships: Feature[];
  counties: Feature[];
  /** [west, south, east, north] of the townships. */
  bounds: MapBounds;
  labels: MapLabel[];
}

/** One service's part of a gap map (GapMapLayers without the base). */
export interface ServiceGapLayers {
  coveredPercent: (number | null)[];
  gaps: FeatureCollection;
  uncoveredCells: [number, number][];
  facilities: Feature[];
}

const asFeature = (unit: AdminUnit): Feature => ({ type: 'Feature', geometry: unit.geometry as GeoJsonGeometry, properties: {} });

export function unitBounds(units: AdminUnit[]): MapBounds {
  return bbox({ type: 'FeatureCollection', features: units.map(asFeature) } as never) as MapBounds;
}

export function buildGapMapBase(prepared: PreparedDataset): GapMapBase {
  const { townships, counties } = prepared.dataset;
  return {
    townships: townships.map(asFeature),
    counties: counties.map(asFeature),
    bounds: unitBounds(townships),
    labels: townships.map((unit) => ({
      lngLat: pointOnFeature(asFeature(unit) as never).geometry.coordinates as [number, number],
      text: unit.name,
      bounds: bbox(asFeature(unit) as never) as MapBounds,
    })),
  };
}

/** A service's layers from its metric table and gaps (already computed: the CLI's analysed service). */
export function serviceGapLayers(prepared: PreparedDataset, table: MetricTable, gaps: GapResult): ServiceGapLayers {
  const { dataset } = prepared;
  const share = table.townships.values.population_covered_pct;
  return {
    coveredPercent: dataset.townships.map((_, t) => (share && !Number.isNaN(share[t]) ? share[t] : null)),
    gaps: gaps.townships,
    uncoveredCells: Array.from(gaps.uncoveredCells, (c): [number, number] => [dataset.population.lon[c], dataset.population.lat[c]]),
    facilities: dataset.facilities.filter((f) => f.type === table.service.type).map((f) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [f.lon, f.lat] }, properties: {} })),
  };
}

/** A service analysed at a straight-line reach, then its layers (the report's other services' maps). */
export function analyseServiceGapLayers(prepared: PreparedDataset, service: ServiceDefinition, metres: number, run: RunOptions = {}): ServiceGapLayers {
  const analysis = analyzeService(prepared, { service, radiusMetres: metres }, { signal: run.signal, onProgress: run.onProgress && ((f, label) => run.onProgress!(0.7 * f, label)) });
  const table = buildMetricTable(prepared, service, metres, analysis.figures, []);
  const gaps = collectGaps(prepared, analysis.coverageRequest, analysis.coverage, {}, { signal: run.signal, onProgress: run.onProgress && ((f, label) => run.onProgress!(0.7 + 0.3 * f, label)) });
  return serviceGapLayers(prepared, table, gaps);
}
