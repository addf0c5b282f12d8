// The import feature's controller: a file picker from the header, files dropped on the map,
// reading in the background worker with progress (import-dialog.ts shows the report), a preview
// on the map, and an accepted layer laid over the dataset in both workers and kept in the
// session. The dialog and its parsers load on first use.
import * as Comlink from 'comlink';
import type { AnalysisClient } from '../analysis/analysis-client.ts';
import type { AcceptedImport, ReviewedLayer } from '../../../workers/protocol.ts';
import { appCatalog } from '../analysis/app-catalog.ts';
import type { Language } from '../../core/i18n/translate.ts';
import type { ImportedLayer, ImportOptions } from '../../core/import/import-layer.ts';
import type { Result } from '../../core/types.ts';
import type { ImportDialog } from './import-dialog.ts';
import type { AppContext } from '../controllers/app-context.ts';
import type { DatasetController } from '../controllers/dataset-controller.ts';
import { currentLanguage, t } from '../i18n/app-language.ts';
import { confirmDialog } from '../panels/dialogs.ts';
import { importsWithin, isAnotherRegion } from '../analysis/project-layers.ts';
import type { SessionState } from '../session/session-state.ts';

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
  /** The dialog closed while the worker was still reading: that work must stop (replace the worker). */
  onAbandonedRead(): void;
  /** Files were dropped on the map (a new layer, not the replacement of one). */
  onFilesDropped?(): void;
}

export interface ImportEntry {
  /** Opens the file picker; the chosen files open the dialog. */
  pickFiles(): Promise<void>;
  /** Opens the dialog with these files (for tests and drops). */
  openWith(files: File[]): Promise<void>;
}

/** What the layer list shows of an accepted layer: its feature count, the CRS it came in, its extent. */
function layerFacts(layer: ReviewedLayer): Pick<AcceptedImport, 'featureCount' | 'crs' | 'extent' | 'readablePartKept'> {
  return {
    featureCount: layer.loadedCount,
    crs: layer.crs.applied,
    ...(layer.extent ? { extent: layer.extent } : {}),
    ...(layer.readablePartKept ? { readablePartKept: layer.readablePartKept } : {}),
  };
}

