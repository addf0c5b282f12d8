// The report's gap map as a self-contained MapLibre style (no tiles, no glyphs: labels are drawn by
// the layout): townships coloured by population covered in fixed classes (comparable across
// services and reports; yellow-green-blue, colour-blind safe), the uncovered parts (gaps) in red,
// county borders, and the facilities as points. Pure data: the CLI renders it in Chromium.

import type { Reach } from '../../coverage/coverage-types.ts';
import type { Feature, FeatureCollection } from '../../geojson-types.ts';
import { translate } from '../../i18n/translate.ts';
import { parseTravelMode } from '../../network/travel-modes.ts';
import { formatNumber } from '../../rules/format-figures.ts';
import type { Bilingual } from '../../rules/rule-types.ts';
import type { Language } from '../export-table.ts';
import type { LegendItem, MapLayoutText } from './plan-map-layout.ts';

export const COVERAGE_CLASSES = [
  { upTo: 20, color: '#ffffcc' },
  { upTo: 40, color: '#a1dab4' },
  { upTo: 60, color: '#41b6c4' },
  { upTo: 80, color: '#2c7fb8' },
  { upTo: 100, color: '#253494' },
] as const;
const NO_DATA = '#d9d9d9';
const GAP = '#b2182b';
const UNCOVERED_CELL = '#d6604d';
const FACILITY = '#e66101';
const SITE = '#5e3c99';
/** The gap areas' fill pattern: the renderer draws it when MapLibre asks for the image. */
export const GAP_HATCH_IMAGE = 'gap-hatch';
export const GAP_HATCH_COLOR = GAP;

export function coverageColor(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return NO_DATA;
  return (COVERAGE_CLASSES.find((c) => percent <= c.upTo) ?? COVERAGE_CLASSES[COVERAGE_CLASSES.length - 1]).color;
}

export interface GapMapLayers {
  /** Townships with their population covered (%) per feature, in the same order. */
  townships: Feature[];
  coveredPercent: (number | null)[];
  gaps: FeatureCollection;
  /** Populated cells no facility reaches, as [lon, lat]. */
  uncoveredCells: [number, number][];
  counties: Feature[];
  facilities: Feature[];
  /** Proposed new sites, drawn over the facilities. */
  sites?: [number, number][];
  /** A travel-time reach's isochrone polygons, outlined. */
  isochrones?: Feature[];
}

const LEGEND_WORDS: Record<string, Bilingual> = {
  gap: { zh: '覆盖缺口（服务范围外）', en: 'Gap (beyond reach)' },
  isochrone: { zh: '出行时间可达范围', en: 'Reached within the travel time' },
  cells: { zh: '未覆盖的有人口网格', en: 'Populated cells not reached' },
  sites: { zh: '建议新增设施点', en: 'Proposed site' },
  county: { zh: '县界', en: 'County border' },
  noData: { zh: '无人口', en: 'No population' },
};

const ISOCHRONE = '#0b6e99';

export function gapMapLegend(language: Language, facilityLabel: string, withSites = false, withIsochrone = false): LegendItem[] {
  let from = 0;
  const classes = COVERAGE_CLASSES.map((c) => {
    const item: LegendItem = { label: `${from}–${c.upTo}%`, color: c.color, symbol: 'fill' };
    from = c.upTo;
    return item;
  });
  return [
    ...classes,
    { label: LEGEND_WORDS.noData[language], color: NO_DATA, symbol: 'fill' },
    { label: LEGEND_WORDS.gap[language], color: GAP, symbol: 'hatch', outline: GAP },
    ...(withIsochrone ? [{ label: LEGEND_WORDS.isochrone[language], color: ISOCHRONE, symbol: 'line' as const }] : []),
    { label: LEGEND_WORDS.cells[language], color: UNCOVERED_CELL, symbol: 'point', outline: UNCOVERED_CELL },
    { label: LEGEND_WORDS.county[language], color: '#3e3e3e', symbol: 'line' },
    { label: facilityLabel, color: FACILITY, symbol: 'point', outline: '#ffffff' },
    ...(withSites ? [{ label: LEGEND_WORDS.sites[language], color: SITE, symbol: 'point' as const, outline: '#ffffff' }] : []),
  ];
}

export const GAP_MAP_SOURCES = ['townships', 'gaps', 'counties', 'facilities', 'isochrones', 'sites', 'cells'] as const;
export type GapMapSource = (typeof GAP_MAP_SOURCES)[number];

/** The data of each of the style's GeoJSON sources (properties kept only where a layer reads them). */
export function gapMapSources(layers: GapMapLayers): Record<GapMapSource, FeatureCollection> {
  const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
  const strip = (features: Feature[]) => collection(features.map((f) => ({ ...f, properties: {} })));
  const points = (coordinates: [number, number][]) => collection(coordinates.map((point): Feature => ({ type: 'Feature', geometry: { type: 'Point', coordinates: point }, properties: {} })));
  return {
    townships: collection(layers.townships.map((f, i) => ({ ...f, properties: { fill: coverageColor(layers.coveredPercent[i]) } }))),
    gaps: strip(layers.gaps.features as unknown as Feature[]),
    counties: strip(layers.counties),
    facilities: strip(layers.facilities),
    isochrones: strip(layers.isochrones ?? []),
    sites: points(layers.sites ?? []),
    cells: points(layers.uncoveredCells),
  };
}

