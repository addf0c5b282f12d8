// Sessions are checked completely before anything is replaced: each finding of issue 10 (§1, §8)
// as a crafted session, plus a seeded fuzz over mutations of a valid session file — the check
// always answers with a value, and what it accepts is a session the app can start from.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '../../src/core/rules/default-rules.ts';
import { defaultSession, type SessionState } from '../../src/app/session/session-state.ts';
import { validateSession } from '../../src/app/session/validate-session.ts';
import { validateBasemapUrl } from '../../src/app/map/validate-basemap-url.ts';
import { createRandom, type Random } from '../../scripts/demo/seeded-random.ts';

const fallback = defaultSession(DEFAULT_RULE_SET.rules, DEFAULT_RULE_SET.id);
const square = { type: 'Polygon', coordinates: [[[102.5, 24.3], [102.6, 24.3], [102.6, 24.4], [102.5, 24.4], [102.5, 24.3]]] };

/** A valid session file as the app writes it, with an inline layer and a stored one. */
function validFile(): Record<string, unknown> {
  return {
    app: 'gapmap',
    ...structuredClone(fallback),
    analysis: { ...fallback.analysis, reach: { kind: 'distance', metres: 1500 } },
    reachByService: { nursery: { kind: 'distance', metres: 800 } },
    imports: [
      { name: 'towns.geojson', role: 'boundaries', mapping: { nameField: 'name', codeField: 'code', level: 'township' }, layer: { fileName: 'towns.geojson', fields: [{ name: 'name', numeric: false }, { name: 'code', numeric: false }], features: [{ type: 'Feature', geometry: square, properties: { name: '甲镇', code: '1' } }] } },
      { name: 'big.csv', role: 'facilities', mapping: { type: 'nursery' }, storeKey: 'gapmap-import:m1abc-x9y8z7' },
    ],
    selectedTownship: '1',
  };
}

const problemPaths = (check: ReturnType<typeof validateSession>) => (check.ok ? [] : check.problems.map((problem) => problem.path));

