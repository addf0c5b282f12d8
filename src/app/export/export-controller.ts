// The export menu's actions: the composed map page (PNG, screen to A3 at 300 dpi), the PDF report
// (made in the worker with the map rendered here, and for an atlas one map per county or township),
// tables, GeoJSON and Shapefiles (made in the worker from the core's metric table, so they equal the
// CLI's files), downloaded as files. What the map shows goes along: the proposed sites of the siting
// panel (sites.csv, sites.geojson, sites-shp.zip, the report's table) and, for a travel-time reach,
// the travel-time table and the isochrone (travel-times.csv, isochrones.geojson, isochrones-shp.zip).

import { Map as MapLibreMap, type StyleSpecification } from 'maplibre-gl';
import type { AppContext } from '../controllers/app-context.ts';
import type { DatasetController } from '../controllers/dataset-controller.ts';
import { gapMapStyle, gapMapText, reachWords, type GapMapSource } from '../../core/export/map-layout/gap-map-style.ts';
import { listReportServices } from '../../core/export/list-report-services.ts';
import type { ReportImage } from '../../core/export/pdf/build-report-document.ts';
import type { Feature } from '../../core/geojson-types.ts';
import { defaultReachMetres } from '../../core/analysis/service-catalog.ts';
import { paperPixels, type LegendItem, type MapLayoutText, type PageSize } from '../../core/export/map-layout/plan-map-layout.ts';
import { serviceDefinition } from '../../core/analysis/service-catalog.ts';
import { SYNTHETIC_NOTICE } from '../../core/report/build-summary.ts';
import type { Bilingual } from '../../core/rules/rule-types.ts';
import type { ExportedFile, ExportFileName, ExportRequest, GapMapsReply } from '../../../workers/export-files.ts';
import type { AnalysisClient } from '../analysis/analysis-client.ts';
import type { MessageKey } from '../../core/i18n/messages.ts';
import { currentLanguage, t } from '../i18n/app-language.ts';
import { formatMetricValue } from '../panels/format-metric.ts';
import { codePointLabel } from '../../core/export/pdf/font-coverage.ts';
import { printLiveMap, printLiveMapPages } from './print-live-map.ts';
import { renderStylesToPages } from './compose-print-map.ts';

