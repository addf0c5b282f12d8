// The export menu's actions: the composed map page (PNG, screen to A3 at 300 dpi), the PDF report
// (made in the worker with the map rendered here, and for an atlas one map per county or township),
// tables, GeoJSON and Shapefiles (made in the worker from the core's metric table, so they equal the
// CLI's files), downloaded as files. What the map shows goes along: the proposed sites of the siting
// panel (sites.csv, sites.geojson, sites-shp.zip, the report's table) and, for a travel-time reach,
// the travel-time table and the isochrone (travel-times.csv, isochrones.geojson, isochrones-shp.zip).

import type { GeoJSONSource } from 'maplibre-gl';
import type { AppContext } from '../controllers/app-context.ts';
import type { DatasetController } from '../controllers/dataset-controller.ts';
import { gapMapText, reachWords } from '../../core/export/map-layout/gap-map-style.ts';
import type { ReportImage } from '../../core/export/pdf/build-report-document.ts';
import type { Feature } from '../../core/geojson-types.ts';
import { defaultReachMetres } from '../../core/analysis/service-catalog.ts';
import { paperPixels, type LegendItem, type MapLayoutText, type PageSize } from '../../core/export/map-layout/plan-map-layout.ts';
import { serviceDefinition } from '../../core/analysis/service-catalog.ts';
import { SYNTHETIC_NOTICE } from '../../core/report/build-summary.ts';
import type { Bilingual } from '../../core/rules/rule-types.ts';
import type { ExportedFile, ExportFileName, ExportRequest } from '../../../workers/export-files.ts';
import { currentLanguage, t } from '../i18n/app-language.ts';
import { formatMetricValue } from '../panels/format-metric.ts';
import { codePointLabel } from '../../core/export/pdf/font-coverage.ts';
import { printLiveMap } from './print-live-map.ts';

export type MapSize = 'screen' | 'a4-portrait' | 'a4-landscape' | 'a3-portrait' | 'a3-landscape';
export const MAP_SIZES: MapSize[] = ['screen', 'a4-portrait', 'a4-landscape', 'a3-portrait', 'a3-landscape'];
const PRINT_DPI = 300;
/** Atlas maps (A4 portrait): 150 dpi a county page, 100 dpi a township page (a region has dozens). */
const ATLAS_DPI = { county: 150, township: 100 } as const;
/** The siting panel's proposed sites on the map (siting-map.ts draws them from this source). */
const SITES_SOURCE = 'siting-sites';

/** What goes out besides the tables: proposed sites and, for a travel time, the isochrone. */
export interface ExportExtras {
  sites: number;
  travel: string | null;
}

