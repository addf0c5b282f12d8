// A tiny hand-made region whose rule answers can be counted by hand.
//
//   lat 24.34 ┌──────────┬──────────┐
//             │ T3 (C2)  │ T4 (C2)  │   F3 daycare at T3 centre; N2 nursery, E2 institution, B2 terminal in T4
//   lat 24.32 ├──────────┼──────────┤
//             │ T1 (C1)  │ T2 (C1)  │   F1 daycare at T1 centre; N1 nursery, B1 terminal in T2
//   lat 24.30 └──────────┴──────────┘
//          102.50     102.52     102.54
//
// 0.001° ≈ 101.5 m east-west and 110.8 m north-south here, so every point below sits well inside
// or well outside the radii the tests use (500 m, 300 m audible radius, 1,000 m catchment).
import type { AdminUnit, Dataset } from '../../src/core/types.ts';
import { facility, makeDataset, populationCells, township } from '../helpers/make-dataset.ts';

const square = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
});

function county(code: string, name: string, west: number, south: number, east: number, north: number): AdminUnit {
  return { code, name, level: 'county', geometry: square(west, south, east, north), properties: { code, name } };
}

export const TOWNSHIP_BOUNDS = {
  T1: [102.5, 24.3, 102.52, 24.32],
  T2: [102.52, 24.3, 102.54, 24.32],
  T3: [102.5, 24.32, 102.52, 24.34],
  T4: [102.52, 24.32, 102.54, 24.34],
} as const;

export function tinyRegion(): Dataset {
  const townships = [
    township('T1', square(...TOWNSHIP_BOUNDS.T1), 'C1', { vaccination_rate: 95 }),
    township('T2', square(...TOWNSHIP_BOUNDS.T2), 'C1', { vaccination_rate: 88 }),
    township('T3', square(...TOWNSHIP_BOUNDS.T3), 'C2', { vaccination_rate: 92 }),
    township('T4', square(...TOWNSHIP_BOUNDS.T4), 'C2', {}),
  ];
  const counties = [county('C1', 'South', 102.5, 24.3, 102.54, 24.32), county('C2', 'North', 102.5, 24.32, 102.54, 24.34)];
  // [lon, lat, population]; cohorts in the same order: c0..c5
  const population = populationCells(
    [
      [102.511, 24.311, 100], // c0 T1, ~150 m from F1: covered at 500 m
      [102.518, 24.318, 300], // c1 T1, ~1.2 km from F1: not covered
      [102.53, 24.31, 200], // c2 T2, at N1 / B1
      [102.5105, 24.3305, 400], // c3 T3, ~75 m from F3: covered
      [102.53, 24.33, 500], // c4 T4, at N2
      [102.522, 24.302, 50], // c5 T2, inside the central-city area, ~1.5 km from F1
    ],
    { age60plus: [20, 30, 50, 40, 100, 10], age0_3: [4, 9, 6, 20, 10, 1] },
  );
  const facilities = [
    facility('F1', 102.51, 24.31, 'elder-daycare', 10),
    facility('F3', 102.51, 24.33, 'elder-daycare', 20),
    facility('N1', 102.53, 24.31, 'nursery', 6, { public: true }),
    facility('N2', 102.53, 24.33, 'nursery', 3, { public: false }),
    facility('E1', 102.505, 24.305, 'elder-institution', 100, { beds: 100, nursing_beds: 40 }),
    facility('E2', 102.535, 24.335, 'elder-institution', 50, { beds: 50, nursing_beds: 35 }),
    facility('B1', 102.53, 24.31, 'broadcast-terminal', undefined, { audible_radius_m: 300 }),
    facility('B2', 102.525, 24.325, 'broadcast-terminal', undefined, {}),
    facility('H1', 102.515, 24.315, 'hospital', undefined, { grade: '二级', general: true, geriatrics: true }),
    facility('H2', 102.515, 24.335, 'hospital', undefined, { grade: '三级', general: true, geriatrics: false }),
    facility('H3', 102.525, 24.315, 'hospital', undefined, { grade: '一级', general: true, geriatrics: false }),
  ];
  const place = (id: string, kind: string, lon: number, lat: number) => ({ id, kind, name: id, lon, lat, properties: { id, kind } });
  const places = [
    place('P1', 'urban-community', 102.5115, 24.3095), // ~60 m from F1
    place('P2', 'urban-community', 102.538, 24.338), // far from every daycare
    place('P3', 'resettlement-site', 102.5305, 24.3105), // ~70 m from B1 (audible 300 m)
    place('P4', 'disaster-prone-village', 102.527, 24.327), // ~300 m from B2 (no radius: falls back to 500 m)
    place('P5', 'disaster-prone-village', 102.501, 24.339), // far from every terminal
    place('P6', 'resettlement-site', 102.534, 24.31), // ~406 m from B1: outside its 300 m audible radius
  ];
  const areas: AdminUnit[] = [
    { code: 'central-city', name: '中心城区', level: 'city', geometry: square(102.5, 24.3, 102.525, 24.32), properties: {} },
  ];
  return makeDataset({ townships, counties, population, facilities, places, areas });
}
