// The travel-time half of the reach control: a mode (walking, elderly walking, e-bike, driving)
// and minutes, shown when "出行时间" is chosen; the panel turns them into a travel-time reach.
import type { Reach } from '../../core/coverage/coverage-types.ts';
import { TRAVEL_MODES, parseTravelMode, type TravelMode } from '../../core/network/travel-modes.ts';
import type { MessageKey } from '../../core/i18n/messages.ts';
import { createElement } from '../dom/create-element.ts';
import { t } from '../i18n/app-language.ts';

export const TRAVEL_MINUTES_MIN = 1;
export const TRAVEL_MINUTES_MAX = 120;

export class TravelTimeControls {
  readonly mode = createElement('select', { attributes: { id: 'travel-mode-select' } });
  readonly minutes = createElement('input', { attributes: { id: 'travel-minutes-input', type: 'number', min: TRAVEL_MINUTES_MIN, max: TRAVEL_MINUTES_MAX, step: 1, inputmode: 'numeric' } });
  readonly element: HTMLElement;

  constructor(private readonly onChange: (reach: Extract<Reach, { kind: 'travel-time' }>) => void) {
    const label = (forId: string, key: MessageKey) => createElement('label', { text: t(key), attributes: { for: forId } });
    this.element = createElement('div', { className: 'travel-time-row', attributes: { id: 'travel-time-controls' } }, [
      label('travel-mode-select', 'analysis.travel-mode'),
      this.mode,
      label('travel-minutes-input', 'analysis.travel-minutes'),
      this.minutes,
    ]);
    this.mode.addEventListener('change', () => this.onChange(this.value()));
    this.minutes.addEventListener('change', () => this.onChange(this.value()));
    this.render({ kind: 'travel-time', minutes: 15, mode: 'walk' });
  }

  /** The reach the controls show (minutes clamped to the allowed range). */
  value(): Extract<Reach, { kind: 'travel-time' }> {
    const minutes = Math.min(TRAVEL_MINUTES_MAX, Math.max(TRAVEL_MINUTES_MIN, Math.round(Number(this.minutes.value) || 15)));
    return { kind: 'travel-time', minutes, mode: parseTravelMode(this.mode.value) ?? 'walk', ...(this.decay ? { decay: this.decay } : {}) };
  }

  /** The 2SFCA decay of the reach shown (the travel-time panel sets it): kept when the mode or minutes change. */
  private decay: Extract<Reach, { kind: 'travel-time' }>['decay'];

  render(reach: Extract<Reach, { kind: 'travel-time' }>): void {
    const mode: TravelMode = parseTravelMode(reach.mode) ?? 'walk';
    this.decay = reach.decay;
    this.mode.replaceChildren(...TRAVEL_MODES.map((id) => createElement('option', { text: t(`travel-mode.${id}` as MessageKey), attributes: { value: id } })));
    this.mode.value = mode;
    this.minutes.value = String(reach.minutes);
    const labels = this.element.querySelectorAll('label');
    labels[0].textContent = t('analysis.travel-mode');
    labels[1].textContent = t('analysis.travel-minutes');
  }
}
