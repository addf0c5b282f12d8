// Analysis panel: which service, how far it reaches, and what the map colours by. Every control
// is labelled and keyboard-usable; changes go to `onChange` (the app recomputes in the worker).
import { TravelTimeControls } from './travel-time-controls.ts';
import { createElement } from '../dom/create-element.ts';
import { currentLanguage, onLanguageChange, t, translated } from '../i18n/app-language.ts';
import { formatNumber } from '../i18n/format-number.ts';
import { appService } from '../analysis/app-catalog.ts';
import { RADIUS_MAX_METRES, RADIUS_MIN_METRES } from '../../core/limits.ts';
import { METRICS } from '../analysis/township-metrics.ts';
import { CLASSIFICATION_METHODS, PALETTE_IDS } from '../map/classify-values.ts';
import type { AnalysisSettings } from '../session/session-state.ts';
import type { FacilityTypeSummary } from '../../../workers/protocol.ts';
import type { MessageKey } from '../../core/i18n/messages.ts';
import type { Reach } from '../../core/coverage/coverage-types.ts';
import { formatRoadNetworkReport, type ModeAccessReport, type RoadNetworkReport } from '../../core/network/describe-road-network.ts';

export function serviceLabel(type: string): string {
  return appService(type).name[currentLanguage()];
}

export class AnalysisPanel {
  readonly element: HTMLElement;
  private readonly service = createElement('select', { attributes: { id: 'service-select' } });
  private readonly slider = createElement('input', {
    attributes: { id: 'radius-slider', type: 'range', min: RADIUS_MIN_METRES, max: RADIUS_MAX_METRES, step: 50 },
  });
  private readonly radiusInput = createElement('input', {
    attributes: { id: 'radius-input', type: 'number', min: RADIUS_MIN_METRES, max: RADIUS_MAX_METRES, step: 50, inputmode: 'numeric' },
  });
  private readonly radiusOutput = createElement('output', { attributes: { id: 'radius-output', for: 'radius-slider' } });
  private readonly radiusNote = createElement('p', { className: 'hint', attributes: { id: 'radius-note' } });
  private readonly metric = createElement('select', { attributes: { id: 'metric-select' } });
  private readonly classification = createElement('select', { attributes: { id: 'classification-select' } });
  private readonly palette = createElement('select', { attributes: { id: 'palette-select' } });
  private readonly travel = new TravelTimeControls((reach) => this.setReach(reach));
  private readonly travelNote = createElement('p', { className: 'hint', attributes: { id: 'travel-note' } });
  private readonly networkReport = createElement('div', { className: 'hint network-report', attributes: { id: 'network-report' } });
  private network: { report: RoadNetworkReport; access: ModeAccessReport } | null = null;
  private reachTime!: HTMLInputElement;
  private reachDistance!: HTMLInputElement;
  private types: FacilityTypeSummary[] = [];
  private settings: AnalysisSettings;

  constructor(settings: AnalysisSettings, private readonly onChange: (change: Partial<AnalysisSettings>) => void) {
    this.settings = { ...settings };
    const label = (forId: string, key: MessageKey) => translated(createElement('label', { attributes: { for: forId } }), key);
    const travelTime = createElement('input', { attributes: { type: 'radio', name: 'reach-kind', id: 'reach-time' } });
    const distance = createElement('input', { attributes: { type: 'radio', name: 'reach-kind', id: 'reach-distance', checked: true } });
    this.reachTime = travelTime;
    this.reachDistance = distance;
    this.element = createElement('section', { className: 'panel', attributes: { 'aria-labelledby': 'analysis-heading' } }, [
      translated(createElement('h2', { attributes: { id: 'analysis-heading' } }), 'analysis.heading'),
      createElement('div', { className: 'field' }, [label('service-select', 'analysis.service'), this.service]),
      createElement('fieldset', { className: 'field reach' }, [
        translated(createElement('legend'), 'analysis.reach'),
        createElement('div', { className: 'radio-row' }, [
          createElement('label', {}, [distance, translated(createElement('span'), 'analysis.reach-distance')]),
          createElement('label', {}, [travelTime, translated(createElement('span'), 'analysis.reach-time')]),
        ]),
        this.travel.element,
        this.travelNote,
        this.networkReport,
        createElement('div', { className: 'radius-row' }, [
          label('radius-slider', 'analysis.radius'),
          this.radiusOutput,
        ]),
        this.slider,
        createElement('div', { className: 'radius-row' }, [label('radius-input', 'analysis.radius-exact'), this.radiusInput]),
        this.radiusNote,
      ]),
      createElement('div', { className: 'field' }, [label('metric-select', 'analysis.metric'), this.metric]),
      createElement('div', { className: 'field stacked' }, [
        createElement('div', {}, [label('classification-select', 'analysis.classification'), this.classification]),
        createElement('div', {}, [label('palette-select', 'analysis.palette'), this.palette]),
      ]),
    ]);
    this.service.addEventListener('change', () => this.onChange({ service: this.service.value }));
    travelTime.addEventListener('change', () => this.setReach(this.travel.value()));
    distance.addEventListener('change', () => this.setRadius(Number(this.radiusInput.value)));
    this.slider.addEventListener('input', () => this.setRadius(Number(this.slider.value)));
    this.radiusInput.addEventListener('change', () => this.setRadius(Number(this.radiusInput.value)));
    this.metric.addEventListener('change', () => this.onChange({ metric: this.metric.value as AnalysisSettings['metric'] }));
    this.classification.addEventListener('change', () =>
      this.onChange({ classification: this.classification.value as AnalysisSettings['classification'] }),
    );
    this.palette.addEventListener('change', () => this.onChange({ palette: this.palette.value as AnalysisSettings['palette'] }));
    onLanguageChange(() => {
      this.render();
      this.renderNetworkReport();
    });
    this.render();
  }

