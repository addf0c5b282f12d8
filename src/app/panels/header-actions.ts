// Header buttons: language, import, session file save/load, new session, settings.
import { createElement } from '../dom/create-element.ts';
import { onLanguageChange, t } from '../i18n/app-language.ts';
import type { MessageKey } from '../../core/i18n/messages.ts';

export interface HeaderCallbacks {
  onToggleLanguage(): void;
  onImport(): void;
  onSaveSession(): void;
  onLoadSession(file: File): void;
  onNewSession(): void;
  onNewEmptyProject(): void;
  onSettings(): void;
  onExportPng(): void;
}

export function mountHeaderActions(host: HTMLElement, callbacks: HeaderCallbacks): void {
  const button = (id: string, key: MessageKey, titleKey: MessageKey | null, onClick: () => void) => {
    const element = createElement('button', { className: 'button header-button', attributes: { type: 'button', id }, dataset: { i18n: key } });
    element.textContent = t(key);
    if (titleKey) {
      element.dataset.i18nTitle = titleKey;
      element.title = t(titleKey);
    }
    element.addEventListener('click', onClick);
    return element;
  };
  const fileInput = createElement('input', { attributes: { type: 'file', accept: '.json,application/json', hidden: true, id: 'session-file-input', 'aria-hidden': 'true', tabindex: -1 } });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) callbacks.onLoadSession(file);
    fileInput.value = '';
  });
  const language = createElement('button', { className: 'button header-button language', attributes: { type: 'button', id: 'language-toggle' } });
  const renderLanguage = () => {
    language.textContent = t('header.language-switch');
    language.setAttribute('aria-label', t('header.language-label'));
  };
  language.addEventListener('click', () => callbacks.onToggleLanguage());
  onLanguageChange(renderLanguage);
  renderLanguage();
  host.replaceChildren(
    button('import-button', 'header.import', 'header.import-title', callbacks.onImport),
    button('export-png', 'header.export-png', null, callbacks.onExportPng),
    button('save-session', 'header.save-session', 'header.save-session-title', callbacks.onSaveSession),
    button('load-session', 'header.load-session', 'header.load-session-title', () => fileInput.click()),
    button('new-session', 'header.new-session', null, callbacks.onNewSession),
    button('new-empty-project', 'header.new-empty-project', 'header.new-empty-project-title', callbacks.onNewEmptyProject),
    button('settings-button', 'header.settings', null, callbacks.onSettings),
    language,
    fileInput,
  );
}
