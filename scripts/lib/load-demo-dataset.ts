// Reads the demo region (data/demo/) into the core Dataset, for Node: the CLI, tests and the
// benchmark. The browser app fetches the same files (src/core/dataset/demo-files.ts).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetFromCollections } from '../../src/core/dataset/dataset-from-collections.ts';
import { DEMO_FILES, DEMO_ROADS_FILE, type DemoMetadata } from '../../src/core/dataset/demo-files.ts';
import type { FeatureCollection } from '../../src/core/geojson-types.ts';
import { parsePopulationGrid, populationCellsFromGrid } from '../../src/core/population/population-grid.ts';
import type { Dataset } from '../../src/core/types.ts';
import { readRoadFeatures } from '../../src/core/network/read-road-features.ts';

/** data/demo/ of this checkout, whatever the working directory. */
export const DEMO_DIRECTORY = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'demo');

function readJson(dir: string, name: string): unknown {
  const path = join(dir, name);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read demo file ${path}: ${(error as Error).message}`);
  }
}

/** The demo's synthetic roads (data/demo/roads.geojson), for travel times. */
function demoRoads(dir: string): Dataset['roads'] {
  const roads = readRoadFeatures((readJson(dir, DEMO_ROADS_FILE) as FeatureCollection).features as never);
  if (!roads.ok) throw new Error(`${join(dir, DEMO_ROADS_FILE)}: ${roads.error.message.en}`);
  return { name: DEMO_ROADS_FILE, lines: roads.value.lines };
}

export function loadDemoDataset(dir: string = DEMO_DIRECTORY): Dataset {
  const metadata = readJson(dir, DEMO_FILES.metadata) as DemoMetadata;
  const grid = parsePopulationGrid(readJson(dir, DEMO_FILES.population));
  if (!grid.ok) throw new Error(`${join(dir, DEMO_FILES.population)}: ${grid.error.message.en}`);
  const dataset = datasetFromCollections(
    {
      townships: readJson(dir, DEMO_FILES.townships) as FeatureCollection,
      counties: readJson(dir, DEMO_FILES.counties) as FeatureCollection,
      facilities: readJson(dir, DEMO_FILES.facilities) as FeatureCollection,
      places: readJson(dir, DEMO_FILES.places) as FeatureCollection,
      areas: readJson(dir, DEMO_FILES.areas) as FeatureCollection,
      population: populationCellsFromGrid(grid.value),
    },
    { name: metadata.name, synthetic: metadata.synthetic, source: metadata.source },
  );
  return { ...dataset, roads: demoRoads(dir) };
}
