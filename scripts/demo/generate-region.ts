// Generates a whole synthetic region in memory: partition → fractal borders → polygons →
// population grid → target places → facilities → GeoJSON collections → Dataset. The demo
// (Yuxi layout, written to data/demo/) and the benchmark's 10× region use the same code.
import { datasetFromCollections } from '../../src/core/dataset/dataset-from-collections.ts';
import type { Feature, FeatureCollection } from '../../src/core/geojson-types.ts';
import { populationCellsFromGrid, type PopulationGrid } from '../../src/core/population/population-grid.ts';
import type { Dataset, DatasetInfo } from '../../src/core/types.ts';
import { buildRegionGeometry } from './build-geometry.ts';
import { buildPopulation } from './build-population.ts';
import { round6, toGeographic } from './gauss-kruger.ts';
import { partitionRegion } from './partition-region.ts';
import { placeFacilities, shortCountyName } from './place-facilities.ts';
import { placeTargets } from './place-targets.ts';
import { createLocationSampler } from './sample-locations.ts';
import type { RegionLayout } from './region-layout.ts';
import { createRandom, hashSeed } from './seeded-random.ts';
import { syntheticLayout } from './synthetic-layout.ts';

export const GENERATOR_VERSION = '1.1.0';

export const SYNTHETIC_NOTICE = '合成演示数据：几何为虚构，仅供演示 / Synthetic demo data: the geometry is fictional, for demonstration only';

export interface GenerateRegionOptions {
  seed: number;
  /** Used when no layout is given: a synthetic layout with this many townships (default 1,000). */
  townshipCount?: number;
  /** Exact number of facilities (broadcast terminals make up the difference); default: what the layout implies. */
  facilityCount?: number;
  /** Number of populated 250 m cells; default about 1,000 per township. */
  targetCellCount?: number;
  layout?: RegionLayout;
  cellSizeMetres?: number;
  enclaveCount?: number;
  /** Peak midpoint displacement of the fractal borders, as a fraction of the segment (default 0.2). */
  borderAmplitude?: number;
  /** Fractal subdivision stops at about this segment length (default 220 m). */
  borderSegmentMetres?: number;
  /** County (code) left without a county-level disability-care institution. */
  countyWithoutDisabilityCare?: string;
  /** Township codes whose vaccination rate is set below 90%; default: a few rural ones at random. */
  lowVaccinationTownships?: string[];
  /** Source line for DatasetInfo. */
  source?: string;
}

export interface GeneratedCollections {
  townships: FeatureCollection;
  counties: FeatureCollection;
  facilities: FeatureCollection;
  places: FeatureCollection;
  areas: FeatureCollection;
}

export interface GeneratedRegion {
  dataset: Dataset;
  collections: GeneratedCollections;
  grid: PopulationGrid;
  layout: RegionLayout;
  stats: { atoms: number; borderEdges: number; dampedEdges: number; enclaves: Array<[string, string]>; milliseconds: Record<string, number> };
}

