// toPopulationCells reads a table's numeric head-count column straight from the column (no visitor
// per row): the same cells and the same problems, in the same order, as the per-row path gives the
// same table with that column as plain values — on rows without a location, empty, negative and
// out-of-range counts, and a million-people cell.
import { describe, expect, it } from 'vitest';
import { importLayer } from '../../src/core/import/import-layer.ts';
import { toPopulationCells } from '../../src/core/import/to-model.ts';

describe('toPopulationCells from a numeric column', () => {
  it('equals the per-row path, problems included', async () => {
    const rows = ['lon,lat,pop', '102.5,24.3,12', ',24.3,5', '102.51,24.31,', '102.52,24.32,-3', '102.53,24.33,0', '102.54,24.34,99999999999', '102.55,24.35,7.5', '102.56,,4', '102.57,24.37,1000000'];
    const read = await importLayer([{ name: 'people.csv', bytes: new TextEncoder().encode(rows.join('\n')) }], { pointTable: true, role: 'population' });
    if (!read.ok) throw new Error(read.error.message.en);
    const table = read.value.points!;
    const column = table.columns.find((candidate) => candidate.name === 'pop')!;
    expect(column.numbers).toBeInstanceOf(Float64Array);
    const fast = toPopulationCells(read.value, { populationField: 'pop' });
    const asValues = { ...column, numbers: undefined, values: Array.from(column.numbers!, (value) => (Number.isNaN(value) ? null : value)) };
    const general = toPopulationCells({ ...read.value, points: { ...table, columns: table.columns.map((c) => (c === column ? asValues : c)) } }, { populationField: 'pop' });
    expect(fast.ok && general.ok).toBe(true);
    if (!fast.ok || !general.ok) return;
    expect(Array.from(fast.value.value.population)).toEqual(Array.from(general.value.value.population));
    expect(Array.from(fast.value.value.lon)).toEqual(Array.from(general.value.value.lon));
    expect(Array.from(fast.value.value.lat)).toEqual(Array.from(general.value.value.lat));
    expect(fast.value.value.cohorts).toEqual(general.value.value.cohorts);
    expect(fast.value.problems).toEqual(general.value.problems);
    expect(Array.from(fast.value.value.population)).toEqual([12, 0, 7.5, 1_000_000]);
    expect(fast.value.problems.map((problem) => problem.code)).toEqual(['wrong-geometry-for-role', 'missing-value', 'negative-value', 'value-out-of-range', 'wrong-geometry-for-role']);
  });
});
