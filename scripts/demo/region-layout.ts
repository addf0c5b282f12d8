// What a generated region is made of: counties with their townships, seats, sizes and census
// figures, lakes, and the box the geometry lives in. The Yuxi demo and the benchmark's larger
// synthetic region are both layouts fed to the same machinery (generate-region.ts).

export type TownshipType = '街道' | '镇' | '乡';

export interface TownshipSpec {
  code: string;
  name: string;
  type: TownshipType;
  /** Urban street (城区街道): dense core, urban communities. */
  urban: boolean;
  /** Relative area (1 = a typical rural township of its county). */
  areaWeight: number;
}

export interface CountySpec {
  code: string;
  name: string;
  /** Centre the county grows from, lon/lat. */
  anchor: [number, number];
  /** County seat (where the county's main town is), lon/lat. */
  seat: [number, number];
  areaKm2: number;
  /** Census population (exact total the grid must sum to). */
  population: number;
  /** Share aged 65+ (%), from the census. */
  percentAged65Plus: number;
  /** Share aged 0–14 (%), from the census. */
  percentAged0To14: number;
  /** Townships; the first urban one holds the county seat. */
  townships: TownshipSpec[];
}

export interface LakeSpec {
  name: string;
  centre: [number, number];
  areaKm2: number;
  /** North–south elongation (1 = round). */
  elongation: number;
}

export interface RegionLayout {
  /** Dataset name, says it is synthetic. */
  name: string;
  cityCode: string;
  cityName: string;
  counties: CountySpec[];
  lakes: LakeSpec[];
  /** Geographic box the geometry is generated in (with margin around the counties). */
  box: { west: number; south: number; east: number; north: number };
  /** Rural atom spacing (m): the grain of the borders before the fractal detail. */
  atomSpacingMetres: number;
  /** Codes of the townships that make up the central-city area of interest. */
  centralCityTownships: string[];
}

export function townshipTypeFromName(name: string): TownshipType {
  if (name.endsWith('街道')) return '街道';
  if (name.endsWith('镇')) return '镇';
  return '乡';
}
