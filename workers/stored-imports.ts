// Large imported layers live in IndexedDB, written and read by the workers: the page's session
// keeps only a key (AcceptedImport.storeKey), so accepting or restoring a 1 M-feature layer never
// puts its features through the page's thread. IndexedDB is shared by the page and its workers.
import { del, get, keys, set } from 'idb-keyval';
import type { Result } from '../src/core/types.ts';
import type { AcceptedImport, ImportLayerData } from './apply-imports.ts';

export const STORED_IMPORT_PREFIX = 'gapmap-import:';

/** Layers already read in this worker, by key (a session's reloads then skip IndexedDB). */
const cache = new Map<string, ImportLayerData>();

export async function storeLayer(layer: ImportLayerData): Promise<string> {
  const key = `${STORED_IMPORT_PREFIX}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  await set(key, layer);
  cache.set(key, layer);
  return key;
}

export async function readStoredLayer(key: string): Promise<ImportLayerData | undefined> {
  const cached = cache.get(key);
  if (cached) return cached;
  const layer = await get<ImportLayerData>(key);
  if (layer) cache.set(key, layer);
  return layer;
}

/** Deletes every stored layer (a new session). */
export async function deleteStoredLayers(): Promise<void> {
  cache.clear();
  const stored = (await keys()).filter((key) => typeof key === 'string' && key.startsWith(STORED_IMPORT_PREFIX));
  await Promise.all(stored.map((key) => del(key)));
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
