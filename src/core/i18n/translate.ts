// Translation: every visible string of the app goes through `translate` with a key of MESSAGES.
// Pure (no DOM): the app keeps the current language and passes it in.
import { MESSAGES, type MessageKey } from './messages.ts';

export type Language = 'zh' | 'en';

export type MessageParams = Record<string, string | number>;

/** Looks a key up and fills `{name}` placeholders; an unknown key comes back as itself. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const entry = MESSAGES[key] as { zh: string; en: string } | undefined;
  const text = entry ? entry[language] : key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(MESSAGES, key);
}

/** A parameter that is itself bilingual (a service's name, a group's name) fills each language with its own side. */
export type BilingualParams = Record<string, string | number | { zh: string; en: string }>;

/** Both languages of a key at once, for results that carry { zh, en } (rule sentences, table notes, CLI output). */
export function translateBoth(key: MessageKey, params?: BilingualParams): { zh: string; en: string } {
  const side = (language: Language): MessageParams | undefined =>
    params && Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'object' ? value[language] : value]));
  return { zh: translate('zh', key, side('zh')), en: translate('en', key, side('en')) };
}