describe('validateSession: the findings of issue 10', () => {
  it('accepts a valid session into a new object with only known fields', () => {
    const file = { ...validFile(), extra: 'dropped' };
    const check = validateSession(file, fallback, 'storage');
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.value).not.toBe(file);
    expect('extra' in check.value).toBe(false);
    expect(check.value.imports).toHaveLength(2);
    expect(check.value.analysis.reach).toEqual({ kind: 'distance', metres: 1500 });
  });

  it.each([
    ['language "xx" (crashed before the header)', { language: 'xx' }, 'language'],
    ['basemapUrl http://%zz/{z}', { basemapUrl: 'http://%zz/{z}' }, 'basemapUrl'],
    ['layers.basemap null', { layers: { ...fallback.layers, basemap: null } }, 'layers.basemap'],
    ['storeKey "gapmap-session"', { imports: [{ role: 'facilities', mapping: {}, storeKey: 'gapmap-session' }] }, 'imports[0].storeKey'],
    ['200,000 rules', { rules: Array.from({ length: 200_000 }, () => DEFAULT_RULE_SET.rules[0]) }, 'rules'],
    ['radius 1e9', { analysis: { ...fallback.analysis, reach: { kind: 'distance', metres: 1e9 } } }, 'analysis.reach.metres'],
    ['radius -5 (legacy metres)', { analysis: { service: 'nursery', metres: -5 } }, 'analysis.reach.metres'],
    ['a rule the rule editor refuses', { rules: [{ ...DEFAULT_RULE_SET.rules[0], kind: 'no-such-kind' }] }, 'rules[0]'],
    ['a feature of an inline layer that is not a Feature', { imports: [{ role: 'boundaries', mapping: {}, layer: { fileName: 'x', fields: [], features: [{ type: 'Point' , coordinates: 'x' }] } }] }, 'imports[0].layer.features[0]'],
  ])('refuses %s, naming the field', (_name, change, path) => {
    const check = validateSession({ ...validFile(), ...change }, fallback, 'storage');
    expect(check.ok).toBe(false);
    expect(problemPaths(check)).toContain(path);
    if (!check.ok) for (const problem of check.problems) expect(problem.message.zh && problem.message.en).toBeTruthy();
  });

  it('keeps the layer list\'s facts of an import (count, CRS, extent) and refuses bad ones, naming the field', () => {
    const withFacts = (facts: Record<string, unknown>) => {
      const file = validFile();
      Object.assign((file.imports as Record<string, unknown>[])[1], facts);
      return validateSession(file, fallback, 'storage');
    };
    const good = withFacts({ featureCount: 30_000, crs: 'EPSG:4490 CGCS2000', extent: [102.1, 23.9, 102.9, 24.6] });
    expect(good.ok).toBe(true);
    if (good.ok) expect(good.value.imports[1]).toMatchObject({ featureCount: 30_000, crs: 'EPSG:4490 CGCS2000', extent: [102.1, 23.9, 102.9, 24.6] });
    expect(problemPaths(withFacts({ featureCount: -1 }))).toContain('imports[1].featureCount');
    expect(problemPaths(withFacts({ featureCount: 1.5 }))).toContain('imports[1].featureCount');
    expect(problemPaths(withFacts({ crs: 'x'.repeat(600) }))).toContain('imports[1].crs');
    expect(problemPaths(withFacts({ extent: [103, 24, 102, 25] }))).toContain('imports[1].extent');
    expect(problemPaths(withFacts({ extent: [500000, 2600000, 510000, 2610000] }))).toContain('imports[1].extent');
    expect(problemPaths(withFacts({ extent: [102, 24, 'x', 25] }))).toContain('imports[1].extent');
    const kept = withFacts({ readablePartKept: { featuresRead: 6, featuresAtLeast: 9, endsAtByte: 1234 } });
    expect(kept.ok && kept.value.imports[1].readablePartKept).toEqual({ featuresRead: 6, featuresAtLeast: 9, endsAtByte: 1234 });
    expect(problemPaths(withFacts({ readablePartKept: { featuresRead: 6 } }))).toContain('imports[1].readablePartKept');
  });

  it('keeps edited speed tables the travel-time parser accepts, and refuses others naming the field', () => {
    const speeds = { walk: { roads: { urban: 2, village: 2 }, offRoad: 3 } };
    const good = validateSession({ ...validFile(), roadSpeeds: speeds }, fallback, 'storage');
    expect(good.ok && good.value.roadSpeeds).toEqual(speeds);
    expect(validateSession({ ...validFile(), roadSpeeds: null }, fallback, 'storage').ok).toBe(true);
    for (const bad of [{ teleport: {} }, { walk: { roads: { urban: 500 } } }, { walk: { roads: { moonpath: 3 } } }, [1, 2], 'fast', JSON.parse('{"__proto__": {"roads": {}}}'), JSON.parse('{"__proto__": {"roads": {"urban": 3}}}')]) {
      expect(problemPaths(validateSession({ ...validFile(), roadSpeeds: bad }, fallback, 'storage')), JSON.stringify(bad)).toContain('roadSpeeds');
    }
  });

  it('accepts a travel-time reach in every mode the travel-time control offers', () => {
    for (const mode of ['walk', 'elderly-walk', 'ebike', 'drive']) {
      const check = validateSession({ ...validFile(), analysis: { ...fallback.analysis, reach: { kind: 'travel-time', minutes: 15, mode } } }, fallback, 'storage');
      expect(check.ok, mode).toBe(true);
    }
    expect(validateSession({ ...validFile(), analysis: { ...fallback.analysis, reach: { kind: 'travel-time', minutes: 15, mode: 'teleport' } } }, fallback, 'storage').ok).toBe(false);
  });

  it('keeps the travel-time reach’s 2SFCA decay, and refuses an unknown one', () => {
    const reach = { kind: 'travel-time', minutes: 15, mode: 'walk', decay: 'gaussian' };
    const check = validateSession({ ...validFile(), analysis: { ...fallback.analysis, reach } }, fallback, 'storage');
    expect(check.ok && check.value.analysis.reach).toEqual(reach);
    expect(validateSession({ ...validFile(), analysis: { ...fallback.analysis, reach: { ...reach, decay: 'exponential' } } }, fallback, 'storage').ok).toBe(false);
  });

  it('reads an inline feature whose properties are null as a feature with no properties (it used to stop the app)', () => {
    const file = validFile();
    const layer = (file.imports as { layer?: { features: { properties: unknown }[] } }[])[0].layer!;
    layer.features[0].properties = null;
    const check = validateSession(file, fallback, 'storage');
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.value.imports[0].layer!.features[0].properties).toEqual({});
  });

  it('names a newer version as such, and a non-session as not a session', () => {
    expect(validateSession({ ...validFile(), version: 2 }, fallback, 'file')).toMatchObject({ ok: false, reason: 'newer-version', version: 2 });
    expect(validateSession({ hello: 'world' }, fallback, 'file')).toMatchObject({ ok: false, reason: 'not-a-session' });
    expect(validateSession(null, fallback, 'file')).toMatchObject({ ok: false, reason: 'not-a-session' });
  });

  it('does not switch on a basemap named by a session file (only the planner does, in Settings)', () => {
    const url = 'https://tracker.example/{z}/{x}/{y}.png';
    const fromFile = validateSession({ ...validFile(), basemapUrl: url, layers: { ...fallback.layers, basemap: { visible: true, opacity: 1 } } }, fallback, 'file');
    expect(fromFile).toMatchObject({ ok: true, basemapNotEnabled: url });
    if (fromFile.ok) expect([fromFile.value.basemapUrl, fromFile.value.layers.basemap.visible]).toEqual(['', false]);
    // The planner's own stored session keeps the basemap they switched on.
    const stored = validateSession({ ...validFile(), basemapUrl: url }, fallback, 'storage');
    if (stored.ok) expect(stored.value.basemapUrl).toBe(url);
    expect(validateSession({ ...validFile(), basemapUrl: 'javascript:alert(1)//{z}{x}{y}' }, fallback, 'storage').ok).toBe(false);
  });

  it('keeps prototype keys as data', () => {
    const file = JSON.parse(JSON.stringify(validFile()).replace('"reachByService":{', '"reachByService":{"__proto__":{"kind":"distance","metres":500},'));
    const check = validateSession(file, fallback, 'storage');
    expect(({} as Record<string, unknown>).kind).toBeUndefined();
    if (check.ok) expect(Object.getPrototypeOf(check.value.reachByService)).toBe(Object.prototype);
  });
});

