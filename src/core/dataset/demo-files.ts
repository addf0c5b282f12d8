// The demo region's files (data/demo/), fetched by the browser app and read by the Node loader.

export const DEMO_FILES = {
  townships: 'townships.geojson',
  counties: 'counties.geojson',
  facilities: 'facilities.geojson',
  places: 'places.geojson',
  areas: 'areas.geojson',
  population: 'population-grid.json',
  metadata: 'metadata.json',
} as const;

export type DemoFileRole = keyof typeof DEMO_FILES;

/** The demo's synthetic roads (scripts/demo/generate-roads.ts), read when travel times are wanted; not in DEMO_FILES. */
export const DEMO_ROADS_FILE = 'roads.geojson';

/** Every demo file name, in a stable order. */
export const DEMO_FILE_NAMES: readonly string[] = Object.values(DEMO_FILES);

/** What metadata.json holds. */
export interface DemoMetadata {
  name: string;
  description: string;
  synthetic: true;
  source: string;
  seed: number;
  generator: string;
  generatorVersion: string;
  crs: string;
  files: Record<string, { features?: number; cells?: number }>;
}
