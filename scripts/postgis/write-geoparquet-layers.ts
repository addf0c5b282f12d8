// `--format geoparquet`: the prepared layers as GeoParquet files in the output folder, streamed to
// disk row group by row group (hyparquet-writer's fileWriter).

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileWriter } from 'hyparquet-writer';
import type { PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { preparedLayers } from '../../src/core/geoparquet/prepared-layers.ts';
import { writeGeoParquet } from '../../src/core/geoparquet/write-geoparquet.ts';
import type { RunOptions } from '../../src/core/types.ts';

export async function writeGeoParquetLayers(directory: string, prepared: PreparedDataset, run: RunOptions = {}): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const written: string[] = [];
  for (const [name, layer] of Object.entries(preparedLayers(prepared))) {
    const path = join(directory, `${name}.parquet`);
    await writeGeoParquet(fileWriter(path), layer, { signal: run.signal, onProgress: run.onProgress && ((f) => run.onProgress!(f, name)) });
    written.push(path);
  }
  return written;
}