  private setReach(reach: Reach): void {
    this.settings.reach = reach;
    this.renderRadius();
    this.onChange({ reach });
  }

  private setRadius(value: number): void {
    if (!Number.isFinite(value)) return;
    const metres = Math.min(RADIUS_MAX_METRES, Math.max(RADIUS_MIN_METRES, Math.round(value)));
    this.settings.reach = { kind: 'distance', metres };
    this.renderRadius();
    this.onChange({ reach: this.settings.reach });
  }

  /** The road network report of the last travel-time analysis (null: a distance reach, hidden). */
  showNetworkReport(network: { report: RoadNetworkReport; access: ModeAccessReport } | null): void {
    this.network = network;
    this.renderNetworkReport();
  }

  private renderNetworkReport(): void {
    this.networkReport.hidden = this.network === null || this.settings.reach.kind !== 'travel-time';
    // text nodes only: file names in the report are data, never HTML
    const lines = this.network ? formatRoadNetworkReport(this.network.report, [this.network.access], currentLanguage()) : [];
    this.networkReport.replaceChildren(...lines.map((line) => createElement('p', { text: line })));
  }

  setTypes(types: FacilityTypeSummary[]): void {
    this.types = types;
    this.render();
  }

  update(settings: AnalysisSettings): void {
    this.settings = { ...settings };
    this.render();
  }

  private renderRadius(): void {
    const reach = this.settings.reach;
    const isTime = reach.kind === 'travel-time';
    this.reachTime.checked = isTime;
    this.reachDistance.checked = !isTime;
    this.travel.element.hidden = !isTime;
    this.travelNote.hidden = !isTime;
    this.travelNote.textContent = t('analysis.travel-note');
    if (isTime) this.travel.render(reach);
    // the radius controls belong to a straight-line reach: hidden while a travel time is chosen
    for (const element of [this.slider, this.radiusInput.parentElement, this.radiusOutput.parentElement, this.radiusNote]) if (element) element.hidden = isTime;
    const metres = reach.kind === 'distance' ? reach.metres : RADIUS_MIN_METRES;
    this.slider.value = String(metres);
    this.radiusInput.value = String(metres);
    this.radiusOutput.textContent = `${formatNumber(metres)} ${t('unit.metres')}`;
    const definition = appService(this.settings.service);
    this.radiusNote.textContent = definition.radiusField ? t('analysis.radius-field-note', { field: definition.radiusField }) : '';
  }

  private render(): void {
    const options = (select: HTMLSelectElement, entries: [string, string][], value: string) => {
      select.replaceChildren(...entries.map(([id, text]) => createElement('option', { text, attributes: { value: id } })));
      select.value = value;
    };
    options(
      this.service,
      this.types.map((type) => [type.type, `${serviceLabel(type.type)} (${formatNumber(type.count)})`]),
      this.settings.service,
    );
    options(this.metric, METRICS.filter((metric) => metric.colourable).map((metric) => [metric.id, t(metric.label)]), this.settings.metric);
    options(this.classification, CLASSIFICATION_METHODS.map((method) => [method, t(`classification.${method}`)]), this.settings.classification);
    options(this.palette, PALETTE_IDS.map((palette) => [palette, t(`palette.${palette}`)]), this.settings.palette);
    this.renderRadius();
  }
}