function wireImport(wiring: ImportWiring): ImportEntry {
  let dialog: Promise<ImportDialog> | null = null;
  // A large layer stays in the worker while the dialog shows its report and a preview sample; its
  // features cross to the page only when the planner accepts (workers/hold-import.ts).
  let heldId: number | undefined;
  let reads = 0; // a read whose dialog closed (or read again) meanwhile releases what it got
  let inFlight = 0; // reads the worker is still doing
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
  const acceptedLayer = async (layer: ReviewedLayer): Promise<Pick<AcceptedImport, 'layer' | 'storeKey'> | undefined> => {
    const id = layer.heldId;
    if (id === undefined) return { layer: { fileName: layer.fileName, features: layer.features, fields: layer.fields } };
    heldId = undefined; // taken, not released
    const storeKey = await wiring.client.call((api) => api.storeHeldImport(id, { fileName: layer.fileName, fields: layer.fields }));
    return storeKey ? { storeKey } : undefined;
  };
  const modules = () => Promise.all([import('./import-dialog.ts'), import('./attach-file-drop.ts'), import('./import-dialog.css')]);

  const ensureDialog = (): Promise<ImportDialog> =>
    (dialog ??= modules().then(([{ mountImportDialog }]) =>
      mountImportDialog(wiring.host, {
        lang: wiring.language,
        importLayer: async (files: { name: string; bytes: Uint8Array }[], options: ImportOptions, onProgress?: (fraction: number, stage: string) => void) => {
          release();
          const mine = ++reads;
          inFlight++;
          let result: Result<ReviewedLayer>;
          try {
            result = await wiring.client.call<Result<ReviewedLayer>>((api) => api.reviewImport(files, options, onProgress ? Comlink.proxy(onProgress) : undefined));
          } catch (error) {
            // The read was cancelled (its worker replaced) or the worker died: the dialog has closed or shows this.
            const message = error instanceof Error ? error.message : String(error);
            return { ok: false, error: { code: 'read-stopped', message: { zh: `读取已停止：${message}`, en: `Reading stopped: ${message}` } } };
          } finally {
            inFlight--;
          }
          const id = result.ok ? result.value.heldId : undefined;
          if (mine === reads) heldId = id;
          else releaseId(id); // nobody will show this one
          return result;
        },
        onPreview: (layer: ImportedLayer | undefined) => {
          if (!layer) {
            reads++;
            release();
            if (inFlight > 0) wiring.onAbandonedRead();
          }
          wiring.onPreview(layer);
        },
        referenceOptions: () => {
          const bbox = wiring.referenceBBox();
          return bbox ? { referenceBBox: bbox } : {};
        },
        catalog: appCatalog,
        onAccept: (layer, role, mapping, typeMap) =>
          void acceptedLayer(layer).then(
            (data) => {
              if (data) wiring.onAccept({ name: layer.fileName, role, mapping, ...(typeMap ? { typeMap } : {}), ...layerFacts(layer), ...data });
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
  void import('./attach-file-drop.ts').then(({ attachFileDrop }) =>
    attachFileDrop(wiring.dropTarget, (files) => {
      wiring.onFilesDropped?.();
      void openWith(files);
    }),
  );

  return {
    openWith,
    async pickFiles() {
      const [, { openFilePicker }] = await modules();
      openFilePicker((files) => void openWith(files));
    },
  };
}

export class ImportController {
  private readonly entry: ImportEntry;
  /** The project layer the next accepted import replaces (set by "replace", cleared on use). */
  private replacing: number | undefined;

  constructor(
    private readonly context: AppContext,
    private readonly dataset: DatasetController,
    /** Runs the analysis and the rules on the new data. */
    private readonly reanalyse: () => Promise<unknown>,
  ) {
    const host = document.createElement('div');
    host.id = 'import-host';
    document.body.append(host);
    this.entry = wireImport({
      client: context.background,
      host,
      dropTarget: document.querySelector<HTMLElement>('.map-area')!,
      language: currentLanguage,
      referenceBBox: () => context.state.dataset?.summary.bbox,
      onPreview: (layer) => context.views.map.setPreview(layer ? JSON.stringify({ type: 'FeatureCollection', features: layer.features }) : null),
      onAccept: (accepted) => void this.accept(accepted),
      onAcceptFailed: (message) => context.views.banner.show('error', t('status.import-failed', { message })),
      onFilesDropped: () => (this.replacing = undefined),
      // Cancel stops the work: the background worker is replaced (a 1 GB .dbf would otherwise keep
      // it busy for minutes and the next import would wait), and the new one loads the data again.
      onAbandonedRead: () => {
        context.background.restart();
        context.ready.workerReplaced();
        dataset.reloadBackground();
      },
    });
  }

  pickFiles(): Promise<void> {
    this.replacing = undefined;
    return this.entry.pickFiles();
  }

  openWith(files: File[], replacing?: number): Promise<void> {
    this.replacing = replacing;
    return this.entry.openWith(files);
  }

  /** Opens the file picker; the accepted layer takes the place of layer `index` of the project. */
  replace(index: number): Promise<void> {
    this.replacing = index;
    return this.entry.pickFiles();
  }

  /** Removes layer `index` of the project, after confirmation; the project is analysed again without it. */
  async remove(index: number): Promise<boolean> {
    const { state } = this.context;
    const layer = state.session.imports[index];
    if (!layer) return false;
    const name = layer.name ?? layer.layer?.fileName ?? '';
    if (!(await confirmDialog('remove-layer-dialog', t('data-layers.remove'), t('data-layers.remove-confirm', { name }), t('data-layers.remove')))) return false;
    const imports = state.session.imports.filter((_, i) => i !== index);
    return this.load(imports, state.session.project, t('data-layers.removed', { name }));
  }

  /**
   * Lays an accepted layer over the project (or in place of the layer being replaced); the session
   * keeps it only if both workers could use it. Boundaries wholly outside the demo region offer a
   * project of their own, with none of the demo's layers.
   */
  async accept(accepted: AcceptedImport): Promise<boolean> {
    const { state } = this.context;
    const replacing = this.replacing;
    this.replacing = undefined;
    const current = state.session.imports;
    if (replacing === undefined && isAnotherRegion(accepted, state.dataset?.summary)) {
      const own = await confirmDialog('another-region-dialog', t('data-layers.another-region'), t('data-layers.another-region-confirm', { name: accepted.name ?? '' }), t('data-layers.another-region-button'));
      if (own) return this.load([...importsWithin(current, accepted.extent!), accepted], 'empty', t('status.import-done', { name: accepted.name ?? '' }));
    }
    const imports = replacing !== undefined && replacing < current.length ? current.map((layer, i) => (i === replacing ? accepted : layer)) : [...current, accepted];
    return this.load(imports, state.session.project, t('status.import-done', { name: accepted.name ?? '' }));
  }

  /** Loads `imports` (over the demo or alone) into both workers; the session changes only if that worked. */
  private async load(imports: AcceptedImport[], project: SessionState['project'], done: string): Promise<boolean> {
    const { state, views } = this.context;
    views.progress.show('progress.loading', 0.1);
    const before = state.session.project;
    state.session.project = project; // the workers load the demo only for a demo project
    const result = await this.dataset.loadIntoWorkers(imports);
    views.progress.hide();
    if (!result.ok) {
      state.session.project = before;
      views.banner.show('error', t('status.import-failed', { message: result.error.message[currentLanguage()] }));
      return false;
    }
    state.session.imports = imports;
    this.context.save();
    views.banner.show('info', done);
    await this.dataset.show(result.value);
    await this.reanalyse();
    return true;
  }
}