/**
 * The style over its sources' data: the collections themselves, or URLs of their GeoJSON text (the
 * app hands MapLibre blob URLs, so a large layer is parsed in MapLibre's worker, not on the page).
 */
export function gapMapStyle(data: Record<GapMapSource, FeatureCollection | string>): Record<string, unknown> {
  return {
    version: 8,
    sources: Object.fromEntries(GAP_MAP_SOURCES.map((name) => [name, { type: 'geojson', data: data[name] }])),
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#ffffff' } },
      { id: 'townships-fill', type: 'fill', source: 'townships', paint: { 'fill-color': ['get', 'fill'], 'fill-opacity': 0.9 } },
      { id: 'gaps-fill', type: 'fill', source: 'gaps', paint: { 'fill-pattern': GAP_HATCH_IMAGE, 'fill-opacity': 0.8 } },
      { id: 'gaps-line', type: 'line', source: 'gaps', paint: { 'line-color': GAP, 'line-width': 0.6, 'line-opacity': 0.7 } },
      // Cells are 250 m or so: a faint dust at region scale, distinct dots when zoomed to a township.
      { id: 'cells', type: 'circle', source: 'cells', paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 0.35, 11, 1, 14, 3], 'circle-color': UNCOVERED_CELL, 'circle-opacity': 0.75 } },
      { id: 'townships-line', type: 'line', source: 'townships', paint: { 'line-color': '#ffffff', 'line-width': 0.8 } },
      { id: 'counties-line', type: 'line', source: 'counties', paint: { 'line-color': '#3e3e3e', 'line-width': 1.6 } },
      { id: 'isochrones-line', type: 'line', source: 'isochrones', paint: { 'line-color': ISOCHRONE, 'line-width': 1.4 } },
      { id: 'facilities', type: 'circle', source: 'facilities', paint: { 'circle-radius': 3, 'circle-color': FACILITY, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 } },
      { id: 'sites', type: 'circle', source: 'sites', paint: { 'circle-radius': 5, 'circle-color': SITE, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } },
    ],
  };
}

/** The style with its data inline (the CLI's report). */
export function buildGapMapStyle(layers: GapMapLayers): Record<string, unknown> {
  return gapMapStyle(gapMapSources(layers));
}

export interface GapMapTextInput {
  language: Language;
  service: Bilingual;
  metres: number;
  /** A travel-time reach: the subtitle names its minutes and mode instead of the metres. */
  reach?: Reach;
  scenario: string;
  date: string;
  sources: string;
  notice?: Bilingual | null;
  /** Overrides the title (atlas pages: the unit's name). */
  title?: string;
  /** The map shows proposed sites (adds their legend entry). */
  withSites?: boolean;
}

const GAP_MAP_WORDS = {
  title: { zh: '{service}覆盖缺口图', en: '{service}: coverage gaps' },
  subtitle: { zh: '{reach} · 情景：{scenario}', en: '{reach} · Scenario: {scenario}' },
  subtitleNamed: { zh: '{service} · {reach} · 情景：{scenario}', en: '{service} · {reach} · scenario: {scenario}' },
  reachDistance: { zh: '服务半径 {metres} 米', en: 'Reach {metres} m' },
  reachTime: { zh: '{mode} {minutes} 分钟', en: '{minutes} min {mode}' },
  legendTitle: { zh: '人口覆盖率', en: 'Population covered' },
  date: { zh: '制图日期：{date}', en: 'Date: {date}' },
  sources: { zh: '数据来源：{sources}', en: 'Data: {sources}' },
  metres: { zh: '米', en: 'm' },
  kilometres: { zh: '公里', en: 'km' },
  north: { zh: '北', en: 'N' },
} satisfies Record<string, Bilingual>;

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

/** A reach in words: 服务半径 1,000 米 / Reach 1,000 m; 步行 15 分钟 / 15 min walking. */
export function reachWords(reach: Reach, language: Language): string {
  if (reach.kind === 'distance') return fill(GAP_MAP_WORDS.reachDistance[language], { metres: formatNumber(reach.metres) });
  const mode = translate(language, `travel-mode.${parseTravelMode(reach.mode) ?? 'walk'}`);
  return fill(GAP_MAP_WORDS.reachTime[language], { minutes: formatNumber(reach.minutes), mode: language === 'en' ? mode.toLowerCase() : mode });
}

/** The words of a gap map's layout in one language. */
export function gapMapText(input: GapMapTextInput): MapLayoutText {
  const l = input.language;
  const reach = reachWords(input.reach ?? { kind: 'distance', metres: input.metres }, l);
  const values = { service: input.service[l], reach: input.title && l === 'en' ? reach.charAt(0).toLowerCase() + reach.slice(1) : reach, scenario: input.scenario, date: input.date, sources: input.sources };
  return {
    title: input.title ?? fill(GAP_MAP_WORDS.title[l], values),
    subtitle: fill((input.title ? GAP_MAP_WORDS.subtitleNamed : GAP_MAP_WORDS.subtitle)[l], values),
    legendTitle: GAP_MAP_WORDS.legendTitle[l],
    legend: gapMapLegend(l, input.service[l], input.withSites, input.reach?.kind === 'travel-time'),
    date: fill(GAP_MAP_WORDS.date[l], values),
    sources: fill(GAP_MAP_WORDS.sources[l], values),
    notice: input.notice ? input.notice[l] : null,
    metres: GAP_MAP_WORDS.metres[l],
    kilometres: GAP_MAP_WORDS.kilometres[l],
    north: GAP_MAP_WORDS.north[l],
  };
}
