// The report's gap map per service: which services (the rule set's, present in the data, the analysed
// one first) and what each map shows, checked by brute force on a small region — a cell is drawn as
// uncovered exactly when no facility of the service is within the reach on the ellipsoid
// (GeographicLib; cells sit well away from the reach's edge, so no tolerance question arises), and a
// township's colour is its population covered counted by hand. Cancel stops the worker's job.
import { describe, expect, it } from 'vitest';
import { listReportServices } from '../../src/core/export/list-report-services.ts';
import { coverageColor } from '../../src/core/export/map-layout/gap-map-style.ts';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import type { Rule } from '../../src/core/rules/rule-types.ts';
import { CancelledError } from '../../src/core/types.ts';
import { gapMapLayers } from '../../workers/export-files.ts';
import { geodesicDistance, rectangleRing } from '../helpers/geodesic-reference.ts';
import { facility, makeDataset, populationCells, township } from '../helpers/make-dataset.ts';

const rule = (id: string, types: string[] | undefined, enabled = true): Rule =>
  ({ id, kind: 'count', title: { zh: id, en: id }, target: { op: '>=', value: 1, unit: 'count' }, enabled, filter: types ? { types } : {} }) as Rule;

describe('the services a report maps', () => {
  it("are the rule set's, present in the data, in the catalog's order, the analysed one first", () => {
    const rules = [rule('a', ['hospital', 'nursery']), rule('b', ['kindergarten']), rule('c', ['culture-centre'], false), rule('d', ['legal-adviser'])];
    const present = ['kindergarten', 'culture-centre', 'nursery', 'hospital'];
    expect(listReportServices(rules, present, 'hospital')).toEqual(['hospital', 'nursery', 'kindergarten']);
    // A unit-presence rule names its types in its requirements.
    const presence = { id: 'p', kind: 'unit-presence', level: 'township', title: { zh: 'p', en: 'p' }, target: { op: '>=', value: 100, unit: 'percent' }, enabled: true, require: [{ filter: { types: ['culture-centre'] }, minCount: 1 }] } as Rule;
    expect(listReportServices([presence], present, undefined)).toEqual(['culture-centre']);
  });

  it('are every service present when a rule counts every facility; unknown types come after the catalog', () => {
    expect(listReportServices([rule('all', undefined)], ['zoo', 'nursery', 'aquarium'], undefined)).toEqual(['nursery', 'aquarium', 'zoo']);
  });
});

describe('a gap map per service (worker)', () => {
  // Two townships side by side, 0.02° each; cells every 0.002° along the middle row.
  const west = township('1', { type: 'Polygon', coordinates: [rectangleRing(102.5, 24.3, 102.52, 24.32)] });
  const east = township('2', { type: 'Polygon', coordinates: [rectangleRing(102.52, 24.3, 102.54, 24.32)] });
  const cells: [number, number, number][] = Array.from({ length: 20 }, (_, i) => [102.501 + 0.002 * i, 24.311, 10 + i]);
  const nurseries = [facility('n1', 102.505, 24.311, 'nursery'), facility('n2', 102.536, 24.311, 'nursery')];
  const hospitals = [facility('h1', 102.52, 24.305, 'hospital')];
  const prepared = prepareDataset(makeDataset({ townships: [west, east], population: populationCells(cells), facilities: [...nurseries, ...hospitals] }));
  const services = [
    { type: 'nursery', metres: 800 },
    { type: 'hospital', metres: 1500 },
  ];

  it('draws each service at its reach: uncovered cells and township colours as counted by hand', () => {
    const fractions: number[] = [];
    const reply = gapMapLayers(prepared, { services }, { onProgress: (fraction) => fractions.push(fraction) });
    expect(reply.services.map((s) => [s.type, s.metres])).toEqual([['nursery', 800], ['hospital', 1500]]);
    expect(reply.labels.map((label) => label.text)).toEqual(['T1', 'T2']);
    expect(reply.bounds.map((v) => Number(v.toFixed(6)))).toEqual([102.5, 24.3, 102.54, 24.32]);
    for (const [i, { type, metres }] of services.entries()) {
      const facilities = type === 'nursery' ? nurseries : hospitals;
      const reached = cells.map(([lon, lat]) => facilities.some((f) => geodesicDistance(f.lon, f.lat, lon, lat) <= metres));
      // No cell within 5 m of a reach's edge: the brute force and the engine cannot disagree on rounding.
      for (const [lon, lat] of cells) for (const f of facilities) expect(Math.abs(geodesicDistance(f.lon, f.lat, lon, lat) - metres)).toBeGreaterThan(5);
      const sources = Object.fromEntries(Object.entries(reply.services[i].sources).map(([name, json]) => [name, JSON.parse(json)]));
      const drawn = sources.cells.features.map((f: { geometry: { coordinates: number[] } }) => f.geometry.coordinates.join(','));
      expect(drawn.sort()).toEqual(cells.filter((_, c) => !reached[c]).map(([lon, lat]) => `${lon},${lat}`).sort());
      expect(sources.facilities.features.length).toBe(facilities.length);
      const percent = [102.52, 102.54].map((edge) => {
        const inside = cells.map((cell, c) => ({ cell, c })).filter(({ cell }) => cell[0] < edge && cell[0] > edge - 0.02);
        const total = inside.reduce((sum, { cell }) => sum + cell[2], 0);
        return (100 * inside.reduce((sum, { cell, c }) => sum + (reached[c] ? cell[2] : 0), 0)) / total;
      });
      // Both services leave some cells out and reach others: the comparison is not trivial.
      expect(reached.some(Boolean) && !reached.every(Boolean)).toBe(true);
      expect(sources.townships.features.map((f: { properties: { fill: string } }) => f.properties.fill)).toEqual(percent.map(coverageColor));
      expect(sources.gaps.type).toBe('FeatureCollection');
    }
    expect(fractions.length).toBeGreaterThan(0);
    expect(fractions.every((f, i) => f >= (fractions[i - 1] ?? 0) - 1e-12 && f <= 1)).toBe(true);
  });

  it('stops when cancelled', () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => gapMapLayers(prepared, { services }, { signal: controller.signal })).toThrow(CancelledError);
  });
});
