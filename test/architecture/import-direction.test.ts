// Imports go one way: core → workers → app. The core never imports the app or the workers (it
// runs in the CLI and in tests too); the workers never import the app; the app imports worker
// modules only as types (`import type`), and starts a worker with
// `new Worker(new URL('…/analysis.worker.ts', import.meta.url))`, which is not an import.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|mjs|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
  line: string;
}

/** Static imports/re-exports and dynamic import() calls with a relative specifier. */
function importsOf(file: string, text: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const match of text.matchAll(statement)) {
    // `import { type A, type B } from` is type-only too.
    const braces = /\{([^}]*)\}/.exec(match[0]);
    const allTypes = braces !== null && braces[1].split(',').every((name) => name.trim() === '' || name.trim().startsWith('type '));
    edges.push({ from: file, to: resolve(dirname(file), match[3]), typeOnly: Boolean(match[2]) || (allTypes && !/\*\s+as/.test(match[0])), line: match[0].trim() });
  }
  for (const match of text.matchAll(/\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) {
    edges.push({ from: file, to: resolve(dirname(file), match[1]), typeOnly: false, line: match[0] });
  }
  return edges;
}

const within = (path: string, folder: string) => !relative(join(ROOT, folder), path).startsWith('..');
const show = (edge: ImportEdge) => `${relative(ROOT, edge.from)}: ${edge.line}`;

describe('import direction', () => {
  const edges = ['src', 'workers'].flatMap((folder) => sourceFiles(join(ROOT, folder))).flatMap((file) => importsOf(file, readFileSync(file, 'utf8')));

  it('finds the imports it checks', () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(edges.some((edge) => within(edge.from, 'src/app') && within(edge.to, 'workers'))).toBe(true);
  });

  it('keeps the core free of the app and the workers', () => {
    const bad = edges.filter((edge) => within(edge.from, 'src/core') && (within(edge.to, 'src/app') || within(edge.to, 'workers') || edge.to.endsWith('main.ts')));
    expect(bad.map(show)).toEqual([]);
  });

  it('keeps the workers free of the app', () => {
    const bad = edges.filter((edge) => within(edge.from, 'workers') && within(edge.to, 'src/app'));
    expect(bad.map(show)).toEqual([]);
  });

  it('lets the app import worker modules only as types', () => {
    const bad = edges.filter((edge) => (within(edge.from, 'src/app') || edge.from.endsWith('src/main.ts')) && within(edge.to, 'workers') && !edge.typeOnly);
    expect(bad.map(show)).toEqual([]);
  });

  it('recognises a run-time import of a worker module (the rule can fail)', () => {
    const file = join(ROOT, 'src', 'app', 'example.ts');
    const [runtime] = importsOf(file, "import { deleteStoredLayers } from '../../workers/stored-imports.ts';");
    const [typed] = importsOf(file, "import type { AcceptedImport } from '../../workers/protocol.ts';");
    const [inline] = importsOf(file, "import { type AcceptedImport, type Outcome } from '../../workers/protocol.ts';");
    expect([runtime.typeOnly, typed.typeOnly, inline.typeOnly]).toEqual([false, true, true]);
    expect(within(runtime.to, 'workers')).toBe(true);
  });
});
