// Fetches the demo region's files (data/demo, listed in src/core/dataset/demo-files.ts) and builds
// the Dataset with the core's own constructors.
import type { Dataset } from '../src/core/types.ts';

export async function fetchDemoDataset(_urls: Record<string, string>): Promise<Dataset> {
  throw new Error('demo dataset not available yet');
}
