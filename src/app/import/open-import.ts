// Wires the import dialog (src/app/import-dialog, the import helper's) into the app: a file picker
// from the header, files dropped on the map, reading in the background worker with progress, a
// preview on the map, and an accepted layer handed to the app as an AcceptedImport. The dialog and
// its parsers load on first use.
import * as Comlink from 'comlink';
import type { AnalysisClient } from '../analysis/analysis-client.ts';
import type { AcceptedImport } from '../../../workers/apply-imports.ts';
import type { Language } from '../../core/i18n/translate.ts';
import type { ImportedLayer, ImportOptions } from '../../core/import/import-layer.ts';
import type { Result } from '../../core/types.ts';
import type { ImportDialog, ReviewedLayer } from '../import-dialog/import-dialog.ts';

export interface ImportWiring {
  client: AnalysisClient;
  host: HTMLElement;
  dropTarget: HTMLElement;
  language(): Language;
  /** Extent of the data already loaded, for the dialog's offset checks. */
  referenceBBox(): [number, number, number, number] | undefined;
  onPreview(layer: ImportedLayer | undefined): void;
  onAccept(accepted: AcceptedImport): void;
  /** Accepting failed before the layer reached the session (e.g. the browser refused to store it). */
  onAcceptFailed(message: string): void;
}

export interface ImportController {
  /** Opens the file picker; the chosen files open the dialog. */
  pickFiles(): Promise<void>;
  /** Opens the dialog with these files (for tests and drops). */
  openWith(files: File[]): Promise<void>;
}

export function wireImport(wiring: ImportWiring): ImportController {
  let dialog: Promise<ImportDialog> | null = null;
  // A large layer stays in the worker while the dialog shows its report and a preview sample; its
  // features cross to the page only when the planner accepts (workers/hold-import.ts).
  let heldId: number | undefined;
  let reads = 0; // a read whose dialog closed (or read again) meanwhile releases what it got
  const releaseId = (id: number | undefined): void => {
    if (id !== undefined) void wiring.client.call((api) => api.releaseHeld(id)).catch(() => undefined);
  };
  const release = (): void => {
    releaseId(heldId);
    heldId = undefined;
  };
  /**
   * The accepted layer for the session: a small one inline; a large one held by the worker is
   * stored by the worker in IndexedDB and the session keeps only its key, so its features never
   * cross the page's thread.
   */
  const acceptedLayer = async (layer: ReviewedLayer & { heldId?: number }): Promise<Pick<AcceptedImport, 'layer' | 'storeKey'> | undefined> => {
    const id = layer.heldId;
    if (id === undefined) return { layer: { fileName: layer.fileName, features: layer.features, fields: layer.fields } };
    heldId = undefined; // taken, not released
    const storeKey = await wiring.client.call((api) => api.storeHeldImport(id, { fileName: layer.fileName, fields: layer.fields }));
    return storeKey ? { storeKey } : undefined;
  };
  const modules = () => Promise.all([import('../import-dialog/import-dialog.ts'), import('../import-dialog/attach-file-drop.ts'), import('../import-dialog/import-dialog.css')]);

  const ensureDialog = (): Promise<ImportDialog> =>
    (dialog ??= modules().then(([{ mountImportDialog }]) =>
      mountImportDialog(wiring.host, {
        lang: wiring.language,
        importLayer: async (files: { name: string; bytes: Uint8Array }[], options: ImportOptions, onProgress?: (fraction: number, stage: string) => void) => {
          release();
          const mine = ++reads;
          const result = await wiring.client.call<Result<ReviewedLayer & { heldId?: number }>>((api) => api.reviewImport(files, options, onProgress ? Comlink.proxy(onProgress) : undefined));
          const id = result.ok ? result.value.heldId : undefined;
          if (mine === reads) heldId = id;
          else releaseId(id); // nobody will show this one
          return result;
        },
        onPreview: (layer: ImportedLayer | undefined) => {
          if (!layer) {
            reads++;
            release();
          }
          wiring.onPreview(layer);
        },
        referenceOptions: () => {
          const bbox = wiring.referenceBBox();
          return bbox ? { referenceBBox: bbox } : {};
        },
        onAccept: (layer, role, mapping) =>
          void acceptedLayer(layer).then(
            (data) => {
              if (data) wiring.onAccept({ name: layer.fileName, role, mapping, ...data });
              else wiring.onAcceptFailed('the layer was no longer held by the worker; read the file again');
            },
            (error: unknown) => wiring.onAcceptFailed(error instanceof Error ? error.message : String(error)),
          ),
      }),
    ));

  const openWith = async (files: File[]) => {
    if (files.length) (await ensureDialog()).open(files);
  };

  // Drops work from the start; the dialog's code loads on the first drop.
  void import('../import-dialog/attach-file-drop.ts').then(({ attachFileDrop }) => attachFileDrop(wiring.dropTarget, (files) => void openWith(files)));

  return {
    openWith,
    async pickFiles() {
      const [, { openFilePicker }] = await modules();
      openFilePicker((files) => void openWith(files));
    },
  };
}
