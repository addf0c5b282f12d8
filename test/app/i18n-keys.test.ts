// Every key the UI source uses exists in the translation table, in both languages; keys built
// from enumerations (services, metrics, layers, rule kinds…) exist for every member.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/core/i18n/messages.ts';
import { translate } from '../../src/core/i18n/translate.ts';
import { BUILT_IN_SERVICES } from '../../src/core/analysis/service-catalog.ts';
import { METRICS } from '../../src/app/analysis/township-metrics.ts';
import { CLASSIFICATION_METHODS, PALETTE_IDS } from '../../src/app/map/classify-values.ts';
import { LAYER_GROUPS } from '../../src/app/map/map-style.ts';
import { RULE_KINDS } from '../../src/core/rules/rule-types.ts';
import { MAP_CONTROL_KEYS, mapControlLocale } from '../../src/app/map/map-control-locale.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|html)$/.test(name) ? [path] : [];
  });
}

const files = [...sourceFiles(join(ROOT, 'src', 'app')), join(ROOT, 'index.html')];
const namespaces = new Set(Object.keys(MESSAGES).map((key) => key.split('.')[0]));

/** Literal keys: t('…'), translated(…, '…'), data-i18n*="…", and any quoted 'namespace.name' string. */
function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  const patterns = [/\bt\(\s*'([^']+)'/g, /translated\([^)]*?,\s*'([^']+)'\)/g, /data-i18n(?:-[a-z]+)?="([^"]+)"/g, /'([a-z][a-z0-9-]*\.[a-z0-9-]+)'/g];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const key = match[1];
        if (/\.(ts|css|json|geojson|png|svg|html)$/.test(key)) continue;
        if (pattern.source.startsWith("'") && !namespaces.has(key.split('.')[0])) continue;
        used.set(key, file.slice(ROOT.length + 1));
      }
    }
  }
  return used;
}

describe('translation table', () => {
  it('has every key the UI uses', () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter(([key]) => !(key in MESSAGES)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('has keys for every member of the enumerations the UI labels', () => {
    const keys = [
      ...BUILT_IN_SERVICES.map((service) => `service.${service.type}`),
      ...METRICS.map((metric) => metric.label),
      ...CLASSIFICATION_METHODS.map((method) => `classification.${method}`),
      ...PALETTE_IDS.map((palette) => `palette.${palette}`),
      ...LAYER_GROUPS.map((group) => `layer.${group.id}`),
      ...RULE_KINDS.map((kind) => `rule-kind.${kind}`),
      ...['percent', 'count', 'per-1000'].map((unit) => `target-unit.${unit}`),
    ];
    expect(keys.filter((key) => !(key in MESSAGES))).toEqual([]);
  });

  it('has both languages for every key, and English without Chinese', () => {
    for (const [key, entry] of Object.entries(MESSAGES) as [string, { zh: string; en: string }][]) {
      expect(entry.zh.trim(), key).not.toBe('');
      expect(entry.en.trim(), key).not.toBe('');
      if (key !== 'header.language-switch') expect(/[\u3400-\u9fff]/.test(entry.en), key).toBe(false);
    }
  });

  it('gives MapLibre\'s control texts in each language: no English words left in the Chinese ones', () => {
    const zh = mapControlLocale('zh');
    const en = mapControlLocale('en');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(MAP_CONTROL_KEYS).sort());
    for (const [key, text] of Object.entries(zh)) expect(/[A-Za-z]/.test(text), `${key}: ${text}`).toBe(false);
    for (const [key, text] of Object.entries(en)) expect(/[\u3400-\u9fff]/.test(text), `${key}: ${text}`).toBe(false);
  });

  it('fills placeholders and keeps unknown ones', () => {
    expect(translate('en', 'table.row-count', { shown: 3, total: 76 })).toBe('Showing 3 of 76');
    expect(translate('zh', 'table.row-count', { shown: 3 })).toBe('显示 3 / {total}');
  });
});
