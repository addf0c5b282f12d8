// What the report's maps show, as page requests for the Chromium renderer: one gap map per service
// over the whole region (A4 landscape) and, for an atlas, one map per county or township zoomed to
// it. Township names become labels at a point inside each township (turf's pointOnFeature).

import { bbox, pointOnFeature } from '@turf/turf';
import type { AdminUnit } from '../../src/core/types.ts';
import type { Feature, FeatureCollection, GeoJsonGeometry } from '../../src/core/geojson-types.ts';
import type { MetricTable } from '../../src/core/analysis/compute-metric-table.ts';
import type { PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { buildGapMapStyle } from '../../src/core/export/map-layout/gap-map-style.ts';
import type { MapLayoutText, PageSize } from '../../src/core/export/map-layout/plan-map-layout.ts';
import type { MapPageRequest } from './map-page/render-map-page.ts';

type Bounds = [number, number, number, number];

const asFeature = (unit: AdminUnit): Feature => ({ type: 'Feature', geometry: unit.geometry as GeoJsonGeometry, properties: {} });

export function unitBounds(units: AdminUnit[]): Bounds {
  return bbox({ type: 'FeatureCollection', features: units.map(asFeature) } as never) as Bounds;
}

export function townshipLabels(units: AdminUnit[]) {
  return units.map((unit) => ({
    lngLat: pointOnFeature(asFeature(unit) as never).geometry.coordinates as [number, number],
    text: unit.name,
    bounds: bbox(asFeature(unit) as never) as Bounds,
  }));
}

export interface GapMapInput {
  prepared: PreparedDataset;
  table: MetricTable;
  gaps: FeatureCollection;
  /** Indices of populated cells no facility reaches (GapResult.uncoveredCells). */
  uncoveredCells: ArrayLike<number>;
  text: MapLayoutText;
  page: PageSize;
  dpi: number;
  bounds?: Bounds;
  sites?: [number, number][];
  isochrones?: Feature[];
}

export function gapMapRequest(input: GapMapInput): MapPageRequest {
  const { dataset } = input.prepared;
  const share = input.table.townships.values.population_covered_pct;
  const style = buildGapMapStyle({
    townships: dataset.townships.map(asFeature),
    coveredPercent: dataset.townships.map((_, t) => (share && !Number.isNaN(share[t]) ? share[t] : null)),
    gaps: input.gaps,
    uncoveredCells: Array.from(input.uncoveredCells, (c): [number, number] => [dataset.population.lon[c], dataset.population.lat[c]]),
    counties: dataset.counties.map(asFeature),
    sites: input.sites,
    isochrones: input.isochrones,
    facilities: input.table.service
      ? dataset.facilities.filter((f) => f.type === input.table.service.type).map((f) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [f.lon, f.lat] }, properties: {} }))
      : [],
  });
  return {
    style: style as unknown as MapPageRequest['style'],
    bounds: input.bounds ?? unitBounds(dataset.townships),
    page: input.page,
    pixelRatio: input.dpi / 96,
    text: input.text,
    labels: townshipLabels(dataset.townships),
  };
}
