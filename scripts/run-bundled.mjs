// Runs a TypeScript command (scripts/analyze.ts, …) from a bundle that esbuild builds on first use
// and again whenever one of its sources changed: `node scripts/run-bundled.mjs scripts/analyze.ts
// [args]`. Starting through tsx compiles and links every module on each run (about 0.35 s of the
// CLI's start-up on this machine); a bundle loads in a third of that. Nothing to build by hand: a
// fresh clone builds on its first run (a few tenths of a second), and an edited source is seen by
// its modification time. The bundle lives in node_modules/.cache/gapmap-cli/ (ignored by git).
// Plain JavaScript, so that it needs no compiler itself; esbuild is the one Vite and tsx already
// install. Should esbuild fail, the command runs through tsx as before.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// GAPMAP_BUNDLE_CACHE: another folder for the bundles (the launcher's test uses its own; npm
// packages resolve only from a folder inside the checkout).
const CACHE = process.env.GAPMAP_BUNDLE_CACHE ?? join(ROOT, 'node_modules', '.cache', 'gapmap-cli');

/**
 * Modules a command starts as worker threads: bundled beside it as entries of their own (sharing its
 * chunks), which the command finds in GAPMAP_BUNDLE_DIRECTORY.
 */
const WORKER_ENTRIES = { 'scripts/analyze.ts': ['scripts/lib/draw-gaps-in-parallel.ts'] };

/** Every source file the bundle was built from, with the size and modification time it had. */
function isFresh(manifest, entries) {
  // a manifest from before the launcher and the lockfile were among its inputs is stale
  if (!manifest.inputs?.some(([path]) => path === 'scripts/run-bundled.mjs')) return false;
  if (JSON.stringify(manifest.entries) !== JSON.stringify(entries)) return false;
  try {
    for (const [path, mtimeMs, size] of manifest.inputs) {
      const stat = statSync(join(ROOT, path));
      if (stat.mtimeMs !== mtimeMs || stat.size !== size) return false;
    }
    statSync(join(manifest.directory, manifest.entry));
    return true;
  } catch {
    return false;
  }
}

/**
 * Each module keeps its own `import.meta.url` (the bundle sits elsewhere, and modules find files
 * such as data/demo/ relative to themselves): the source file's URL is written in as a literal.
 */
const ownImportMeta = {
  name: 'own-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
      const contents = readFileSync(args.path, 'utf8');
      if (!contents.includes('import.meta.url') && !contents.includes('import.meta.dirname')) return undefined;
      return {
        loader: 'ts',
        contents: contents
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
          .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path))),
      };
    });
  },
};

/**
 * npm packages every run loads (pure JavaScript, no files of their own read at run time) go into
 * the bundle: loaded as separate modules they cost about 0.13 s of each run's start-up (proj4
 * alone, a CommonJS file, 45 ms through Node's ES-module loader). The others (PostGIS's pg,
 * GeoTIFF, GeoParquet, …, loaded only by the options that need them) load from node_modules as
 * they are.
 */
const BUNDLED_PACKAGES = new Set(['proj4', 'kdbush', 'flatbush', 'flatqueue', 'd3-contour', 'd3-array', 'clipper2-ts', 'gcoord', 'fflate', 'pbf']);
const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const bundleEagerPackages = {
  name: 'bundle-eager-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || BUNDLED_PACKAGES.has(packageName(args.path))) return undefined;
      return { path: args.path, external: true };
    });
  },
};

async function build(entry, name, entries) {
  const { build: esbuild } = await import('esbuild');
  // A new directory per build, named in the manifest once complete: a run that started from the
  // previous bundle keeps its files while another run rebuilds.
  const directory = join(CACHE, `${name}-${process.pid}-${Date.now().toString(36)}`);
  const result = await esbuild({
    entryPoints: entries.map((path) => join(ROOT, path)),
    absWorkingDir: ROOT, // the metafile's paths are relative to the checkout
    bundle: true,
    splitting: true, // lazily imported parts (PostGIS, GeoParquet, the demo, tiling) stay lazy
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: directory,
    outExtension: { '.js': '.mjs' },
    entryNames: '[name]',
    metafile: true,
    logLevel: 'error',
    plugins: [ownImportMeta, bundleEagerPackages],
  });
  // the sources, this launcher (how it bundles) and the lockfile (the bundled packages' versions)
  const inputs = [...Object.keys(result.metafile.inputs).filter((path) => !path.includes('node_modules')), 'scripts/run-bundled.mjs', 'package-lock.json']
    .map((path) => {
      const stat = statSync(join(ROOT, path));
      return [path, stat.mtimeMs, stat.size];
    });
  const manifest = { directory, entry: `${basename(entry).replace(/\.[cm]?ts$/, '')}.mjs`, entries, inputs };
  const path = join(CACHE, `${name}.json`);
  writeFileSync(`${path}.${process.pid}`, JSON.stringify(manifest));
  renameSync(`${path}.${process.pid}`, path);
  removeOldBuilds(name, directory);
  return manifest;
}

/** Earlier builds of this command, once they are old enough that no run still reads them. */
function removeOldBuilds(name, keep) {
  for (const entry of readdirSync(CACHE)) {
    const path = join(CACHE, entry);
    if (path === keep || !entry.startsWith(`${name}-`) || entry.endsWith('.json')) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
    } catch {
      // another run removed it
    }
  }
}

async function bundled(entry) {
  // Named by the entry and the checkout (two checkouts may share one node_modules).
  const name = `${relative(ROOT, entry).replace(/[^A-Za-z0-9]+/g, '_')}-${createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`;
  mkdirSync(CACHE, { recursive: true });
  let manifest = null;
  try {
    manifest = JSON.parse(readFileSync(join(CACHE, `${name}.json`), 'utf8'));
  } catch {
    // not built yet
  }
  const entries = [relative(ROOT, entry), ...(WORKER_ENTRIES[relative(ROOT, entry)] ?? [])];
  if (!manifest || !isFresh(manifest, entries)) manifest = await build(entry, name, entries);
  return manifest;
}

if (!process.argv[2]) {
  process.stderr.write('usage: node scripts/run-bundled.mjs scripts/COMMAND.ts [arguments]\n');
  process.exit(2);
}
const entry = resolve(process.argv[2]);
// The command sees its own arguments, as when run directly: argv = [node, entry, …args].
process.argv.splice(1, 2, entry);
let module;
try {
  const manifest = await bundled(entry);
  module = join(manifest.directory, manifest.entry);
  // Where the bundle is, for a command that starts worker threads from it (the CLI's gaps).
  process.env.GAPMAP_BUNDLE_DIRECTORY = manifest.directory;
} catch (error) {
  process.stderr.write(`[start] no bundle (${error instanceof Error ? error.message.split('\n')[0] : error}); running through tsx\n`);
  const { register } = await import('tsx/esm/api');
  register();
  module = entry;
}
await import(pathToFileURL(module).href);
