// The CLI's road layer (--roads FILE, --speeds FILE): an OSM extract is streamed from disk (read
// twice, never whole); any other file goes through the import with its shapefile siblings.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { importRoads } from '../../src/core/network/import-roads.ts';
import { readOsmPbf } from '../../src/core/network/read-osm-pbf.ts';
import { parseSpeedTables } from '../../src/core/network/travel-modes.ts';
import { fail, ok, type DatasetRoads, type Result, type RunOptions } from '../../src/core/types.ts';
import { readLayerFiles } from './read-layer-files.ts';

export async function readRoadsFile(path: string, options: { crs?: string; encoding?: string }, run: RunOptions = {}): Promise<Result<DatasetRoads>> {
  const name = basename(path);
  try {
    if (/\.pbf$/i.test(path)) {
      const read = await readOsmPbf(() => createReadStream(path), {}, run);
      return read.ok ? ok({ name, lines: read.value.lines }) : fail({ ...read.error, file: path });
    }
    const read = await importRoads(readLayerFiles(path), options, run);
    return read.ok ? ok({ name, lines: read.value.lines }) : fail({ ...read.error, file: path });
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code ?? String(error);
    return fail({ code: 'unreadable-file', file: path, message: { zh: `无法读取道路文件（${detail}）`, en: `cannot read the roads file (${detail})` } });
  }
}

export async function readSpeedsFile(path: string): Promise<Result<NonNullable<DatasetRoads['speeds']>>> {
  let json: unknown;
  try {
    json = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    return fail({ code: 'invalid-speeds', file: path, message: { zh: `无法读取速度表（${detail}）`, en: `cannot read the speed table (${detail})` } });
  }
  const tables = parseSpeedTables(json);
  return tables.ok ? tables : fail({ ...tables.error, file: path });
}