describe('validateBasemapUrl', () => {
  it.each([
    ['https://t0.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=abc', true],
    ['https://tile.example.org/{z}/{x}/{y}.png', true],
    ['http://tile.example.org/{z}/{x}/{y}.png', false],
    ['javascript:alert(1)', false],
    ['https://tile.example.org/{z}/{x}.png', false],
    ['https://user:secret@tile.example.org/{z}/{x}/{y}.png', false],
    ['https://tile.example.org/{z}/{x}/{y}.png\n', true],
    ['https://tile.exa mple.org/{z}/{x}/{y}.png', false],
    [`https://tile.example.org/${'a'.repeat(3000)}/{z}/{x}/{y}`, false],
  ])('%s → %s', (url, ok) => {
    expect(validateBasemapUrl(url).ok).toBe(ok);
  });
});

/** One seeded mutation of a JSON value: a field removed, set to another type, a string grown, an array duplicated… */
function mutate(value: unknown, random: Random, depth = 0): unknown {
  const replacements = [null, undefined, 0, -1, 1e308, NaN, '', 'xx', 'x'.repeat(600), true, [], {}, [null], { __proto__: null }];
  if (depth > 6 || value === null || typeof value !== 'object') return random.int(0, 3) === 0 ? replacements[random.int(0, replacements.length - 1)] : value;
  if (Array.isArray(value)) {
    if (value.length === 0 || random.int(0, 4) === 0) return random.int(0, 1) ? [...value, ...value] : replacements[random.int(0, replacements.length - 1)];
    const copy = value.slice();
    const at = random.int(0, copy.length - 1);
    copy[at] = mutate(copy[at], random, depth + 1);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0) return replacements[random.int(0, replacements.length - 1)];
  const key = keys[random.int(0, keys.length - 1)];
  if (random.int(0, 5) === 0) delete copy[key];
  else copy[key] = mutate(copy[key], random, depth + 1);
  return copy;
}

describe('session fuzz', () => {
  it('answers every mutation of a valid session with a value; what it accepts is a complete, valid session', () => {
    const random = createRandom(20261130);
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 600; i++) {
      const input = mutate(validFile(), random);
      const check = validateSession(input, fallback, i % 2 ? 'file' : 'storage');
      if (!check.ok) {
        refused++;
        expect(['not-a-session', 'newer-version', 'invalid']).toContain(check.reason);
        continue;
      }
      accepted++;
      const session: SessionState = check.value;
      expect(['zh', 'en']).toContain(session.language);
      expect(session.analysis.reach.kind === 'distance' && session.analysis.reach.metres >= 100 && session.analysis.reach.metres <= 20_000).toBe(true);
      expect(Object.values(session.layers).every((layer) => typeof layer.visible === 'boolean' && layer.opacity >= 0 && layer.opacity <= 1)).toBe(true);
      expect(Array.isArray(session.rules) && Array.isArray(session.imports)).toBe(true);
      // Checking what was accepted again changes nothing.
      expect(validateSession(structuredClone(session), fallback, 'storage')).toEqual({ ok: true, value: session });
    }
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
