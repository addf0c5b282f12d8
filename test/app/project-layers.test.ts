// The layer list's rows and the "another region" offer, on hand-made summaries and imports.
import { describe, expect, it } from 'vitest';
import { importsWithin, isAnotherRegion, listProjectLayers } from '../../src/app/analysis/project-layers.ts';
import type { AcceptedImport, DatasetSummary } from '../../workers/protocol.ts';
import { boundingBoxesIntersect } from '../../src/core/geometry/bounding-box.ts';

function summary(synthetic: boolean, layers: DatasetSummary['info']['syntheticLayers'] = []): DatasetSummary {
  const unit = { code: '1', name: '甲镇', county: null, bbox: [102.5, 24.3, 102.6, 24.4] };
  return {
    info: { name: 'demo', synthetic, syntheticLayers: layers, source: '' },
    townships: [unit, { ...unit, code: '2' }],
    counties: [unit],
    facilityTypes: [],
    placeKinds: [],
    areas: [],
    cohorts: [],
    cellCount: 1234,
    cellSizeMetres: 200,
    totalPopulation: 1e5,
    bbox: [101.5, 23.3, 103.2, 24.9],
  } as unknown as DatasetSummary;
}

const boundaries = (extent?: [number, number, number, number]): AcceptedImport => ({ name: 'towns.geojson', role: 'boundaries', mapping: {}, featureCount: 3, crs: 'EPSG:4326', ...(extent ? { extent } : {}) });

describe('listProjectLayers', () => {
  it('lists the demo\'s synthetic layers still in use, counted, then each import with its facts', () => {
    const rows = listProjectLayers([boundaries(), { role: 'facilities', mapping: {}, layer: { fileName: 'sites.csv', fields: [], features: [] } }], summary(true, ['population', 'facilities']));
    expect(rows).toEqual([
      { source: 'synthetic', layer: 'population', count: 1234 },
      { source: 'synthetic', layer: 'facilities', count: null },
      { source: 'import', index: 0, role: 'boundaries', name: 'towns.geojson', count: 3, crs: 'EPSG:4326', readablePart: null },
      { source: 'import', index: 1, role: 'facilities', name: 'sites.csv', count: 0, crs: null, readablePart: null },
    ]);
  });

  it('lists no synthetic layer once none is in use, and nothing for an empty project', () => {
    expect(listProjectLayers([boundaries()], summary(false)).map((row) => row.source)).toEqual(['import']);
    expect(listProjectLayers([], undefined)).toEqual([]);
  });
});

describe('isAnotherRegion', () => {
  it('offers a project of their own for boundaries wholly outside the demo region, while the demo\'s boundaries are in use', () => {
    const harbin = boundaries([126.5, 45.8, 126.56, 45.82]);
    expect(isAnotherRegion(harbin, summary(true, ['townships', 'facilities']))).toBe(true);
    expect(isAnotherRegion(boundaries([102.5, 24.3, 102.6, 24.4]), summary(true, ['townships']))).toBe(false); // inside the demo
    expect(isAnotherRegion(harbin, summary(true, ['facilities']))).toBe(false); // the planner's boundaries already replaced the demo's
    expect(isAnotherRegion(harbin, summary(false))).toBe(false); // a project of their own already
    expect(isAnotherRegion({ ...harbin, role: 'facilities' }, summary(true, ['townships']))).toBe(false);
    expect(isAnotherRegion(boundaries(), summary(true, ['townships']))).toBe(false); // extent unknown: no offer
  });

  it('keeps the planner\'s imports that overlap the new region, and those of unknown extent', () => {
    const kept = importsWithin([boundaries([102, 24, 103, 25]), boundaries([126.4, 45.7, 126.6, 45.9]), boundaries()], [126.5, 45.8, 126.56, 45.82]);
    expect(kept.map((item) => item.extent ?? null)).toEqual([[126.4, 45.7, 126.6, 45.9], null]);
  });
});

describe('boundingBoxesIntersect', () => {
  it('counts touching edges and rejects disjoint boxes on either axis', () => {
    expect(boundingBoxesIntersect([0, 0, 1, 1], [1, 1, 2, 2])).toBe(true);
    expect(boundingBoxesIntersect([0, 0, 1, 1], [0.2, 0.2, 0.3, 0.3])).toBe(true);
    expect(boundingBoxesIntersect([0, 0, 1, 1], [1.1, 0, 2, 1])).toBe(false);
    expect(boundingBoxesIntersect([0, 0, 1, 1], [0, 1.1, 1, 2])).toBe(false);
  });
});
