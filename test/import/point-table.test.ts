// Issue 9 and 10: CSVs read straight into a point table, every row of the input accounted for with
// its line number, and the table path giving exactly what the feature path gives.
import { describe, expect, it } from 'vitest';
import { importLayer } from '../../src/core/import/import-layer.ts';
import { convertCell } from '../../src/core/import/parse-csv.ts';
import { cellValue } from '../../src/core/import/point-table.ts';
import { toFacilities, toPopulationCells, toTargetPlaces } from '../../src/core/import/to-model.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';
import { featureCollection, file, pointFeature } from './craft-files.ts';

describe('CSV rows are all accounted for', () => {
  it('a field that opens a quote and never closes it costs one row, with its line, not the rest of the file', async () => {
    const text = '名称,经度,纬度\n甲,102.50,24.30\n"乙,102.51,24.31\n丙,102.52,24.32\n丁,102.53,24.33\n戊,102.54,24.34\n';
    const result = await importLayer([file('points.csv', text)]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.loadedCount).toBe(4);
    expect(result.value.problemCount).toBe(1);
    expect(result.value.loadedCount + result.value.problemCount).toBe(5);
    const problem = result.value.problems.find((p) => p.code === 'csv-unclosed-quote');
    expect(problem?.line).toBe(3);
    expect(problem?.severity).toBe('error');
    expect(problem?.message.en).toContain('line 3');
    expect(result.value.features.map((f) => f.properties.名称)).toEqual(['甲', '丙', '丁', '戊']);
  });

  it('reports bad rows by line, counting lines inside quoted fields', async () => {
    const text = ['名称,经度,纬度,备注', '甲,102.5,24.3,"两行', '的备注"', '乙,abc,24.3,', '丙,,,', '丁,102.6,24.4,x,多余'].join('\r\n');
    const result = await importLayer([file('points.csv', text)]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const byCode = Object.fromEntries(result.value.problems.map((p) => [p.code, p]));
    expect(byCode['csv-bad-coordinate'].line).toBe(4);
    expect(byCode['csv-bad-coordinate'].featureName).toBe('乙');
    expect(byCode['csv-missing-coordinates'].line).toBe(5);
    expect(byCode['csv-row-length'].line).toBe(6);
    expect(result.value.features[0].properties.备注).toBe('两行\r\n的备注');
    expect(result.value.loadedCount).toBe(4);
    expect(result.value.problemCount).toBe(3);
  });

  it('keeps codes with leading zeros as text and plain numbers as numbers', async () => {
    const result = await importLayer([file('p.csv', '代码,经度,纬度,人口\n0530,102.5,24.3,12\n1200,102.6,24.4,\n')]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.features.map((f) => [f.properties.代码, f.properties.人口])).toEqual([['0530', 12], [1200, null]]);
    expect(result.value.fields).toEqual([
      { name: '代码', numeric: true },
      { name: '经度', numeric: true },
      { name: '纬度', numeric: true },
      { name: '人口', numeric: true },
    ]);
  });
});

describe('all-number rows are read without a string per cell', () => {
  it('give exactly the values the general scanner gives, CRLF and a last line without its end included', async () => {
    const random = createRandom(23);
    const shapes = [
      () => (random.next() * 360 - 180).toFixed(6),
      () => (random.next() * 90).toFixed(Math.floor(random.next() * 20)),
      () => String(Math.floor(random.next() * 1e15)),
      () => `-${(random.next() * 1e6).toFixed(9)}`,
      () => String(random.next()),
      () => '0',
      () => '-0',
      () => '0.000000000000000000000001',
      () => '123456789012345.678',
      () => '1234567890123456',
    ];
    const rows: string[][] = [];
    for (let i = 0; i < 400; i++) rows.push([(100 + random.next() * 5).toFixed(6), (20 + random.next() * 5).toFixed(6), shapes[i % shapes.length](), shapes[(i * 7) % shapes.length]()]);
    // A row the fast path must leave to the general scanner, in the middle: text, spaces, an empty cell.
    rows[200] = ['102.5', '24.5', ' 12 ', ''];
    rows[201] = ['102.5', '24.5', '1e5', '1.'];
    const text = ['lon,lat,a,b', ...rows.map((row) => row.join(','))].join('\r\n');
    const result = await importLayer([file('numbers.csv', text)], { pointTable: true });
    if (!result.ok) throw new Error(result.error.message.en);
    const table = result.value.points!;
    expect(table.count).toBe(rows.length);
    rows.forEach((row, r) => {
      row.forEach((cell, c) => expect(cellValue(table.columns[c], r), `row ${r} column ${c}: ${cell}`).toStrictEqual(convertCell(cell)));
      expect(table.lon[r]).toBe(Number(row[0]));
      expect(table.lines![r]).toBe(r + 2);
    });
  });
});

function randomCsv(rows: number): string {
  const random = createRandom(7);
  const lines = ['序号,名称,经度,纬度,人口,age0_3,床位,类型'];
  for (let i = 0; i < rows; i++) {
    const bad = i % 97 === 5 ? 'x' : '';
    lines.push(`${i + 1},点${i},${(102 + random.next()).toFixed(6)}${bad},${(24 + random.next()).toFixed(6)},${Math.floor(random.next() * 500)},${Math.floor(random.next() * 20)},${i % 13 === 0 ? '' : Math.floor(random.next() * 90)},${i % 2 ? '托育' : '养老'}`);
  }
  return lines.join('\n');
}

/** The conversion without the line and byte positions only the table path knows. */
function withoutPositions<T>(converted: T): T {
  return JSON.parse(JSON.stringify(converted, (key, value) => (key === 'line' || key === 'byte' ? undefined : value instanceof Float64Array ? Array.from(value) : value)));
}

describe('the point-table path equals the feature path', () => {
  const csv = randomCsv(3000);

  it('for population, facilities and places from a CSV', async () => {
    const asFeatures = await importLayer([file('p.csv', csv)]);
    const asTable = await importLayer([file('p.csv', csv)], { pointTable: true });
    expect(asFeatures.ok && asTable.ok).toBe(true);
    if (!asFeatures.ok || !asTable.ok) return;
    expect(asTable.value.features).toEqual([]);
    expect(asTable.value.points?.count).toBe(asFeatures.value.features.length);
    expect(asTable.value.loadedCount).toBe(asFeatures.value.loadedCount);
    expect(asTable.value.problems).toEqual(asFeatures.value.problems);
    expect(asTable.value.fields).toEqual(asFeatures.value.fields);

    const population = [asFeatures, asTable].map((layer) => toPopulationCells(layer.ok ? layer.value : (undefined as never), { populationField: '人口', cohortFields: { age0_3: 'age0_3' } }));
    expect(withoutPositions(population[1])).toEqual(withoutPositions(population[0]));
    const facilities = [asFeatures, asTable].map((layer) => toFacilities(layer.ok ? layer.value : (undefined as never), { typeField: '类型', nameField: '名称', capacityField: '床位', idField: '序号' }));
    expect(withoutPositions(facilities[1])).toEqual(withoutPositions(facilities[0]));
    if (facilities[1].ok) expect(facilities[1].value.problems.every((p) => p.line !== undefined)).toBe(true);
    const places = [asFeatures, asTable].map((layer) => toTargetPlaces(layer.ok ? layer.value : (undefined as never), { kindField: '类型', nameField: '名称' }));
    expect(withoutPositions(places[1])).toEqual(withoutPositions(places[0]));
    if (population[0].ok) {
      // Every row either became a cell or was reported.
      const reported = new Set(population[0].value.problems.map((p) => p.featureIndex));
      expect(population[0].value.value.population.length + reported.size).toBe(asFeatures.value.loadedCount);
    }
  });

  it('with a coordinate system applied and a reference extent', async () => {
    const options = { crs: 'gcj02', referenceBBox: [102.2, 24.2, 102.8, 24.8] as [number, number, number, number] };
    const asFeatures = await importLayer([file('p.csv', csv)], options);
    const asTable = await importLayer([file('p.csv', csv)], { ...options, pointTable: true });
    if (!asFeatures.ok || !asTable.ok) throw new Error('import failed');
    expect(asTable.value.problems).toEqual(asFeatures.value.problems);
    expect(asTable.value.problems.some((p) => p.code === 'outside-reference-extent')).toBe(true);
    const points = asTable.value.points!;
    asFeatures.value.features.forEach((feature, row) => {
      if (feature.geometry?.type === 'Point') expect([points.lon[row], points.lat[row]]).toEqual(feature.geometry.coordinates);
      else expect(Number.isNaN(points.lon[row])).toBe(true);
    });
  });

  it('for GeoJSON points, streamed into the table without a Feature per row', async () => {
    const random = createRandom(11);
    const features = Array.from({ length: 1000 }, (_, i) =>
      i % 101 === 7
        ? { type: 'Feature', properties: { 名称: `坏${i}` }, geometry: { type: 'Point', coordinates: ['x', 24] } }
        : pointFeature(102 + random.next(), 24 + random.next(), i % 3 ? { 名称: `点${i}`, 人口: Math.floor(random.next() * 900) } : { 名称: `点${i}`, 人口: String(i), 备注: { a: [1, 2] } }),
    );
    const text = featureCollection(features);
    const asFeatures = await importLayer([file('p.geojson', text)]);
    const asTable = await importLayer([file('p.geojson', text)], { pointTable: true });
    if (!asFeatures.ok || !asTable.ok) throw new Error('import failed');
    expect(asTable.value.features).toEqual([]);
    expect(asTable.value.points?.count).toBe(asFeatures.value.loadedCount);
    expect(asTable.value.loadedCount).toBe(asFeatures.value.loadedCount);
    expect(asTable.value.problemCount).toBe(asFeatures.value.problemCount);
    expect(asTable.value.problemCount).toBeGreaterThan(0);
    const codes = (layer: typeof asTable) => (layer.ok ? layer.value.problems.map((p) => `${p.code}:${p.featureIndex}`) : []);
    expect(codes(asTable)).toEqual(codes(asFeatures));
    const population = [asFeatures, asTable].map((layer) => toPopulationCells(layer.ok ? layer.value : (undefined as never), { populationField: '人口' }));
    expect(withoutPositions(population[1])).toEqual(withoutPositions(population[0]));
    // A table row has every column (null where a feature had no such property).
    const facilities = [asFeatures, asTable].map((layer) => toFacilities(layer.ok ? layer.value : (undefined as never), { type: 'nursery', nameField: '名称' }));
    const withoutNulls = (value: unknown) => JSON.parse(JSON.stringify(withoutPositions(value), (_key, cell) => (cell === null ? undefined : cell)));
    expect(withoutNulls(facilities[1])).toEqual(withoutNulls(facilities[0]));
  });

  it('a GeoJSON layer that is not all points comes back as features even when a table is asked for', async () => {
    const polygon = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[102.5, 24.3], [102.6, 24.3], [102.6, 24.4], [102.5, 24.3]]] } };
    const result = await importLayer([file('p.geojson', featureCollection([pointFeature(102.5, 24.3, { 人口: 5 }), polygon]))], { pointTable: true });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.points).toBeUndefined();
      expect(result.value.features.length).toBe(2);
    }
  });
});

