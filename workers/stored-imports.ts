// Large imported layers live in IndexedDB, written and read by the workers: the page's session
// keeps only a key (AcceptedImport.storeKey), so accepting or restoring a 1 M-feature layer never
// puts its features through the page's thread. IndexedDB is shared by the page and its workers.
import { get, getMany, set, setMany } from 'idb-keyval';
import type { Result } from '../src/core/types.ts';
import { STORED_IMPORT_PREFIX, type AcceptedImport, type ImportLayerData } from '../src/core/dataset/apply-imports.ts';

/**
 * Features per stored chunk. Chromium refuses IndexedDB values over about 133 MB; 50,000 point
 * features are about 8 MB, and even 40-vertex polygons stay far below the limit.
 */
const CHUNK_FEATURES = 50_000;

interface StoredHeader {
  fileName: string;
  fields: ImportLayerData['fields'];
  chunks: number;
}

const chunkKey = (key: string, index: number) => `${key}#${index}`;

/** Layers already read in this worker, by key (a session's reloads then skip IndexedDB). */
const cache = new Map<string, ImportLayerData>();

export async function storeLayer(layer: ImportLayerData): Promise<string> {
  const key = `${STORED_IMPORT_PREFIX}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const chunks: [string, ImportLayerData['features']][] = [];
  for (let start = 0; start < layer.features.length; start += CHUNK_FEATURES) {
    chunks.push([chunkKey(key, chunks.length), layer.features.slice(start, start + CHUNK_FEATURES)]);
  }
  await setMany(chunks);
  // The header goes last: a layer whose header exists is complete.
  await set(key, { fileName: layer.fileName, fields: layer.fields, chunks: chunks.length } satisfies StoredHeader);
  cache.set(key, layer);
  return key;
}

export async function readStoredLayer(key: string): Promise<ImportLayerData | undefined> {
  const cached = cache.get(key);
  if (cached) return cached;
  const header = await get<StoredHeader>(key);
  if (!header) return undefined;
  const chunks = await getMany<ImportLayerData['features'] | undefined>(Array.from({ length: header.chunks }, (_, i) => chunkKey(key, i)));
  if (chunks.some((chunk) => !chunk)) return undefined;
  const layer: ImportLayerData = { fileName: header.fileName, fields: header.fields, features: chunks.flatMap((chunk) => chunk!) };
  cache.set(key, layer);
  return layer;
}

/** The imports with every layer in place: stored ones are read by `read`. */
export async function resolveImports(
  imports: AcceptedImport[],
  read: (key: string) => Promise<ImportLayerData | undefined> = readStoredLayer,
): Promise<Result<AcceptedImport[]>> {
  const resolved: AcceptedImport[] = [];
  for (const accepted of imports) {
    if (accepted.layer || !accepted.storeKey) {
      resolved.push(accepted);
      continue;
    }
    const layer = await read(accepted.storeKey);
    if (!layer) {
      return {
        ok: false,
        error: {
          code: 'stored-layer-missing',
          message: {
            zh: `导入的图层“${accepted.name ?? accepted.storeKey}”已不在浏览器存储中，请重新导入`,
            en: `The imported layer "${accepted.name ?? accepted.storeKey}" is no longer in the browser's storage; import it again`,
          },
          file: accepted.name,
        },
      };
    }
    resolved.push({ ...accepted, layer });
  }
  return { ok: true, value: resolved };
}