export type MapSize = 'screen' | 'a4-portrait' | 'a4-landscape' | 'a3-portrait' | 'a3-landscape';
export const MAP_SIZES: MapSize[] = ['screen', 'a4-portrait', 'a4-landscape', 'a3-portrait', 'a3-landscape'];
const PRINT_DPI = 300;
/** Atlas maps (A4 portrait): 150 dpi a county page, 100 dpi a township page (a region has dozens). */
const ATLAS_DPI = { county: 150, township: 100 } as const;
/** The report's maps of the other services (A4 landscape), as the CLI's report draws them by default. */
const SERVICE_MAP_DPI = 150;
/** The catchments' fill layer (travel-time-layers.ts) and the swatch standing for its hues (its first one). */
const CATCHMENTS_LAYER = 'catchments-fill';
const CATCHMENT_SWATCH = '#e69f00';

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

  /** The export running now; the progress bar's cancel aborts it. */
  private job: AbortController | null = null;

  /** Stops the running export, if any (the progress bar's cancel button): true when there was one. */
  cancel(): boolean {
    if (!this.job) return false;
    this.job.abort();
    this.job = null;
    for (const worker of [this.context.background, this.context.interactive]) for (const channel of ['export', 'export-maps']) worker.cancelChannel(channel);
    return true;
  }

  /** Starts an export job (cancelling one still running), and ends it. */
  private async runJob<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.cancel();
    const job = new AbortController();
    this.job = job;
    try {
      return await work(job.signal);
    } finally {
      if (this.job === job) this.job = null;
      if (!job.signal.aborted) this.context.views.progress.hide();
    }
  }

  /** The progress bar for a job: silent once the job is cancelled (a late worker report must not show it again). */
  private progressOf(signal: AbortSignal): (key: MessageKey, fraction: number, stage?: string) => void {
    return (key, fraction, stage) => {
      if (!signal.aborted) this.context.views.progress.show(key, fraction, stage);
    };
  }

  private async exportWorker(): Promise<AnalysisClient> {
    return (await this.dataset.backgroundReady()) ? this.context.background : this.context.interactive;
  }

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

  /** The siting panel's proposed sites (`state.proposal`, the one on show), as point features; none without a proposal. */
  proposedSites(): Feature[] {
    const proposal = this.context.state.proposal;
    if (!proposal) return [];
    const sites = JSON.parse(proposal.sitesGeoJson) as { type: string; features?: Feature[] };
    return sites.type === 'FeatureCollection' ? (sites.features ?? []).filter((f) => f.geometry?.type === 'Point') : [];
  }

  /** What an export adds to the tables now (the dialog says so). */
  extras(): ExportExtras {
    const reach = this.context.state.session.analysis.reach;
    return { sites: this.proposedSites().length, travel: reach.kind === 'travel-time' ? reachWords(reach, currentLanguage()) : null };
  }

  /** Whether the travel-time panel's catchments are on the map (travel-time-layers.ts). */
  private catchmentsShown(): boolean {
    const map = this.context.views.map.map;
    return map.getLayer(CATCHMENTS_LAYER) !== undefined && map.getLayoutProperty(CATCHMENTS_LAYER, 'visibility') === 'visible';
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
      ...(this.catchmentsShown() ? [{ label: t('export.legend-catchments'), color: CATCHMENT_SWATCH, symbol: 'fill' as const, outline: '#333333' }] : []),
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
    const sites = this.proposedSites().length;
    return printLiveMap(this.context.views.map.map, { page, pixelRatio, text: this.layoutText({ sites }) });
  }

  /** One A4 portrait map per county or township, the live map fitted to each, titled with its name; null when cancelled. */
  private async renderAtlasMaps(level: 'county' | 'township', sites: number, signal: AbortSignal, onProgress: (fraction: number, stage: string) => void): Promise<Record<string, ReportImage | null> | null> {
    const summary = this.context.state.dataset?.summary;
    const units = (level === 'county' ? summary?.counties : summary?.townships) ?? [];
    const dpi = ATLAS_DPI[level];
    const page = paperPixels('A4', 'portrait', dpi);
    const maps: Record<string, ReportImage | null> = {};
    const requests = units.map((unit) => ({ page, pixelRatio: dpi / 96, text: this.layoutText({ title: unit.name, sites }), bounds: unit.bbox }));
    onProgress(0, `0/${units.length}`);
    await printLiveMapPages(this.context.views.map.map, requests, async (canvas, i) => {
      if (signal.aborted) return false;
      const unit = units[i];
      const bytes = new Uint8Array(await (await canvasBytes(canvas)).arrayBuffer());
      maps[unit.code] = { file: `atlas-${i + 1}.png`, bytes, width: canvas.width, height: canvas.height, title: { zh: unit.name, en: unit.name } };
      onProgress((i + 1) / units.length, `${i + 1}/${units.length}`);
      return !signal.aborted;
    });
    return signal.aborted ? null : maps;
  }

  /** The straight-line reach a service's report map is drawn at: the one last used for it, else its default. */
  private serviceMetres(type: string): number {
    const last = this.context.state.session.reachByService[type];
    return last?.kind === 'distance' ? last.metres : defaultReachMetres(type);
  }

  /**
   * A gap map per other service of the rule set (the analysed one is the live map): the worker
   * analyses each and sends its layers as GeoJSON text; each is drawn by a hidden MapLibre map at
   * the print ratio (blob URLs: MapLibre parses them in its own worker), never the live map. Null
   * when cancelled.
   */
  private async renderServiceMaps(signal: AbortSignal, onProgress: (fraction: number, stage: string) => void): Promise<ReportImage[] | null> {
    const { state } = this.context;
    const settings = state.session.analysis;
    const present = state.dataset?.summary.facilityTypes.map((f) => f.type) ?? [];
    const types = listReportServices(state.session.rules, present, settings.service).filter((type) => type !== settings.service);
    if (types.length === 0) return [];
    const worker = await this.exportWorker();
    const outcome = await worker.latest<GapMapsReply>('export-maps', (api, id, progress) => api.gapMapLayers({ services: types.map((type) => ({ type, metres: this.serviceMetres(type) })) }, id, progress), (fraction) => onProgress(0.5 * fraction, `${Math.round(fraction * types.length)}/${types.length}`));
    if (outcome.cancelled || signal.aborted) return null;
    const { bounds, labels, services } = outcome.value;
    const language = currentLanguage();
    const summary = state.dataset?.summary;
    const page = paperPixels('A4', 'landscape', SERVICE_MAP_DPI);
    const images: ReportImage[] = [];
    const urls: string[] = [];
    const blobUrl = (json: string) => {
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      urls.push(url);
      return url;
    };
    const texts = services.map((service) => gapMapText({ language, service: serviceDefinition(service.type).name, metres: service.metres, scenario: t('export.scenario'), date: this.today(), sources: summary?.info.source ?? '', notice: summary?.info.synthetic ? SYNTHETIC_NOTICE : null }));
    const pages = services.map((service, i) => ({
      style: gapMapStyle(Object.fromEntries(Object.entries(service.sources).map(([name, json]) => [name, blobUrl(json)])) as Record<GapMapSource, string>) as unknown as StyleSpecification,
      bounds,
      request: { page, pixelRatio: SERVICE_MAP_DPI / 96, text: texts[i], labels },
    }));
    onProgress(0.5, `0/${services.length}`);
    try {
      await renderStylesToPages({ Map: MapLibreMap }, pages, async (canvas, i) => {
        if (signal.aborted) return false;
        const bytes = new Uint8Array(await (await canvasBytes(canvas)).arrayBuffer());
        images.push({ file: `map-${services[i].type}.png`, bytes, width: canvas.width, height: canvas.height, title: { zh: texts[i].title, en: texts[i].title } });
        onProgress(0.5 + (0.5 * (i + 1)) / services.length, `${i + 1}/${services.length}`);
        return !signal.aborted;
      });
    } finally {
      for (const url of urls) URL.revokeObjectURL(url);
    }
    if (signal.aborted) return null;
    return images;
  }

  private fileStem(): string {
    const settings = this.context.state.session.analysis;
    const reach = settings.reach.kind === 'distance' ? `${settings.reach.metres}m` : `${settings.reach.mode}-${settings.reach.minutes}min`;
    return `gapmap-${settings.service}-${reach}`;
  }

  async exportMap(size: MapSize): Promise<ExportResult> {
    return this.runJob(async (signal) => {
      const show = this.progressOf(signal);
      show('export.working', 0.1);
      const canvas = await this.renderMap(size);
      if (signal.aborted) return CANCELLED;
      show('export.working', 0.9);
      const name = `${this.fileStem()}-${size}.png`;
      download(name, await canvasBytes(canvas), 'image/png');
      return { files: [name], warnings: [] };
    });
  }

  /**
   * Files made in the worker from the core's metric table; the report gets the map (and the atlas
   * maps) rendered here. Proposed sites and, for a travel time, the travel-time files are added to
   * the kinds asked for (a CSV export also writes sites.csv and travel-times.csv, and so on).
   */
  async exportFiles(files: ExportFileName[], options: { shapefile?: ExportRequest['shapefile']; atlas?: 'county' | 'township' | null } = {}): Promise<ExportResult> {
    return this.runJob((signal) => this.makeFiles(files, options, signal));
  }

  private async makeFiles(files: ExportFileName[], options: { shapefile?: ExportRequest['shapefile']; atlas?: 'county' | 'township' | null }, signal: AbortSignal): Promise<ExportResult> {
    const { state } = this.context;
    const settings = state.session.analysis;
    const show = this.progressOf(signal);
    show('export.working', 0.02);
    const sites = this.proposedSites();
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
    // The report's share of the bar: the live map, the other services' maps, the atlas, then the worker's PDF.
    const report = wanted.has('report.pdf');
    const stages = { services: 0.05, atlas: options.atlas ? 0.4 : 0.75, pdf: 0.75 };
    if (report) {
      const canvas = await this.renderMap('a4-landscape');
      if (signal.aborted) return CANCELLED;
      const bytes = new Uint8Array(await (await canvasBytes(canvas)).arrayBuffer());
      const text = this.layoutText({ sites: sites.length });
      maps.push({ file: `map-${settings.service}.png`, bytes, width: canvas.width, height: canvas.height, title: { zh: text.title, en: text.title } });
      const others = await this.renderServiceMaps(signal, (fraction, stage) => show('export.maps-working', stages.services + (stages.atlas - stages.services) * fraction, stage));
      if (!others || signal.aborted) return CANCELLED;
      maps.push(...others);
      if (options.atlas) {
        const atlas = await this.renderAtlasMaps(options.atlas, sites.length, signal, (fraction, stage) => show('export.atlas-working', stages.atlas + (stages.pdf - stages.atlas) * fraction, stage));
        if (!atlas) return CANCELLED;
        atlasMaps = atlas;
      }
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
      report: report ? { scenario: t('export.scenario'), date: this.today(), maps, atlas: options.atlas ?? null, atlasMaps, fontBase: `${import.meta.env.BASE_URL}fonts/` } : undefined,
    };
    const start = report ? stages.pdf : 0.1;
    const key = report ? 'export.pdf-working' : 'export.working';
    const worker = await this.exportWorker();
    const outcome = await worker.latest('export', (api, id, progress) => api.exportFiles(request, id, progress), (fraction, stage) => show(key, start + (0.98 - start) * fraction, stage));
    if (outcome.cancelled || signal.aborted) return CANCELLED;
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
  }
}

export interface ExportResult {
  /** Names of the files downloaded. */
  files: string[];
  /** What the planner must know about them (characters the report font lacks). */
  warnings: string[];
  /** The planner cancelled it: nothing was downloaded. */
  cancelled?: boolean;
}

const CANCELLED: ExportResult = { files: [], warnings: [], cancelled: true };
