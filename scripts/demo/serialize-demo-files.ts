// Serialises a generated region to the demo files' text: GeoJSON with one feature per line
// (small diffs, byte-identical for the same seed), the population grid, metadata.json and the
// README that documents them.
import { DEMO_FILES, type DemoMetadata } from '../../src/core/dataset/demo-files.ts';
import type { FeatureCollection } from '../../src/core/geojson-types.ts';
import { serializePopulationGrid } from '../../src/core/population/population-grid.ts';
import { GK_CRS } from './gauss-kruger.ts';
import { GENERATOR_VERSION, SYNTHETIC_NOTICE, type GeneratedRegion } from './generate-region.ts';
import { demoReadme } from './demo-readme.ts';

export function serializeFeatureCollection(collection: FeatureCollection): string {
  const head = JSON.stringify({ type: collection.type, name: collection.name, description: collection.description });
  const features = collection.features.map((feature) => JSON.stringify(feature)).join(',\n');
  return `${head.slice(0, -1)},"features":[\n${features}\n]}\n`;
}

/** File name → text, for every demo file. */
export function serializeDemoFiles(region: GeneratedRegion, seed: number): Map<string, string> {
  const files = new Map<string, string>();
  const { collections } = region;
  files.set(DEMO_FILES.townships, serializeFeatureCollection(collections.townships));
  files.set(DEMO_FILES.counties, serializeFeatureCollection(collections.counties));
  files.set(DEMO_FILES.facilities, serializeFeatureCollection(collections.facilities));
  files.set(DEMO_FILES.places, serializeFeatureCollection(collections.places));
  files.set(DEMO_FILES.areas, serializeFeatureCollection(collections.areas));
  files.set(DEMO_FILES.population, serializePopulationGrid(region.grid));
  const metadata: DemoMetadata = {
    name: region.layout.name,
    description: SYNTHETIC_NOTICE,
    synthetic: true,
    source: region.dataset.info.source,
    seed,
    generator: 'scripts/generate-demo.ts (npm run generate:demo)',
    generatorVersion: GENERATOR_VERSION,
    crs: `GeoJSON: WGS84 lon/lat (RFC 7946); population grid: ${GK_CRS}`,
    files: {
      [DEMO_FILES.townships]: { features: collections.townships.features.length },
      [DEMO_FILES.counties]: { features: collections.counties.features.length },
      [DEMO_FILES.facilities]: { features: collections.facilities.features.length },
      [DEMO_FILES.places]: { features: collections.places.features.length },
      [DEMO_FILES.areas]: { features: collections.areas.features.length },
      [DEMO_FILES.population]: { cells: region.grid.totals.cells },
    },
  };
  files.set(DEMO_FILES.metadata, `${JSON.stringify(metadata, null, 2)}\n`);
  files.set('README.md', demoReadme(region, seed));
  return files;
}
