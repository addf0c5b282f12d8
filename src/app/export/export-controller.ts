// The export menu's actions: the composed map page (PNG, screen to A3 at 300 dpi), the PDF report
// (made in the worker with the map rendered here), tables, GeoJSON and Shapefiles (made in the
// worker from the core's metric table, so they equal the CLI's files), downloaded as files.

import type { AppContext } from '../controllers/app-context.ts';
import type { DatasetController } from '../controllers/dataset-controller.ts';
import { gapMapText } from '../../core/export/map-layout/gap-map-style.ts';
import { paperPixels, type LegendItem, type MapLayoutText, type PageSize } from '../../core/export/map-layout/plan-map-layout.ts';
import { serviceDefinition } from '../../core/analysis/service-catalog.ts';
import { SYNTHETIC_NOTICE } from '../../core/report/build-summary.ts';
import type { Bilingual } from '../../core/rules/rule-types.ts';
import type { ExportedFile, ExportFileName, ExportRequest } from '../../../workers/export-files.ts';
import { currentLanguage, t } from '../i18n/app-language.ts';
import { formatMetricValue } from '../panels/format-metric.ts';
import { printLiveMap } from './print-live-map.ts';

export type MapSize = 'screen' | 'a4-portrait' | 'a4-landscape' | 'a3-portrait' | 'a3-landscape';
export const MAP_SIZES: MapSize[] = ['screen', 'a4-portrait', 'a4-landscape', 'a3-portrait', 'a3-landscape'];
const PRINT_DPI = 300;

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

  /** The layout's words and the legend the map shows now. */
  private layoutText(): MapLayoutText {
    const { state, views } = this.context;
    const language = currentLanguage();
    const settings = state.session.analysis;
    const service = serviceDefinition(settings.service);
    const metres = settings.reach.kind === 'distance' ? settings.reach.metres : 0;
    const summary = state.dataset?.summary;
    const text = gapMapText({
      language,
      service: service.name,
      metres,
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
      { label: t('legend.coverage'), color: '#0b6e99', symbol: 'line' },
      { label: t('legend.gap'), color: '#d7301f', symbol: 'fill' },
      { label: service.name[language], color: '#0072B2', symbol: 'point' },
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
    return printLiveMap(this.context.views.map.map, { page, pixelRatio, text: this.layoutText() });
  }

  private fileStem(): string {
    const settings = this.context.state.session.analysis;
    const reach = settings.reach.kind === 'distance' ? `${settings.reach.metres}m` : `${settings.reach.minutes}min`;
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

  /** Files made in the worker from the core's metric table; the report gets the map rendered here. */
  async exportFiles(files: ExportFileName[], options: { shapefile?: ExportRequest['shapefile']; atlas?: 'county' | 'township' | null } = {}): Promise<string[]> {
    const { state, views, background, interactive } = this.context;
    const settings = state.session.analysis;
    if (settings.reach.kind !== 'distance') throw new Error('travel-time exports are not available yet');
    views.progress.show('export.working', 0.05);
    try {
      const maps: NonNullable<ExportRequest['report']>['maps'] = [];
      if (files.includes('report.pdf')) {
        const canvas = await this.renderMap('a4-landscape');
        const bytes = new Uint8Array(await (await canvasBytes(canvas)).arrayBuffer());
        const text = this.layoutText();
        maps.push({ file: `map-${settings.service}.png`, bytes, width: canvas.width, height: canvas.height, title: { zh: text.title, en: text.title } });
      }
      const request: ExportRequest = {
        service: settings.service,
        metres: settings.reach.metres,
        results: state.rules,
        ruleSetName: this.ruleSetName,
        language: currentLanguage(),
        files,
        shapefile: options.shapefile,
        report: files.includes('report.pdf') ? { scenario: t('export.scenario'), date: this.today(), maps, atlas: options.atlas ?? null, fontBase: `${import.meta.env.BASE_URL}fonts/` } : undefined,
      };
      const worker = (await this.dataset.backgroundReady()) ? background : interactive;
      const outcome = await worker.latest('export', (api, id, progress) => api.exportFiles(request, id, progress), (fraction) => views.progress.show('export.working', 0.1 + 0.85 * fraction));
      if (outcome.cancelled) return [];
      const result = outcome.value;
      if (!result.ok) throw new Error(result.error.message[currentLanguage()]);
      const stem = this.fileStem();
      return result.value.map((file: ExportedFile) => {
        const name = `${stem}-${file.name}`;
        download(name, file.bytes, file.type);
        return name;
      });
    } finally {
      views.progress.hide();
    }
  }
}
