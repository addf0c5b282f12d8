// Progress bar with a cancel button for worker computations. It holds the message key, not the
// text, so a language switch while it shows re-labels it.
import type { MessageKey } from '../../core/i18n/messages.ts';
import { onLanguageChange, t } from '../i18n/app-language.ts';

export class ProgressIndicator {
  private readonly fill: HTMLElement;
  private readonly label: HTMLElement;
  private shown: { key: MessageKey; fraction: number; stage?: string } | null = null;

  constructor(private readonly element: HTMLElement, onCancel: () => void) {
    this.fill = element.querySelector('#progress-fill')!;
    this.label = element.querySelector('#progress-label')!;
    element.setAttribute('role', 'progressbar');
    element.setAttribute('aria-valuemin', '0');
    element.setAttribute('aria-valuemax', '100');
    element.querySelector('#progress-cancel')!.addEventListener('click', onCancel);
    onLanguageChange(() => {
      if (this.shown) this.show(this.shown.key, this.shown.fraction, this.shown.stage);
    });
  }

  show(key: MessageKey, fraction: number, stage?: string): void {
    this.shown = { key, fraction, stage };
    const text = t(key);
    const percent = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
    this.element.hidden = false;
    this.element.setAttribute('aria-valuenow', String(percent));
    this.element.setAttribute('aria-label', text);
    this.fill.style.width = `${percent}%`;
    this.label.textContent = stage ? `${text} ${percent}%` : text;
    this.label.title = stage ?? '';
  }

  hide(): void {
    this.shown = null;
    this.element.hidden = true;
    this.label.textContent = t('progress.done');
  }
}
