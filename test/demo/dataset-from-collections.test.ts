// datasetFromCollections: GeoJSON collections → the core Dataset, by the property conventions.
import { describe, expect, it } from 'vitest';
import { datasetFromCollections } from '../../src/core/dataset/dataset-from-collections.ts';
import type { FeatureCollection } from '../../src/core/geojson-types.ts';
import type { PopulationCells } from '../../src/core/types.ts';

const square = (x: number, y: number): number[][][] => [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]];
const population: PopulationCells = {
  lon: Float64Array.of(0.5),
  lat: Float64Array.of(0.5),
  population: Float64Array.of(10),
  cohorts: { age0_3: Float64Array.of(1) },
};
const info = { name: 'test', synthetic: true, source: 'test' };
const townships: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: { type: 'Polygon', coordinates: square(0, 0) }, properties: { code: '1', name: '甲镇', county_code: '9' } },
    { type: 'Feature', id: 'b', geometry: { type: 'MultiPolygon', coordinates: [square(1, 0), square(3, 0)] }, properties: {} },
  ],
};

describe('datasetFromCollections', () => {
  it('maps units, facilities, places and areas with their properties', () => {
    const dataset = datasetFromCollections(
      {
        townships,
        counties: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: square(0, 0) }, properties: { code: '9', name: '某县' } }] },
        facilities: {
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', geometry: { type: 'Point', coordinates: [0.2, 0.3] }, properties: { id: 'n1', type: 'nursery', name: '托育园', capacity: 80, public: true } },
            { type: 'Feature', geometry: { type: 'Point', coordinates: [1.2, 0.3] }, properties: { type: 'kindergarten', capacity: '120' } },
            { type: 'Feature', geometry: { type: 'Point', coordinates: [1.5, 0.5] }, properties: { type: 'broadcast-terminal', capacity: null } },
          ],
        },
        places: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [0.5, 0.5] }, properties: { id: 'p', kind: 'urban-community', name: '社区' } }] },
        areas: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: square(0, 0) }, properties: { id: 'central-city', name: '市中心城区' } }] },
        population,
      },
      info,
    );
    expect(dataset.info).toBe(info);
    expect(dataset.population).toBe(population);
    expect(dataset.townships[0]).toMatchObject({ code: '1', name: '甲镇', level: 'township', parentCode: '9' });
    expect(dataset.townships[1]).toMatchObject({ code: 'b', name: 'b', level: 'township' });
    expect(dataset.townships[1].parentCode).toBeUndefined();
    expect(dataset.townships[1].geometry.type).toBe('MultiPolygon');
    expect(dataset.counties[0]).toMatchObject({ code: '9', name: '某县', level: 'county' });
    expect(dataset.facilities[0]).toMatchObject({ id: 'n1', type: 'nursery', name: '托育园', lon: 0.2, lat: 0.3, capacity: 80 });
    expect(dataset.facilities[0].properties.public).toBe(true);
    expect(dataset.facilities[1]).toMatchObject({ id: 'kindergarten-1', capacity: 120 });
    expect(dataset.facilities[2].capacity).toBeUndefined();
    expect(dataset.places[0]).toMatchObject({ id: 'p', kind: 'urban-community', lon: 0.5, lat: 0.5 });
    expect(dataset.areas[0]).toMatchObject({ code: 'central-city', name: '市中心城区' });
  });

  it('defaults the optional layers to empty', () => {
    const dataset = datasetFromCollections({ townships, population }, info);
    expect(dataset.counties).toEqual([]);
    expect(dataset.facilities).toEqual([]);
    expect(dataset.places).toEqual([]);
    expect(dataset.areas).toEqual([]);
  });

  it('names the layer and feature when a geometry has the wrong type', () => {
    const bad: FeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: { name: '乙乡' } }] };
    expect(() => datasetFromCollections({ townships: bad, population }, info)).toThrow(/townships feature 0 \(乙乡\)/);
    expect(() => datasetFromCollections({ townships, facilities: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: null, properties: {} }] }, population }, info)).toThrow(/facilities feature 0/);
  });
});
