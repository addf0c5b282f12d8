// The speed tables, editable: km/h per road class (rows) and mode (columns), and the off-road walk
// of each mode. Every value is checked as it is typed (0–200 km/h, 0 = the mode may not use the
// class; the off-road walk above 0) with a bilingual message naming the cell, and only a table
// with no error can be applied. The worker checks what it is sent again (parseSpeedTables).
import { ROAD_CLASSES, type RoadClassId } from '../../core/network/road-classes.ts';
import { TRAVEL_MODES, type ModeSpeeds, type TravelMode } from '../../core/network/travel-modes.ts';
import type { MessageKey } from '../../core/i18n/messages.ts';
import { createElement } from '../dom/create-element.ts';
import { currentLanguage, onLanguageChange, t } from '../i18n/app-language.ts';
import { formatNumber } from '../i18n/format-number.ts';

export type SpeedTables = Record<TravelMode, ModeSpeeds>;

/** The edit as parseSpeedTables reads it: road speeds and the off-road walk of every mode. */
export type SpeedEdit = Record<TravelMode, { roads: Partial<Record<RoadClassId, number>>; offRoad: number }>;

export interface SpeedTableEvents {
  onApply(speeds: SpeedEdit | null): void;
}

const OFF_ROAD = 'off-road';
const SPEED_MAX = 200;

/** A typed speed, or null when it is not one (empty, text, out of range). */
function readSpeedInput(text: string, offRoad: boolean): number | null {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  if (value > SPEED_MAX || (offRoad && value <= 0)) return null;
  return value;
}

export class SpeedTableEditor {
  readonly element: HTMLDetailsElement;
  private readonly summary = createElement('summary');
  private readonly table = createElement('table', { className: 'speed-table', attributes: { id: 'speed-table' } });
  private readonly errors = createElement('ul', { className: 'speed-errors', attributes: { id: 'speed-errors', role: 'alert' } });
  private readonly apply = createElement('button', { className: 'button small', attributes: { type: 'button', id: 'speed-apply' } });
  private readonly reset = createElement('button', { className: 'button small subtle', attributes: { type: 'button', id: 'speed-reset' } });
  private readonly inputs = new Map<string, HTMLInputElement>();
  private speeds: SpeedTables | null = null;

  constructor(private readonly events: SpeedTableEvents) {
    this.element = createElement('details', { className: 'speed-editor', attributes: { id: 'speed-editor' } }, [
      this.summary,
      createElement('div', { className: 'detail-scroll' }, [this.table]),
      this.errors,
      createElement('div', { className: 'button-row' }, [this.apply, this.reset]),
    ]);
    this.apply.addEventListener('click', () => {
      const edit = this.read();
      if (edit) this.events.onApply(edit);
    });
    this.reset.addEventListener('click', () => this.events.onApply(null));
    onLanguageChange(() => this.render());
    this.render();
  }

  /** The tables in use (null: no road network, the editor is hidden). */
  show(speeds: SpeedTables | null): void {
    this.speeds = speeds;
    this.element.hidden = speeds === null;
    this.render();
  }

  private key(mode: TravelMode, road: string): string {
    return `${mode}|${road}`;
  }

  private render(): void {
    const language = currentLanguage();
    this.summary.textContent = t('travel.speeds');
    this.apply.textContent = t('travel.speeds-apply');
    this.reset.textContent = t('travel.speeds-reset');
    const speeds = this.speeds;
    if (!speeds) {
      this.table.replaceChildren();
      return;
    }
    this.inputs.clear();
    const cell = (mode: TravelMode, road: string, value: number, label: string) => {
      const input = createElement('input', {
        attributes: { type: 'text', inputmode: 'decimal', size: 4, value: formatSpeed(value), 'aria-label': `${t(`travel-mode.${mode}` as MessageKey)} · ${label}`, 'data-mode': mode, 'data-road': road },
      });
      input.addEventListener('input', () => this.read());
      this.inputs.set(this.key(mode, road), input);
      return createElement('td', {}, [input]);
    };
    const head = createElement('tr', {}, [
      createElement('th', { attributes: { scope: 'col' }, text: t('travel.speeds-road-class') }),
      ...TRAVEL_MODES.map((mode) => createElement('th', { attributes: { scope: 'col' }, text: t(`travel-mode.${mode}` as MessageKey) })),
    ]);
    const rows = ROAD_CLASSES.map((roadClass) => {
      const label = roadClass[language];
      return createElement('tr', {}, [createElement('th', { attributes: { scope: 'row' }, text: label }), ...TRAVEL_MODES.map((mode) => cell(mode, roadClass.id, speeds[mode].roads[roadClass.id], label))]);
    });
    const offLabel = t('travel.speeds-off-road');
    rows.push(createElement('tr', {}, [createElement('th', { attributes: { scope: 'row' }, text: offLabel }), ...TRAVEL_MODES.map((mode) => cell(mode, OFF_ROAD, speeds[mode].offRoad, offLabel))]));
    this.table.replaceChildren(createElement('thead', {}, [head]), createElement('tbody', {}, rows));
    this.read();
  }

  /** The typed tables, or null with every bad cell marked and listed. */
  private read(): SpeedEdit | null {
    const language = currentLanguage();
    const messages: string[] = [];
    const edit = Object.fromEntries(TRAVEL_MODES.map((mode) => [mode, { roads: {}, offRoad: 0 }])) as SpeedEdit;
    for (const mode of TRAVEL_MODES) {
      const modeName = t(`travel-mode.${mode}` as MessageKey);
      for (const roadClass of ROAD_CLASSES) {
        const input = this.inputs.get(this.key(mode, roadClass.id));
        if (!input) continue;
        const value = readSpeedInput(input.value, false);
        input.setAttribute('aria-invalid', String(value === null));
        if (value === null) messages.push(t('travel.speeds-invalid', { mode: modeName, road: roadClass[language] }));
        else edit[mode].roads[roadClass.id] = value;
      }
      const off = this.inputs.get(this.key(mode, OFF_ROAD));
      if (!off) continue;
      const value = readSpeedInput(off.value, true);
      off.setAttribute('aria-invalid', String(value === null));
      if (value === null) messages.push(t('travel.speeds-off-road-invalid', { mode: modeName }));
      else edit[mode].offRoad = value;
    }
    // text only: the messages quote no data, but they are never HTML either
    this.errors.replaceChildren(...messages.map((message) => createElement('li', { text: message })));
    this.apply.disabled = messages.length > 0;
    return messages.length > 0 ? null : edit;
  }
}

function formatSpeed(value: number): string {
  // plain digits (no grouping), so what is shown reads back as the same number
  return Number.isInteger(value) ? String(value) : formatNumber(value, 1).replace(/,/g, '');
}
