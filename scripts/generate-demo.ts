// npm run generate:demo [-- --seed N --out DIR]
// Writes the synthetic demo region (modelled on Yuxi City) to data/demo/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_SEED, demoOptions } from './demo/demo-config.ts';
import { generateRegionWithFiles } from './demo/generate-region.ts';
import { serializeDemoFiles, serializeFeatureCollection } from './demo/serialize-demo-files.ts';
import { DEMO_ROADS_FILE, generateDemoRoads } from './demo/generate-roads.ts';
import { summariseTargets } from './demo/summarise-targets.ts';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const seed = Number(argument('seed') ?? DEMO_SEED);
if (!Number.isInteger(seed)) {
  process.stderr.write('--seed must be an integer / 种子必须为整数\n');
  process.exit(1);
}
const out = argument('out') ?? join('data', 'demo');
const started = performance.now();
const region = generateRegionWithFiles(demoOptions(seed));
mkdirSync(out, { recursive: true });
let total = 0;
const files = serializeDemoFiles(region, seed);
files.set(DEMO_ROADS_FILE, serializeFeatureCollection(generateDemoRoads(region, { seed, enclaveCount: demoOptions(seed).enclaveCount ?? 2 })));
for (const [name, content] of files) {
  writeFileSync(join(out, name), content);
  const bytes = Buffer.byteLength(content);
  total += bytes;
  process.stderr.write(`${name.padEnd(22)} ${(bytes / 1024).toFixed(0).padStart(6)} KB\n`);
}
process.stderr.write(
  `wrote ${out}: ${(total / 1024 / 1024).toFixed(2)} MB, ${region.dataset.townships.length} townships, ${region.dataset.facilities.length} facilities, ` +
    `${region.grid.totals.cells} cells, ${region.grid.totals.population} people, seed ${seed}, ${Math.round(performance.now() - started)} ms\n`,
);
for (const figure of summariseTargets(region.dataset)) {
  process.stderr.write(`${figure.pass ? 'pass' : 'FAIL'}  ${figure.id.padEnd(30)} ${figure.value}\n`);
}