export function download(name: string, bytes: Uint8Array | Blob, type: string): void {
  const blob = bytes instanceof Blob ? bytes : new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

function canvasBytes(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

export class ExportController {
  constructor(
    private readonly context: AppContext,
    private readonly dataset: DatasetController,
    /** The plan's rule set name, for the report's cover. */
    private readonly ruleSetName: Bilingual,
  ) {}

  private today(): string {
    return new Date().toISOString().slice(0, 10);
  }

  /** The straight-line reach of the tables: the one on the map, else the service's last or default one (as `analyze --radius`). */
  private tableMetres(): number {
    const settings = this.context.state.session.analysis;
    if (settings.reach.kind === 'distance') return settings.reach.metres;
    const last = this.context.state.session.reachByService[settings.service];
    return last?.kind === 'distance' ? last.metres : defaultReachMetres(settings.service);
  }

  /** Proposed sites drawn on the map by the siting panel, as point features (none when it has no answer). */
  async proposedSites(): Promise<Feature[]> {
    const map = this.context.views.map.map;
    const source = map.getSource(SITES_SOURCE) as GeoJSONSource | undefined;
    if (!source) return [];
    const data = (await source.getData()) as { type: string; features?: Feature[] };
    return data.type === 'FeatureCollection' ? (data.features ?? []).filter((f) => f.geometry?.type === 'Point') : [];
  }

  /** What an export adds to the tables now (the dialog says so). */
  async extras(): Promise<ExportExtras> {
    const reach = this.context.state.session.analysis.reach;
    return { sites: (await this.proposedSites()).length, travel: reach.kind === 'travel-time' ? reachWords(reach, currentLanguage()) : null };
  }

  /** The layout's words and the legend the map shows now. */
  private layoutText(options: { title?: string; sites?: number } = {}): MapLayoutText {
    const { state, views } = this.context;
    const language = currentLanguage();
    const settings = state.session.analysis;
    const service = serviceDefinition(settings.service);
    const travel = settings.reach.kind === 'travel-time';
    const summary = state.dataset?.summary;
    const text = gapMapText({
      language,
      service: service.name,
      metres: this.tableMetres(),
      reach: settings.reach,
      title: options.title,
      scenario: t('export.scenario'),
      date: this.today(),
      sources: summary?.info.source ?? '',
      notice: summary?.info.synthetic ? SYNTHETIC_NOTICE : null,
    });
    const legend = views.legend.current;
    if (!legend) return text;
    const { classification, metric } = legend;
    const bounds = [classification.min, ...classification.breaks, classification.max];
    const items: LegendItem[] = [
      ...classification.colors.map((color, i): LegendItem => ({ label: `${formatMetricValue(metric.format, bounds[i])} – ${formatMetricValue(metric.format, bounds[i + 1])}`, color, symbol: 'fill' })),
      { label: t('legend.no-data'), color: '#d9d9d9', symbol: 'fill' },
      { label: travel ? t('export.legend-isochrone') : t('legend.coverage'), color: '#0b6e99', symbol: 'line' },
      { label: t('legend.gap'), color: '#d7301f', symbol: 'fill' },
      { label: service.name[language], color: '#0072B2', symbol: 'point' },
      ...(options.sites ? [{ label: t('export.legend-sites'), color: '#d7191c', symbol: 'point' as const }] : []),
    ];
    return { ...text, legendTitle: t(metric.label), legend: items };
  }

  private pageOf(size: MapSize): { page: PageSize; pixelRatio: number } {
    if (size === 'screen') {
      const canvas = this.context.views.map.map.getCanvas();
      const ratio = window.devicePixelRatio || 1;
      return { page: { width: Math.round(canvas.clientWidth * ratio), height: Math.round(canvas.clientHeight * ratio) }, pixelRatio: ratio };
    }
    const [paper, orientation] = size.split('-') as ['a4' | 'a3', 'portrait' | 'landscape'];
    return { page: paperPixels(paper === 'a4' ? 'A4' : 'A3', orientation, PRINT_DPI), pixelRatio: PRINT_DPI / 96 };
  }

  /** The composed map page as a canvas. */
  async renderMap(size: MapSize): Promise<HTMLCanvasElement> {
    const { page, pixelRatio } = this.pageOf(size);
    const sites = (await this.proposedSites()).length;
    return printLiveMap(this.context.views.map.map, { page, pixelRatio, text: this.layoutText({ sites }) });
  }

  /** One A4 portrait map per county or township, the live map fitted to each, titled with its name. */
  private async renderAtlasMaps(level: 'county' | 'township', sites: number, onProgress: (fraction: number) => void): Promise<Record<string, ReportImage | null>> {
    const summary = this.context.state.dataset?.summary;
    const units = (level === 'county' ? summary?.counties : summary?.townships) ?? [];
    const dpi = ATLAS_DPI[level];
    const page = paperPixels('A4', 'portrait', dpi);
    const maps: Record<string, ReportImage | null> = {};
    for (const [i, unit] of units.entries()) {
      onProgress(i / Math.max(1, units.length));
      const canvas = await printLiveMap(this.context.views.map.map, { page, pixelRatio: dpi / 96, text: this.layoutText({ title: unit.name, sites }), bounds: unit.bbox });
      const bytes = new Uint8Array(await (await canvasBytes(canvas)).arrayBuffer());
      maps[unit.code] = { file: `atlas-${i + 1}.png`, bytes, width: canvas.width, height: canvas.height, title: { zh: unit.name, en: unit.name } };
    }
    onProgress(1);
    return maps;
  }

  private fileStem(): string {
    const settings = this.context.state.session.analysis;
    const reach = settings.reach.kind === 'distance' ? `${settings.reach.metres}m` : `${settings.reach.mode}-${settings.reach.minutes}min`;
    return `gapmap-${settings.service}-${reach}`;
  }

  async exportMap(size: MapSize): Promise<string> {
    const { views } = this.context;
    views.progress.show('export.working', 0.1);
    try {
      const canvas = await this.renderMap(size);
      views.progress.show('export.working', 0.9);
      const name = `${this.fileStem()}-${size}.png`;
      download(name, await canvasBytes(canvas), 'image/png');
      return name;
    } finally {
      views.progress.hide();
    }
  }

  /**
   * Files made in the worker from the core's metric table; the report gets the map (and the atlas
   * maps) rendered here. Proposed sites and, for a travel time, the travel-time files are added to
   * the kinds asked for (a CSV export also writes sites.csv and travel-times.csv, and so on).
   */
  async exportFiles(files: ExportFileName[], options: { shapefile?: ExportRequest['shapefile']; atlas?: 'county' | 'township' | null } = {}): Promise<ExportResult> {
    const { state, views, background, interactive } = this.context;
    const settings = state.session.analysis;
    views.progress.show('export.working', 0.02);
    try {
      const sites = await this.proposedSites();
      const travel = settings.reach.kind === 'travel-time';
      const wanted = new Set(files);
      const also = (when: boolean, kind: ExportFileName, extra: ExportFileName) => when && wanted.has(kind) && wanted.add(extra);
      also(sites.length > 0, 'townships.csv', 'sites.csv');
      also(sites.length > 0, 'townships.geojson', 'sites.geojson');
      also(sites.length > 0, 'townships-shp.zip', 'sites-shp.zip');
      also(travel, 'townships.csv', 'travel-times.csv');
      also(travel, 'townships.geojson', 'isochrones.geojson');
      also(travel, 'townships-shp.zip', 'isochrones-shp.zip');
      const maps: ReportImage[] = [];
      let atlasMaps: Record<string, ReportImage | null> | undefined;
      if (wanted.has('report.pdf')) {
        const canvas = await this.renderMap('a4-landscape');
        const bytes = new Uint8Array(await (await canvasBytes(canvas)).arrayBuffer());
        const text = this.layoutText({ sites: sites.length });
        maps.push({ file: `map-${settings.service}.png`, bytes, width: canvas.width, height: canvas.height, title: { zh: text.title, en: text.title } });
        if (options.atlas) atlasMaps = await this.renderAtlasMaps(options.atlas, sites.length, (fraction) => views.progress.show('export.atlas-working', 0.05 + 0.45 * fraction));
      }
      const request: ExportRequest = {
        service: settings.service,
        metres: this.tableMetres(),
        reach: settings.reach,
        sites,
        results: state.rules,
        ruleSetName: this.ruleSetName,
        language: currentLanguage(),
        files: [...wanted],
        shapefile: options.shapefile,
        report: wanted.has('report.pdf') ? { scenario: t('export.scenario'), date: this.today(), maps, atlas: options.atlas ?? null, atlasMaps, fontBase: `${import.meta.env.BASE_URL}fonts/` } : undefined,
      };
      const start = atlasMaps ? 0.5 : 0.1;
      const worker = (await this.dataset.backgroundReady()) ? background : interactive;
      const outcome = await worker.latest('export', (api, id, progress) => api.exportFiles(request, id, progress), (fraction) => views.progress.show('export.working', start + (0.95 - start) * fraction));
      if (outcome.cancelled) return { files: [], warnings: [] };
      const result = outcome.value;
      if (!result.ok) throw new Error(result.error.message[currentLanguage()]);
      const stem = this.fileStem();
      const warnings: string[] = [];
      const names = result.value.map((file: ExportedFile) => {
        const name = `${stem}-${file.name}`;
        download(name, file.bytes, file.type);
        if (file.missingGlyphs) warnings.push(t('export.missing-glyphs', { characters: file.missingGlyphs.characters.map(codePointLabel).join(' '), texts: file.missingGlyphs.texts.slice(0, 10).join('、') }));
        return name;
      });
      return { files: names, warnings };
    } finally {
      views.progress.hide();
    }
  }
}

export interface ExportResult {
  /** Names of the files downloaded. */
  files: string[];
  /** What the planner must know about them (characters the report font lacks). */
  warnings: string[];
}
