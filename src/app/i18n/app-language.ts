// The app's current language. Static chrome carries data-i18n* attributes and is re-translated on
// a switch; components that render dynamic text subscribe and re-render.
import { isMessageKey, translate, type Language, type MessageParams } from '../../core/i18n/translate.ts';
import type { MessageKey } from '../../core/i18n/messages.ts';

let current: Language = 'zh';
const listeners = new Set<(language: Language) => void>();

export function currentLanguage(): Language {
  return current;
}

export function t(key: MessageKey, params?: MessageParams): string {
  return translate(current, key, params);
}

export function onLanguageChange(listener: (language: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setLanguage(language: Language, root: ParentNode = document): void {
  current = language;
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  translateStaticText(root);
  for (const listener of listeners) listener(language);
}

/** Fills text and attributes of elements marked with data-i18n, data-i18n-label, data-i18n-title, data-i18n-placeholder. */
export function translateStaticText(root: ParentNode = document): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n as MessageKey);
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nLabel as MessageKey));
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) {
    element.title = t(element.dataset.i18nTitle as MessageKey);
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n-placeholder]')) {
    element.setAttribute('placeholder', t(element.dataset.i18nPlaceholder as MessageKey));
  }
}

/** Marks an element's text as the translation of `key` (kept in sync on language switches). */
export function translated<E extends HTMLElement>(element: E, key: MessageKey): E {
  element.dataset.i18n = key;
  element.textContent = t(key);
  return element;
}

/** Translates a key built from data (e.g. a place kind); data the table does not know shows as itself. */
export function translateOr(key: string, fallback: string): string {
  return isMessageKey(key) ? t(key) : fallback;
}
