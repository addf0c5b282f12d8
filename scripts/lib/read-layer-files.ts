// Reads a layer's files from disk for importLayer: one file, or for a .shp (or any shapefile part)
// the .shp with its sibling .shx/.dbf/.prj/.cpg (matched case-insensitively).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

const SHAPEFILE_PARTS = new Set(['.shp', '.shx', '.dbf', '.prj', '.cpg']);

export function readLayerFiles(path: string): { name: string; bytes: Uint8Array }[] {
  const extension = extname(path).toLowerCase();
  if (!SHAPEFILE_PARTS.has(extension)) return [{ name: basename(path), bytes: new Uint8Array(readFileSync(path)) }];
  const directory = dirname(path);
  const stem = basename(path, extname(path)).toLowerCase();
  return readdirSync(directory)
    .filter((name) => SHAPEFILE_PARTS.has(extname(name).toLowerCase()) && basename(name, extname(name)).toLowerCase() === stem)
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(directory, name))) }));
}
