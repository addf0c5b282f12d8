// One line of status under the header: errors (worker crash, failed import) with an optional
// action such as "retry", and short notices.
import { createElement } from '../dom/create-element.ts';
import { t } from '../i18n/app-language.ts';

export class StatusBanner {
  constructor(private readonly element: HTMLElement) {}

  show(kind: 'info' | 'error', message: string, action?: { label: string; run: () => void }): void {
    this.element.hidden = false;
    this.element.className = `status-banner ${kind}`;
    this.element.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    const dismiss = createElement('button', { className: 'button small subtle', text: '×', attributes: { type: 'button', 'aria-label': t('status.dismiss') } });
    dismiss.addEventListener('click', () => this.hide());
    let actionButton: HTMLButtonElement | null = null;
    if (action) {
      actionButton = createElement('button', { className: 'button small primary', text: action.label, attributes: { type: 'button', id: 'status-action' } });
      actionButton.addEventListener('click', action.run);
    }
    this.element.replaceChildren(createElement('span', { className: 'status-text', text: message }), actionButton ?? '', dismiss);
  }

  hide(): void {
    this.element.hidden = true;
    this.element.replaceChildren();
  }
}
