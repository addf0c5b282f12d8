// What the report's maps show, as page requests for the Chromium renderer: one gap map per service
// over the whole region (A4 landscape) and, for an atlas, one map per county or township zoomed to
// it; the layers (townships, their labels, each service's figures and gaps) come from the core's
// build-gap-map-layers.ts, as the app's report draws them.

import type { Feature } from '../../src/core/geojson-types.ts';
import { buildGapMapStyle } from '../../src/core/export/map-layout/gap-map-style.ts';
import type { GapMapBase, MapBounds, ServiceGapLayers } from '../../src/core/export/map-layout/build-gap-map-layers.ts';
import type { MapLayoutText, PageSize } from '../../src/core/export/map-layout/plan-map-layout.ts';
import type { MapPageRequest } from './map-page/render-map-page.ts';

export interface GapMapInput {
  base: GapMapBase;
  layers: ServiceGapLayers;
  text: MapLayoutText;
  page: PageSize;
  dpi: number;
  bounds?: MapBounds;
  sites?: [number, number][];
  isochrones?: Feature[];
}

export function gapMapRequest(input: GapMapInput): MapPageRequest {
  const style = buildGapMapStyle({ townships: input.base.townships, counties: input.base.counties, ...input.layers, sites: input.sites, isochrones: input.isochrones });
  return {
    style: style as unknown as MapPageRequest['style'],
    bounds: input.bounds ?? input.base.bounds,
    page: input.page,
    pixelRatio: input.dpi / 96,
    text: input.text,
    labels: input.base.labels,
  };
}
