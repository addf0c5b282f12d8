// The report's gap map as a self-contained MapLibre style (no tiles, no glyphs: labels are drawn by
// the layout): townships coloured by population covered in fixed classes (comparable across
// services and reports; yellow-green-blue, colour-blind safe), the uncovered parts (gaps) in red,
// county borders, and the facilities as points. Pure data: the CLI renders it in Chromium.

import type { Feature, FeatureCollection } from '../../geojson-types.ts';
import type { Bilingual } from '../../rules/rule-types.ts';
import type { Language } from '../export-table.ts';
import type { LegendItem } from './plan-map-layout.ts';

export const COVERAGE_CLASSES = [
  { upTo: 20, color: '#ffffcc' },
  { upTo: 40, color: '#a1dab4' },
  { upTo: 60, color: '#41b6c4' },
  { upTo: 80, color: '#2c7fb8' },
  { upTo: 100, color: '#253494' },
] as const;
const NO_DATA = '#d9d9d9';
const GAP = '#d7301f';
const FACILITY = '#e66101';

export function coverageColor(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return NO_DATA;
  return (COVERAGE_CLASSES.find((c) => percent <= c.upTo) ?? COVERAGE_CLASSES[COVERAGE_CLASSES.length - 1]).color;
}

export interface GapMapLayers {
  /** Townships with their population covered (%) per feature, in the same order. */
  townships: Feature[];
  coveredPercent: (number | null)[];
  gaps: FeatureCollection;
  counties: Feature[];
  facilities: Feature[];
}

const LEGEND_WORDS: Record<string, Bilingual> = {
  gap: { zh: '覆盖缺口', en: 'Gap (not reached)' },
  county: { zh: '县界', en: 'County border' },
  noData: { zh: '无人口', en: 'No population' },
};

export function gapMapLegend(language: Language, facilityLabel: string): LegendItem[] {
  let from = 0;
  const classes = COVERAGE_CLASSES.map((c) => {
    const item: LegendItem = { label: `${from}–${c.upTo}%`, color: c.color, symbol: 'fill' };
    from = c.upTo;
    return item;
  });
  return [
    ...classes,
    { label: LEGEND_WORDS.noData[language], color: NO_DATA, symbol: 'fill' },
    { label: LEGEND_WORDS.gap[language], color: GAP, symbol: 'fill', outline: '#b30000' },
    { label: LEGEND_WORDS.county[language], color: '#3e3e3e', symbol: 'line' },
    { label: facilityLabel, color: FACILITY, symbol: 'point', outline: '#ffffff' },
  ];
}

export function buildGapMapStyle(layers: GapMapLayers): Record<string, unknown> {
  const townships = {
    type: 'FeatureCollection',
    features: layers.townships.map((f, i) => ({ ...f, properties: { fill: coverageColor(layers.coveredPercent[i]) } })),
  };
  const strip = (features: Feature[]) => ({ type: 'FeatureCollection', features: features.map((f) => ({ ...f, properties: {} })) });
  return {
    version: 8,
    sources: {
      townships: { type: 'geojson', data: townships },
      gaps: { type: 'geojson', data: strip(layers.gaps.features) },
      counties: { type: 'geojson', data: strip(layers.counties) },
      facilities: { type: 'geojson', data: strip(layers.facilities) },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#ffffff' } },
      { id: 'townships-fill', type: 'fill', source: 'townships', paint: { 'fill-color': ['get', 'fill'], 'fill-opacity': 0.9 } },
      { id: 'gaps-fill', type: 'fill', source: 'gaps', paint: { 'fill-color': GAP, 'fill-opacity': 0.45 } },
      { id: 'townships-line', type: 'line', source: 'townships', paint: { 'line-color': '#ffffff', 'line-width': 0.8 } },
      { id: 'counties-line', type: 'line', source: 'counties', paint: { 'line-color': '#3e3e3e', 'line-width': 1.6 } },
      { id: 'facilities', type: 'circle', source: 'facilities', paint: { 'circle-radius': 3, 'circle-color': FACILITY, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 } },
    ],
  };
}
