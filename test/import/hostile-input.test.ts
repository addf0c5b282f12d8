// Issue 10 and issue 7 regressions: hostile or broken files, each generated here. Sizes sit just
// above the limits, injected small through `limits` where the real limit is huge, plus a case at
// the real limit wherever that is cheap (a declared zip size, the property depth and length, the .prj).
import { describe, expect, it } from 'vitest';
import { importLayer } from '../../src/core/import/import-layer.ts';
import { IMPORT_LIMITS } from '../../src/core/limits.ts';
import { deflatedZip, featureCollection, file, pointFeature, polygonShapefile, ring, utf8, zipDeclaring } from './craft-files.ts';

function allText(value: unknown): string {
  return JSON.stringify(value);
}

function expectBilingual(message: { zh: string; en: string }): void {
  expect(message.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(message.en).toMatch(/[a-z]/);
  for (const text of [message.zh, message.en]) {
    expect(text).not.toContain('?');
    expect(text).not.toMatch(/Unexpected token|is not valid JSON|JSON\.parse|SyntaxError/);
  }
}

const nine = Array.from({ length: 9 }, (_, i) => pointFeature(102.5 + i * 0.01, 24.3, { 名称: `点${i}` }));

describe('truncated GeoJSON (issue 7)', () => {
  const whole = featureCollection(nine);
  // Cut inside the 7th feature: 6 complete, 7 started.
  const cutAt = whole.indexOf('{"type":"Feature"', whole.indexOf('点6') - 60) + 30;
  const truncated = utf8(whole.slice(0, cutAt));

  it('is an error naming what was read and where the file ends', async () => {
    const result = await importLayer([file('innocent.geojson', truncated)]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('truncated-json');
    expect(result.error.message.en).toContain(`6 of at least 7 features read; the file ends at byte ${truncated.length}`);
    expect(result.error.message.zh).toContain(`只读到 6 个要素`);
    expect(result.error.message.zh).toContain(`第 ${truncated.length} 字节`);
    expectBilingual(result.error.message);
  });

  it('keeps the readable part only when asked, and records the choice', async () => {
    const result = await importLayer([file('innocent.geojson', truncated)], { keepReadablePart: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.loadedCount).toBe(6);
    expect(result.value.readablePartKept).toEqual({ featuresRead: 6, featuresAtLeast: 7, endsAtByte: truncated.length });
    const kept = result.value.problems.find((problem) => problem.code === 'truncated-json-kept');
    expect(kept?.severity).toBe('warning');
    expectBilingual(kept!.message);
  });

  it('NDJSON cut in its last line is an error too', async () => {
    const lines = nine.map((feature) => JSON.stringify(feature)).join('\n');
    const cut = utf8(lines.slice(0, lines.length - 20));
    const result = await importLayer([file('points.ndjson', cut)]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.en).toContain('8 of at least 9 features read');
  });
});

describe('JSON syntax errors in both languages with positions (issue 7)', () => {
  it('a broken top-level document', async () => {
    const text = '{\n  "type": "FeatureCollection",\n  "features": [\n    {"type": "Feature", "properties": {"名称": 甲}, "geometry": null}\n  ]\n}';
    const result = await importLayer([file('broken.geojson', text)]);
    const problems = result.ok ? result.value.problems.filter((problem) => problem.code === 'invalid-json') : [];
    const message = result.ok ? problems[0]?.message : result.error.message;
    expect(message).toBeDefined();
    const byte = utf8(text.slice(0, text.indexOf('甲'))).length;
    expect(message!.en).toContain(`line 4, column`);
    expect(message!.en).toContain(`(byte ${byte} of the file)`);
    expect(message!.en).toContain('unexpected character "甲"');
    expect(message!.zh).toContain('第 4 行');
    expectBilingual(message!);
  });

  it('a primitive document, a bad escape', async () => {
    for (const [text, en] of [
      ['nulx', 'column 4 (byte 3 of the file): unexpected character "x"'],
      ['{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"a": "x\\q"}, "geometry": null}]}', 'invalid escape sequence'],
    ] as const) {
      const result = await importLayer([file('x.geojson', text)]);
      const message = result.ok ? result.value.problems.find((problem) => problem.code === 'invalid-json')?.message : result.error.message;
      expect(message?.en, text).toContain(en);
      expectBilingual(message!);
    }
  });

  it('counts a feature that did not parse among the problems', async () => {
    const good = JSON.stringify(pointFeature(102.5, 24.3));
    const text = `{"type":"FeatureCollection","features":[${good},{"type":"Feature","properties":{"a":tru},"geometry":null},${good}]}`;
    const result = await importLayer([file('x.geojson', text)]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.loadedCount).toBe(2);
    expect(result.value.problemCount).toBe(1);
    const problem = result.value.problems.find((p) => p.code === 'invalid-json');
    expect(problem?.featureIndex).toBe(1);
    expect(problem?.byte).toBe(text.indexOf('{"type":"Feature","properties":{"a"'));
  });
});

describe('limits (issue 10)', () => {
  it('a property nested 5,000 levels deep is reported by the depth limit', async () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"deep":${deep}},"geometry":{"type":"Point","coordinates":[102.5,24.3]}},${JSON.stringify(pointFeature(102.6, 24.3))}]}`;
    const result = await importLayer([file('deep.geojson', text)]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.loadedCount).toBe(1);
    const problem = result.value.problems.find((p) => p.code === 'property-too-deep');
    expect(problem?.severity).toBe('error');
    expect(problem?.featureIndex).toBe(0);
    expect(problem?.message.en).toContain(`${IMPORT_LIMITS.propertyDepth} levels`);
    expect(() => structuredClone(result.value)).not.toThrow();
  });

  it('depth at the real limit passes, one more level does not (NDJSON path, checked after parsing)', async () => {
    const nest = (levels: number): unknown => (levels === 1 ? 1 : { a: nest(levels - 1) });
    // depth 1 = a flat property; the value nest(n) gives depth n.
    const ok = JSON.stringify({ type: 'Feature', properties: { p: nest(IMPORT_LIMITS.propertyDepth) }, geometry: null });
    const over = JSON.stringify({ type: 'Feature', properties: { p: nest(IMPORT_LIMITS.propertyDepth + 1) }, geometry: null });
    const result = await importLayer([file('x.ndjson', `${ok}\n${over}\n`)]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.loadedCount).toBe(1);
    expect(result.value.problems.filter((p) => p.code === 'property-too-deep').map((p) => p.featureIndex)).toEqual([1]);
  });

  it('a property longer than the real limit is clipped and reported', async () => {
    const name = '名'.repeat(IMPORT_LIMITS.propertyChars + 1);
    const result = await importLayer([file('x.geojson', featureCollection([pointFeature(102.5, 24.3, { 名称: name })]))]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect((result.value.features[0].properties.名称 as string).length).toBe(IMPORT_LIMITS.propertyChars);
    const problem = result.value.problems.find((p) => p.code === 'property-too-long');
    expect(problem?.severity).toBe('warning');
    expect(allText(problem).length).toBeLessThan(1000);
  });

  it('a polygon over the vertex limit is refused without being parsed (GeoJSON)', async () => {
    const big = { type: 'Feature', properties: { 名称: '大' }, geometry: { type: 'Polygon', coordinates: [ring(102.5, 24.3, 2001)] } };
    const small = { type: 'Feature', properties: { 名称: '小' }, geometry: { type: 'Polygon', coordinates: [ring(102.6, 24.3, 20)] } };
    const result = await importLayer([file('x.geojson', featureCollection([big, small]))], { limits: { verticesPerFeature: 2000 } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.loadedCount).toBe(1);
    const problem = result.value.problems.find((p) => p.code === 'too-many-vertices');
    expect(problem?.featureIndex).toBe(0);
    expect(problem?.message.en).toContain('2001 vertices, over the limit of 2000');
  });

  it('a layer over the vertex limit is refused as a whole', async () => {
    const features = Array.from({ length: 10 }, (_, i) => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring(102.5 + i * 0.05, 24.3, 101)] } }));
    const result = await importLayer([file('x.geojson', featureCollection(features))], { limits: { verticesPerLayer: 500 } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('layer-too-many-vertices');
      expectBilingual(result.error.message);
    }
  });

  it('a shapefile polygon over the vertex limit becomes a reported null shape, read from the record header', async () => {
    const files = polygonShapefile('big', [[ring(102.5, 24.3, 3001)], [ring(102.6, 24.3, 30)]], ['大', '小']);
    const result = await importLayer(files, { limits: { verticesPerFeature: 3000 } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const problem = result.value.problems.find((p) => p.code === 'too-many-vertices');
    expect(problem?.featureIndex).toBe(0);
    expect(problem?.message.en).toContain('3001 vertices');
    expect(result.value.features.filter((f) => f.geometry).length).toBe(1);
    const layer = await importLayer(files, { limits: { verticesPerLayer: 3000 } });
    expect(layer.ok).toBe(false);
  });

  it('a zip declaring a 1 GB .dbf is refused before anything is inflated (real limit)', async () => {
    const files = polygonShapefile('t', [[ring(102.5, 24.3, 10)]], ['甲']);
    const zip = zipDeclaring(files, 't.dbf', 2 ** 30);
    const result = await importLayer([file('t.zip', zip)]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unzipped-too-large');
    expect(result.error.message.en).toContain('1 GB');
    expect(result.error.message.en).toContain('512 MB');
    expectBilingual(result.error.message);
  });

  it('a zip entry that inflates past the limit while declaring less is stopped during inflation', async () => {
    const files = polygonShapefile('t', [[ring(102.5, 24.3, 10)]], ['甲']);
    const padded = new Uint8Array(3 * 2 ** 20);
    padded.set(files[1].bytes);
    const zip = deflatedZip([files[0], { name: 't.dbf', bytes: padded }], (entry) => Math.min(entry.bytes.length, 1000));
    const result = await importLayer([file('t.zip', zip)], { limits: { unzippedBytes: 2 ** 20 } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unzipped-too-large');
  });

  it('a deflated zip within the limits still reads', async () => {
    const files = polygonShapefile('t', [[ring(102.5, 24.3, 10)]], ['甲']);
    const result = await importLayer([file('t.zip', deflatedZip(files))]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.features[0].properties.NAME).toBe('甲');
  });

  it('a file over its role limit is refused by size before it is read', async () => {
    const text = featureCollection(nine);
    const result = await importLayer([file('x.geojson', text)], { role: 'facilities', limits: { fileBytes: { ...IMPORT_LIMITS.fileBytes, facilities: 100 } } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('file-too-large');
      expect(result.error.message.en).toContain('facilities file limit of 100 B');
    }
  });

  it('a huge name inside a .prj is never echoed in full', async () => {
    const files = polygonShapefile('t', [[ring(102.5, 24.3, 10)]], ['甲']);
    const hugeName = 'X'.repeat(IMPORT_LIMITS.prjBytes + 10);
    const big = await importLayer([...files, file('t.prj', `PROJCS["${hugeName}",GEOGCS["bad"]]`)]);
    expect(big.ok).toBe(true);
    if (big.ok) {
      expect(big.value.problems.map((p) => p.code)).toContain('prj-too-large');
      expect(allText(big.value.problems).length).toBeLessThan(2000);
    }
    // Under the .prj size limit but not understood: the detail is clipped.
    const name = '\u001b[31m' + 'Y'.repeat(20_000);
    const small = await importLayer([...files, file('t.prj', `GARBAGE["${name}"]`)]);
    expect(small.ok).toBe(true);
    if (small.ok) {
      const text = allText(small.value.problems);
      expect(text.length).toBeLessThan(2000);
      expect(text).not.toContain('\u001b');
    }
  });

  it('no prototype pollution through "__proto__" keys', async () => {
    const text = '{"type":"FeatureCollection","__proto__":{"polluted":1},"features":[{"type":"Feature","properties":{"__proto__":{"polluted":2},"名称":"甲"},"geometry":{"type":"Point","coordinates":[102.5,24.3]}}]}';
    const result = await importLayer([file('x.geojson', text)]);
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (result.ok) {
      const properties = result.value.features[0].properties;
      expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
      expect(Object.hasOwn(properties, '__proto__')).toBe(true);
    }
  });
});

describe('cancel stops the work', () => {
  it('a large shapefile stops at the first checkpoint after abort', async () => {
    const rings = Array.from({ length: 45_000 }, (_, i) => [ring(102 + (i % 300) * 0.003, 24 + Math.floor(i / 300) * 0.003, 5, 0.001)]);
    const files = polygonShapefile('many', rings, rings.map((_, i) => `p${i}`));
    const controller = new AbortController();
    const stages: string[] = [];
    const result = await importLayer(files, {}, {
      signal: controller.signal,
      onProgress: (_fraction, stage) => {
        stages.push(stage);
        controller.abort();
      },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('cancelled');
    expect(stages.length).toBe(1);
  });
});

describe('numbers out of range and id-only boundaries', () => {
  it('population and capacity of 1e308 are reported, not used', async () => {
    const { toFacilities, toPopulationCells } = await import('../../src/core/import/to-model.ts');
    const layer = {
      features: [pointFeature(102.5, 24.3, { 人口: 1e308, 床位: 1e308 }), pointFeature(102.6, 24.3, { 人口: 50, 床位: 20 })] as never,
      fields: [{ name: '人口', numeric: true }, { name: '床位', numeric: true }],
    };
    const population = toPopulationCells(layer, { populationField: '人口' });
    expect(population.ok).toBe(true);
    if (population.ok) {
      expect(Array.from(population.value.value.population)).toEqual([50]);
      const problem = population.value.problems.find((p) => p.code === 'value-out-of-range');
      expect(problem?.featureIndex).toBe(0);
      expectBilingual(problem!.message);
    }
    const facilities = toFacilities(layer, { type: 'nursery', capacityField: '床位' });
    expect(facilities.ok).toBe(true);
    if (facilities.ok) {
      expect(facilities.value.value.map((f) => f.capacity)).toEqual([undefined, 20]);
      expect(facilities.value.problems.map((p) => p.code)).toContain('value-out-of-range');
    }
  });

  it('boundaries with only an id field use it as name, and say so', async () => {
    const { guessFieldMapping } = await import('../../src/core/import/guess-field-mapping.ts');
    const { toAdminUnits } = await import('../../src/core/import/to-model.ts');
    const features = [1, 2].map((id) => ({ type: 'Feature', properties: { id }, geometry: { type: 'Polygon', coordinates: [ring(102.5 + id * 0.05, 24.3, 10)] } }));
    const result = await importLayer([file('t.geojson', featureCollection(features))]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const mapping = guessFieldMapping(result.value, 'boundaries');
    expect(mapping).toMatchObject({ nameField: 'id', codeField: 'id' });
    const units = toAdminUnits(result.value, { nameField: mapping.nameField!, codeField: mapping.codeField!, level: 'township' });
    expect(units.ok).toBe(true);
    if (!units.ok) return;
    expect(units.value.value.map((unit) => [unit.code, unit.name])).toEqual([['1', '1'], ['2', '2']]);
    const notice = units.value.problems.find((p) => p.code === 'name-from-code');
    expect(notice?.message.en).toContain('names are taken from field "id"');
  });
});

describe('NDJSON records are measured before they are parsed', () => {
  it('a record over the vertex or depth limit is refused with its line; the others load', async () => {
    const big = JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring(102.5, 24.3, 501)] } });
    const deep = `{"type":"Feature","properties":{"p":${'['.repeat(3000)}${']'.repeat(3000)}},"geometry":null}`;
    const small = JSON.stringify(pointFeature(102.6, 24.3));
    const result = await importLayer([file('x.ndjson', [small, big, deep, small].join('\n'))], { limits: { verticesPerFeature: 500 } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.loadedCount).toBe(2);
    expect(result.value.problemCount).toBe(2);
    expect(result.value.problems.find((p) => p.code === 'too-many-vertices')?.line).toBe(2);
    expect(result.value.problems.find((p) => p.code === 'property-too-deep')?.line).toBe(3);
  });
});
