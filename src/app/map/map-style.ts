// The self-contained offline style: a plain background and the project's own GeoJSON layers. No
// glyphs URL, so MapLibre draws every label locally (TinySDF) with the system's CJK fonts; no
// sprite, facility symbols are drawn on canvases (facility-icons.ts). An XYZ raster basemap is an
// opt-in setting (basemap.ts).
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

const FONT_STACK = ['Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];
export const LOCAL_IDEOGRAPH_FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** Layer groups shown in the layer list, each with the MapLibre layers it switches and the paint properties its opacity scales. */
export interface LayerGroup {
  id: LayerGroupId;
  layers: { id: string; opacityProperty: string; baseOpacity: number }[];
  defaultVisible: boolean;
}

export type LayerGroupId = 'basemap' | 'townships' | 'counties' | 'areas' | 'population' | 'coverage' | 'gaps' | 'places' | 'facilities';

export const LAYER_GROUPS: readonly LayerGroup[] = [
  { id: 'facilities', defaultVisible: true, layers: [{ id: 'facilities-symbol', opacityProperty: 'icon-opacity', baseOpacity: 1 }] },
  { id: 'places', defaultVisible: false, layers: [{ id: 'places-circle', opacityProperty: 'circle-opacity', baseOpacity: 0.9 }] },
  {
    id: 'gaps',
    defaultVisible: true,
    layers: [
      { id: 'gaps-fill', opacityProperty: 'fill-opacity', baseOpacity: 0.14 },
      { id: 'gaps-line', opacityProperty: 'line-opacity', baseOpacity: 0.6 },
      { id: 'gap-cells-image', opacityProperty: 'raster-opacity', baseOpacity: 0.6 },
    ],
  },
  {
    id: 'coverage',
    defaultVisible: true,
    layers: [
      { id: 'coverage-fill', opacityProperty: 'fill-opacity', baseOpacity: 0.12 },
      { id: 'coverage-line', opacityProperty: 'line-opacity', baseOpacity: 0.55 },
    ],
  },
  { id: 'population', defaultVisible: false, layers: [{ id: 'population-image', opacityProperty: 'raster-opacity', baseOpacity: 0.8 }] },
  { id: 'areas', defaultVisible: true, layers: [{ id: 'areas-line', opacityProperty: 'line-opacity', baseOpacity: 0.8 }] },
  { id: 'counties', defaultVisible: true, layers: [{ id: 'counties-line', opacityProperty: 'line-opacity', baseOpacity: 0.9 }] },
  {
    id: 'townships',
    defaultVisible: true,
    layers: [
      { id: 'townships-fill', opacityProperty: 'fill-opacity', baseOpacity: 0.78 },
      { id: 'townships-line', opacityProperty: 'line-opacity', baseOpacity: 1 },
      { id: 'townships-label', opacityProperty: 'text-opacity', baseOpacity: 1 },
    ],
  },
  { id: 'basemap', defaultVisible: false, layers: [{ id: 'basemap-raster', opacityProperty: 'raster-opacity', baseOpacity: 1 }] },
];

const highlighted: ExpressionSpecification = ['boolean', ['feature-state', 'highlight'], false];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

export function buildMapStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'gapmap offline',
    sources: {
      // Fractal borders carry many vertices: a coarser simplification tolerance (tile pixels)
      // halves the tessellation work without a visible change at the region's zooms.
      townships: { type: 'geojson', data: EMPTY, tolerance: 1 },
      counties: { type: 'geojson', data: EMPTY, tolerance: 1 },
      areas: { type: 'geojson', data: EMPTY, tolerance: 1 },
      facilities: { type: 'geojson', data: EMPTY },
      places: { type: 'geojson', data: EMPTY },
      coverage: { type: 'geojson', data: EMPTY },
      gaps: { type: 'geojson', data: EMPTY, tolerance: 1 },
      preview: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f4f3ef' } },
      {
        id: 'townships-fill',
        type: 'fill',
        source: 'townships',
        paint: { 'fill-color': ['to-color', ['coalesce', ['feature-state', 'color'], '#d9d9d9']], 'fill-opacity': 0.78 },
      },
      { id: 'coverage-fill', type: 'fill', source: 'coverage', paint: { 'fill-color': '#0b6e99', 'fill-opacity': 0.12 } },
      { id: 'coverage-line', type: 'line', source: 'coverage', paint: { 'line-color': '#0b6e99', 'line-width': 0.8, 'line-opacity': 0.55 } },
      { id: 'gaps-fill', type: 'fill', source: 'gaps', paint: { 'fill-color': '#d7301f', 'fill-opacity': 0.14 } },
      { id: 'gaps-line', type: 'line', source: 'gaps', paint: { 'line-color': '#b30000', 'line-width': 0.8, 'line-opacity': 0.6 } },
      {
        id: 'townships-line',
        type: 'line',
        source: 'townships',
        paint: {
          'line-color': ['case', selected, '#000000', highlighted, '#d7301f', '#ffffff'],
          'line-width': ['case', selected, 3.5, highlighted, 3, 0.8],
        },
      },
      { id: 'counties-line', type: 'line', source: 'counties', paint: { 'line-color': '#4a4a4a', 'line-width': 1.6, 'line-opacity': 0.9 } },
      { id: 'areas-line', type: 'line', source: 'areas', paint: { 'line-color': '#6a3d9a', 'line-width': 2, 'line-dasharray': [3, 2], 'line-opacity': 0.8 } },
      {
        id: 'places-circle',
        type: 'circle',
        source: 'places',
        layout: { visibility: 'none' },
        paint: {
          'circle-radius': ['case', highlighted, 6, 3.5],
          'circle-color': ['case', highlighted, '#d7301f', '#ffffff'],
          'circle-stroke-color': '#333333',
          'circle-stroke-width': 1,
          'circle-opacity': 0.9,
        },
      },
      {
        id: 'facilities-symbol',
        type: 'symbol',
        source: 'facilities',
        filter: ['==', ['get', 'type'], ''],
        layout: { 'icon-image': ['concat', 'facility-', ['get', 'type']], 'icon-allow-overlap': true, 'icon-size': 0.9 },
      },
      { id: 'preview-fill', type: 'fill', source: 'preview', filter: ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false], paint: { 'fill-color': '#ff7f00', 'fill-opacity': 0.15 } },
      { id: 'preview-line', type: 'line', source: 'preview', filter: ['match', ['geometry-type'], ['Point', 'MultiPoint'], false, true], paint: { 'line-color': '#ff7f00', 'line-width': 1.5 } },
      { id: 'preview-point', type: 'circle', source: 'preview', filter: ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false], paint: { 'circle-radius': 4, 'circle-color': '#ff7f00', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 } },
      {
        id: 'townships-label',
        type: 'symbol',
        source: 'townships',
        layout: {
          'text-field': ['get', 'name'],
          'text-font': FONT_STACK,
          'text-size': ['interpolate', ['linear'], ['zoom'], 8, 10, 11, 14],
          'text-max-width': 6,
          'text-padding': 4,
        },
        paint: { 'text-color': '#1f1f1f', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
      },
    ],
  };
}
