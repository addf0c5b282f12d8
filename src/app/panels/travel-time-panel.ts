// The travel-time panel, shown while the reach is a travel time: the unreachable people (counted;
// drawn in purple on the map), the catchment layer switch, the 2SFCA distance-decay option, the
// isochrones of the facility last clicked on the map, and the speed-table editor. Renders what it
// is given; the travel-time controller decides.
import type { MessageKey } from '../../core/i18n/messages.ts';
import { createElement } from '../dom/create-element.ts';
import { onLanguageChange, t, translated } from '../i18n/app-language.ts';
import { formatNumber } from '../i18n/format-number.ts';
import { SpeedTableEditor, type SpeedEdit } from './speed-table-editor.ts';

export interface TravelTimePanelEvents {
  onCatchments(on: boolean): void;
  onDecay(on: boolean): void;
  onClearFacility(): void;
  onSpeeds(speeds: SpeedEdit | null): void;
}

export interface UnreachableFigures {
  people: number;
  cells: number;
  maxSnapMetres: number;
}

export interface FacilityBands {
  name: string;
  mode: string;
  bands: { minutes: number; areaKm2: number }[];
}

export class TravelTimePanel {
  readonly element: HTMLElement;
  readonly speeds: SpeedTableEditor;
  private readonly unreachable = createElement('p', { className: 'hint', attributes: { id: 'travel-unreachable' } });
  private readonly catchments = createElement('input', { attributes: { type: 'checkbox', id: 'travel-catchments' } });
  private readonly catchmentNote = createElement('p', { className: 'hint', attributes: { id: 'travel-catchments-note' } });
  private readonly decay = createElement('input', { attributes: { type: 'checkbox', id: 'travel-decay' } });
  private readonly facility = createElement('p', { className: 'hint', attributes: { id: 'travel-facility' } });
  private readonly clear = createElement('button', { className: 'button small subtle', attributes: { type: 'button', id: 'travel-facility-clear' } });
  private readonly status = createElement('p', { className: 'hint', attributes: { id: 'travel-status', role: 'status' } });
  private figures: UnreachableFigures | null = null;
  private bands: FacilityBands | null = null;
  private catchmentCount: number | null = null;
  private statusKey: MessageKey | null = null;

  constructor(events: TravelTimePanelEvents) {
    this.speeds = new SpeedTableEditor({ onApply: (speeds) => events.onSpeeds(speeds) });
    this.element = createElement('section', { className: 'panel', attributes: { id: 'travel-panel', 'aria-labelledby': 'travel-heading', hidden: true } }, [
      translated(createElement('h2', { attributes: { id: 'travel-heading' } }), 'travel.heading'),
      this.unreachable,
      createElement('label', { className: 'check-row' }, [this.catchments, translated(createElement('span'), 'travel.catchments')]),
      this.catchmentNote,
      createElement('label', { className: 'check-row' }, [this.decay, translated(createElement('span'), 'travel.decay')]),
      this.facility,
      this.clear,
      this.speeds.element,
      this.status,
    ]);
    this.catchments.addEventListener('change', () => events.onCatchments(this.catchments.checked));
    this.decay.addEventListener('change', () => events.onDecay(this.decay.checked));
    this.clear.addEventListener('click', () => events.onClearFacility());
    onLanguageChange(() => this.render());
    this.render();
  }

  /** Shown for a travel-time reach, with its decay setting. */
  setVisible(visible: boolean, decay: boolean): void {
    this.element.hidden = !visible;
    this.decay.checked = decay;
  }

  showUnreachable(figures: UnreachableFigures | null): void {
    this.figures = figures;
    this.render();
  }

  showCatchments(count: number | null): void {
    this.catchmentCount = count;
    this.render();
  }

  showFacility(bands: FacilityBands | null): void {
    this.bands = bands;
    this.render();
  }

  showStatus(key: MessageKey | null, error?: string): void {
    this.statusKey = key;
    this.status.textContent = error ?? (key ? t(key) : '');
  }

  private render(): void {
    const figures = this.figures;
    this.unreachable.textContent = !figures
      ? ''
      : figures.people > 0
        ? t('travel.unreachable', { people: formatNumber(figures.people), cells: formatNumber(figures.cells), metres: formatNumber(figures.maxSnapMetres) })
        : t('travel.unreachable-none');
    this.catchmentNote.textContent = this.catchmentCount === null ? '' : t('travel.catchments-count', { count: formatNumber(this.catchmentCount) });
    const bands = this.bands;
    if (bands) {
      const area = (minutes: number) => formatNumber(bands.bands.find((band) => band.minutes === minutes)?.areaKm2 ?? 0, 2);
      this.facility.textContent = t('travel.facility-isochrones', { name: bands.name, a5: area(5), a10: area(10), a15: area(15), mode: t(`travel-mode.${bands.mode}` as MessageKey) });
    } else this.facility.textContent = t('travel.facility-hint');
    this.clear.textContent = t('travel.facility-clear');
    this.clear.hidden = !bands;
    if (this.statusKey) this.status.textContent = t(this.statusKey);
  }
}