const collection = (name: string, description: string, features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', name, description, features });

/** Generates the region with everything the demo writer needs. */
export function generateRegionWithFiles(options: GenerateRegionOptions): GeneratedRegion {
  const times: Record<string, number> = {};
  let clock = performance.now();
  const lap = (stage: string): void => {
    const now = performance.now();
    times[stage] = Math.round(now - clock);
    clock = now;
  };
  const { seed } = options;
  const layout = options.layout ?? syntheticLayout({ seed, townshipCount: options.townshipCount ?? 1000 });
  const townships = layout.counties.flatMap((county) => county.townships);
  const partition = partitionRegion({ seed, layout, enclaveCount: options.enclaveCount ?? 2 });
  lap('partition');
  const codeIndex = new Map(townships.map((t, k) => [t.code, k]));
  const geometry = buildRegionGeometry(partition, {
    seed,
    amplitude: options.borderAmplitude ?? 0.2,
    segmentMetres: options.borderSegmentMetres ?? 220,
    areaTownships: layout.centralCityTownships.map((code) => codeIndex.get(code) ?? -1).filter((k) => k >= 0),
  });
  lap('geometry');
  const population = buildPopulation({
    seed,
    layout,
    townships,
    countyOfTownship: partition.countyOfTownship,
    townshipSeats: partition.townshipSeats,
    townshipProjectedRings: geometry.townshipProjectedRings,
    cellSizeMetres: options.cellSizeMetres ?? 250,
    targetCellCount: options.targetCellCount ?? townships.length * 1000,
    name: `${layout.name} — 人口格网 / population grid`,
    description: `${SYNTHETIC_NOTICE}. 250 m 格网人口（按县 2020 年人口普查总数缩放）及 0–3 岁、0–14 岁、60 岁以上人数 / head counts per 250 m cell (scaled to the 2020 census county totals) with age0_3, age0_14 and age60plus cohorts`,
  });
  lap('population');
  const sampler = createLocationSampler(population, geometry.townshipProjectedRings, options.cellSizeMetres ?? 250);
  const places = placeTargets({ seed, townships, townshipSeats: partition.townshipSeats, population, sampler });
  const facilities = placeFacilities({
    seed,
    layout,
    townships,
    countyOfTownship: partition.countyOfTownship,
    townshipSeats: partition.townshipSeats,
    population,
    places,
    sampler,
    facilityCount: options.facilityCount,
    countyWithoutDisabilityCare: options.countyWithoutDisabilityCare,
  });
  lap('places and facilities');

  // township attributes: vaccination ≥ 90% except in a few rural townships
  const random = createRandom(hashSeed(seed, 'attributes'));
  const lowVaccination = new Set(
    options.lowVaccinationTownships ??
      townships
        .filter((t) => t.type === '乡')
        .map((t) => ({ code: t.code, key: random.next() }))
        .sort((a, b) => a.key - b.key)
        .slice(0, Math.max(1, Math.round(townships.length * 0.035)))
        .map((t) => t.code),
  );
  const countyOf = (t: number): (typeof layout.counties)[number] => layout.counties[partition.countyOfTownship[t]];
  const townshipFeatures: Feature[] = townships
    .map((township, t) => ({ township, t }))
    .sort((a, b) => (a.township.code < b.township.code ? -1 : 1))
    .map(({ township, t }) => ({
      type: 'Feature',
      geometry: geometry.townships[t],
      properties: {
        code: township.code,
        name: township.name,
        type: township.type,
        urban: township.urban,
        county_code: countyOf(t).code,
        county_name: countyOf(t).name,
        vaccination_rate: lowVaccination.has(township.code) ? Math.round(random.range(86.5, 89.7) * 10) / 10 : Math.round(random.range(90.8, 99.3) * 10) / 10,
      },
    }));
  const countyFeatures: Feature[] = layout.counties.map((county, c) => ({
    type: 'Feature',
    geometry: geometry.counties[c],
    properties: {
      code: county.code,
      name: county.name,
      short_name: shortCountyName(county.name),
      population_2020: county.population,
      pct_age_65plus: county.percentAged65Plus,
      pct_age_0_14: county.percentAged0To14,
      township_count: county.townships.length,
    },
  }));
  const centralCodes = layout.centralCityTownships.filter((code) => codeIndex.has(code));
  const areaFeatures: Feature[] = geometry.area
    ? [{ type: 'Feature', geometry: geometry.area, properties: { id: 'central-city', code: 'central-city', name: '市中心城区', name_en: 'Central city', township_codes: centralCodes } }]
    : [];
  const point = (x: number, y: number): { type: 'Point'; coordinates: number[] } => {
    const [lon, lat] = toGeographic(x, y);
    return { type: 'Point', coordinates: [round6(lon), round6(lat)] };
  };
  const placeFeatures: Feature[] = places.map((place) => ({
    type: 'Feature',
    geometry: point(place.x, place.y),
    properties: { id: place.id, kind: place.kind, name: place.name, township_code: townships[place.township].code, county_code: countyOf(place.township).code, ...place.properties },
  }));
  const facilityFeatures: Feature[] = facilities.map((facility) => ({
    type: 'Feature',
    geometry: point(facility.x, facility.y),
    properties: {
      id: facility.id,
      type: facility.type,
      name: facility.name,
      ...(facility.capacity !== undefined ? { capacity: facility.capacity } : {}),
      ...facility.properties,
      township_code: townships[facility.township].code,
      county_code: countyOf(facility.township).code,
    },
  }));
  const collections: GeneratedCollections = {
    townships: collection(`${layout.cityName} 乡镇（街道）/ townships`, SYNTHETIC_NOTICE, townshipFeatures),
    counties: collection(`${layout.cityName} 县（市、区）/ counties`, `${SYNTHETIC_NOTICE}. 县界为所辖乡镇的并集 / each county is the union of its townships`, countyFeatures),
    facilities: collection(`${layout.cityName} 公共服务设施 / facilities`, `${SYNTHETIC_NOTICE}. 设施为虚构 / fictional facilities`, facilityFeatures),
    places: collection(`${layout.cityName} 目标地点 / target places`, `${SYNTHETIC_NOTICE}. 地点为虚构 / fictional places`, placeFeatures),
    areas: collection(`${layout.cityName} 关注区域 / areas of interest`, SYNTHETIC_NOTICE, areaFeatures),
  };
  const info: DatasetInfo = {
    name: layout.name,
    synthetic: true,
    source: options.source ?? `${SYNTHETIC_NOTICE}`,
  };
  const dataset = datasetFromCollections({ ...collections, population: populationCellsFromGrid(population.grid) }, info);
  lap('dataset');
  return {
    dataset,
    collections,
    grid: population.grid,
    layout,
    stats: {
      atoms: partition.atoms.count,
      borderEdges: geometry.edges.length,
      dampedEdges: geometry.dampedEdgeCount,
      enclaves: partition.enclaves.map(([host, owner]) => [townships[host].code, townships[owner].code]),
      milliseconds: times,
    },
  };
}

/** A seeded synthetic region in memory (the benchmark's 10× region: townshipCount 1,000, facilityCount 30,000, targetCellCount 1,000,000). */
export function generateRegion(options: GenerateRegionOptions): Dataset {
  return generateRegionWithFiles(options).dataset;
}
