// Writes a seeded synthetic region as the files a planner would bring: township boundaries as
// GeoJSON with only an `id` field, facilities and population points as CSV (lon,lat[,w]) and as
// GeoJSON. The whole-process benchmark and the CLI's end-to-end test run on these files.
//   10× region: 1,000 townships, 30,000 facilities, 1,000,000 population points;
//   small sibling: 100 townships, 3,000 facilities, 100,000 points.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateRegionWithFiles, type GeneratedRegion } from '../demo/generate-region.ts';

export interface BenchRegionSize {
  seed: number;
  townshipCount: number;
  facilityCount: number;
  pointCount: number;
}

export const TEN_TIMES_REGION: BenchRegionSize = { seed: 10, townshipCount: 1000, facilityCount: 30000, pointCount: 1_000_000 };
export const SMALL_REGION: BenchRegionSize = { seed: 11, townshipCount: 100, facilityCount: 3000, pointCount: 100_000 };

export interface BenchRegionFiles {
  townships: string;
  facilitiesCsv: string;
  facilitiesGeojson: string;
  populationCsv: string;
  populationGeojson: string;
  /** Bytes per file name. */
  bytes: Record<string, number>;
}

const coordinate = (v: number) => v.toFixed(6);

/** Writes header, lines and footer in batches, so a million rows never become one huge string. */
function writeLines(path: string, header: string, count: number, line: (i: number) => string, footer = ''): number {
  writeFileSync(path, header);
  let bytes = Buffer.byteLength(header);
  for (let start = 0; start < count; start += 50_000) {
    let text = '';
    for (let i = start; i < Math.min(count, start + 50_000); i++) text += line(i);
    appendFileSync(path, text);
    bytes += Buffer.byteLength(text);
  }
  appendFileSync(path, footer);
  return bytes + Buffer.byteLength(footer);
}

export function generateBenchRegion(size: BenchRegionSize): GeneratedRegion {
  return generateRegionWithFiles({ seed: size.seed, townshipCount: size.townshipCount, facilityCount: size.facilityCount, targetCellCount: size.pointCount });
}

/** Where the region's files are (or go) in `directory`. */
export function benchRegionFiles(directory: string): BenchRegionFiles {
  return {
    townships: join(directory, 'townships.geojson'),
    facilitiesCsv: join(directory, 'facilities.csv'),
    facilitiesGeojson: join(directory, 'facilities.geojson'),
    populationCsv: join(directory, 'population.csv'),
    populationGeojson: join(directory, 'population.geojson'),
    bytes: {},
  };
}

/** Writes the region's files into `directory` (generating it unless given). */
export function writeBenchRegion(directory: string, size: BenchRegionSize, region: GeneratedRegion = generateBenchRegion(size)): BenchRegionFiles {
  mkdirSync(directory, { recursive: true });
  const { collections, dataset } = region;
  const files = benchRegionFiles(directory);
  const townships = collections.townships.features.map((feature) => ({ type: 'Feature', properties: { id: String(feature.properties?.code) }, geometry: feature.geometry }));
  const townshipText = JSON.stringify({ type: 'FeatureCollection', features: townships });
  writeFileSync(files.townships, townshipText);
  files.bytes['townships.geojson'] = Buffer.byteLength(townshipText);

  const { facilities } = dataset;
  files.bytes['facilities.csv'] = writeLines(files.facilitiesCsv, 'lon,lat\n', facilities.length, (i) => `${coordinate(facilities[i].lon)},${coordinate(facilities[i].lat)}\n`);
  files.bytes['facilities.geojson'] = writeLines(
    files.facilitiesGeojson,
    '{"type":"FeatureCollection","features":[\n',
    facilities.length,
    (i) => `${i > 0 ? ',' : ''}{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[${coordinate(facilities[i].lon)},${coordinate(facilities[i].lat)}]}}\n`,
    ']}\n',
  );

  // Population: every populated cell as a point with its head count (the generator's cells; the
  // count is close to, not exactly, the requested size).
  const { lon, lat, population } = dataset.population;
  const populated: number[] = [];
  for (let i = 0; i < population.length; i++) if (population[i] > 0) populated.push(i);
  files.bytes['population.csv'] = writeLines(files.populationCsv, 'lon,lat,w\n', populated.length, (k) => {
    const i = populated[k];
    return `${coordinate(lon[i])},${coordinate(lat[i])},${population[i]}\n`;
  });
  files.bytes['population.geojson'] = writeLines(
    files.populationGeojson,
    '{"type":"FeatureCollection","features":[\n',
    populated.length,
    (k) => {
      const i = populated[k];
      return `${k > 0 ? ',' : ''}{"type":"Feature","properties":{"w":${population[i]}},"geometry":{"type":"Point","coordinates":[${coordinate(lon[i])},${coordinate(lat[i])}]}}\n`;
    },
    ']}\n',
  );
  return files;
}

/** `npm run analyze` arguments for these files (R = 1,500 m; every facility a clinic). */
export function benchRegionArgs(files: BenchRegionFiles, format: 'csv' | 'geojson'): string[] {
  return [
    '--boundaries', files.townships,
    '--facilities', format === 'csv' ? files.facilitiesCsv : files.facilitiesGeojson, '--type', 'clinic',
    '--population', format === 'csv' ? files.populationCsv : files.populationGeojson, '--population-field', 'w',
    '--radius', '1500',
  ];
}
