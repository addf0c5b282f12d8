// The committed demo files, read as plain JSON for the tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_FILES } from '../../src/core/dataset/demo-files.ts';
import type { FeatureCollection } from '../../src/core/geojson-types.ts';
import type { PopulationGrid } from '../../src/core/population/population-grid.ts';
import { DEMO_DIRECTORY } from '../../scripts/lib/load-demo-dataset.ts';

export const readDemoText = (name: string): string => readFileSync(join(DEMO_DIRECTORY, name), 'utf8');
export const readDemoCollection = (name: string): FeatureCollection => JSON.parse(readDemoText(name)) as FeatureCollection;
export const readDemoGrid = (): PopulationGrid => JSON.parse(readDemoText(DEMO_FILES.population)) as PopulationGrid;
