// The committed demo files, read as plain JSON for the tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection } from '../../src/core/geojson-types.ts';
import { DEMO_DIRECTORY } from '../../scripts/lib/load-demo-dataset.ts';

export const readDemoText = (name: string): string => readFileSync(join(DEMO_DIRECTORY, name), 'utf8');
export const readDemoCollection = (name: string): FeatureCollection => JSON.parse(readDemoText(name)) as FeatureCollection;
