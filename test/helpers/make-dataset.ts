// Small hand-made datasets for tests.
import type { AdminUnit, AreaGeometry, Dataset, Facility, PopulationCells, TargetPlace } from '../../src/core/types.ts';

export function township(code: string, geometry: AreaGeometry, parentCode?: string, properties: Record<string, unknown> = {}): AdminUnit {
  return { code, name: `T${code}`, level: 'township', parentCode, geometry, properties: { code, name: `T${code}`, ...properties } };
}

export function facility(id: string, lon: number, lat: number, type = 'clinic', capacity?: number, properties: Record<string, unknown> = {}): Facility {
  return { id, type, name: id, lon, lat, capacity, properties: { id, type, capacity, ...properties } };
}

export function populationCells(points: Array<[number, number, number]>, cohorts: Record<string, number[]> = {}): PopulationCells {
  return {
    lon: Float64Array.from(points, (p) => p[0]),
    lat: Float64Array.from(points, (p) => p[1]),
    population: Float64Array.from(points, (p) => p[2]),
    cohorts: Object.fromEntries(Object.entries(cohorts).map(([k, v]) => [k, Float64Array.from(v)])),
  };
}

export function makeDataset(parts: Partial<Dataset> & { townships: AdminUnit[] }): Dataset {
  return {
    info: { name: 'test', synthetic: true, source: 'test fixture' },
    counties: [],
    facilities: [],
    population: populationCells([]),
    places: [] as TargetPlace[],
    areas: [],
    ...parts,
  };
}