describe('a fallback coordinate system (the CLI --crs) in the same single read', () => {
  const csv = '名称,经度,纬度\n甲,102.5,24.3\n';
  const declared = JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } }, features: [pointFeature(102.5, 24.3, { 名称: '甲' })] });

  it("applies to a file that declares none, as the user's choice", async () => {
    const fallback = await importLayer([file('points.csv', csv)], { fallbackCrs: 'gcj02', pointTable: true });
    const chosen = await importLayer([file('points.csv', csv)], { crs: 'gcj02', pointTable: true });
    if (!fallback.ok || !chosen.ok) throw new Error('import failed');
    expect(fallback.value.crs).toEqual(chosen.value.crs);
    expect(fallback.value.crs.source).toBe('user');
    expect(fallback.value.points!.lon[0]).toBe(chosen.value.points!.lon[0]);
    expect(fallback.value.points!.lon[0]).not.toBe(102.5);
  });

  it('does not override a CRS the file declares', async () => {
    const result = await importLayer([file('points.geojson', declared)], { fallbackCrs: 'gcj02' });
    if (!result.ok) throw new Error('import failed');
    expect(result.value.crs).toMatchObject({ applied: 'EPSG:4490', source: 'crs-member' });
    expect(result.value.features[0].geometry).toEqual({ type: 'Point', coordinates: [102.5, 24.3] });
  });

  it('is checked before reading', async () => {
    const result = await importLayer([file('points.csv', csv)], { fallbackCrs: 'EPSG:999999' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unknown-crs');
  });
});
