// Fetches the demo region's files (data/demo, named in src/core/dataset/demo-files.ts) and builds
// the Dataset with the core's own constructors — the same steps as scripts/lib/load-demo-dataset.ts.
import { datasetFromCollections } from '../src/core/dataset/dataset-from-collections.ts';
import { DEMO_FILES, DEMO_ROADS_FILE, type DemoMetadata } from '../src/core/dataset/demo-files.ts';
import { readRoadFeatures } from '../src/core/network/read-road-features.ts';
import type { FeatureCollection, ImportedFeature } from '../src/core/geojson-types.ts';
import { parsePopulationGrid, populationCellsFromGrid } from '../src/core/population/population-grid.ts';
import type { Dataset } from '../src/core/types.ts';

async function fetchJson(urls: Record<string, string>, name: string): Promise<unknown> {
  const url = urls[name];
  if (!url) throw new Error(`demo file ${name} is not in the build`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`demo file ${name}: HTTP ${response.status}`);
  return response.json();
}

let cached: { key: string; dataset: Promise<Dataset> } | null = null;

/** Fetches once per set of URLs (a preload started at page load is reused, so are reloads with imports). */
export function fetchDemoDataset(urls: Record<string, string>): Promise<Dataset> {
  const key = JSON.stringify(urls);
  if (cached?.key !== key) {
    const dataset = fetchAndBuild(urls);
    cached = { key, dataset };
    dataset.catch(() => {
      if (cached?.dataset === dataset) cached = null;
    });
  }
  return cached.dataset;
}

async function fetchAndBuild(urls: Record<string, string>): Promise<Dataset> {
  const [metadata, gridJson, townships, counties, facilities, places, areas] = await Promise.all(
    [DEMO_FILES.metadata, DEMO_FILES.population, DEMO_FILES.townships, DEMO_FILES.counties, DEMO_FILES.facilities, DEMO_FILES.places, DEMO_FILES.areas].map((name) =>
      fetchJson(urls, name),
    ),
  );
  // the synthetic roads, for travel times (a build without them analyses straight lines only)
  const roadsJson = urls[DEMO_ROADS_FILE] ? ((await fetchJson(urls, DEMO_ROADS_FILE)) as { features: ImportedFeature[] }) : null;
  const roads = roadsJson ? readRoadFeatures(roadsJson.features) : null;
  const grid = parsePopulationGrid(gridJson);
  if (!grid.ok) throw new Error(`${DEMO_FILES.population}: ${grid.error.message.en}`);
  const info = metadata as DemoMetadata;
  const dataset = datasetFromCollections(
    {
      townships: townships as FeatureCollection,
      counties: counties as FeatureCollection,
      facilities: facilities as FeatureCollection,
      places: places as FeatureCollection,
      areas: areas as FeatureCollection,
      population: populationCellsFromGrid(grid.value),
    },
    { name: info.name, synthetic: info.synthetic, source: info.source },
  );
  return roads?.ok ? { ...dataset, roads: { name: DEMO_ROADS_FILE, lines: roads.value.lines } } : dataset;
}
