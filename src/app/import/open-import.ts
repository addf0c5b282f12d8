// Opens the import dialog (src/app/import-dialog, written by the import helper) with the
// background worker's importLayer, and hands an accepted layer to the app as an AcceptedImport.
// The dialog is loaded lazily (its parsers are heavy) and found by what it exports, so the app
// builds and runs before it exists.
import type { AnalysisClient } from '../analysis/analysis-client.ts';
import type { AcceptedImport } from '../../../workers/apply-imports.ts';
import type { Language } from '../../core/i18n/translate.ts';
import type { FieldMapping, LayerRole } from '../../core/import/guess-field-mapping.ts';
import type { ImportedLayer, ImportOptions } from '../../core/import/import-layer.ts';
import type { Result } from '../../core/types.ts';

export interface OpenImportOptions {
  client: AnalysisClient;
  lang: Language;
  host: HTMLElement;
  /** Files dropped on the map, to open the dialog with. */
  files?: File[];
  onAccept(accepted: AcceptedImport): void;
  onUnavailable(): void;
}

type ImportFiles = { name: string; bytes: Uint8Array }[];
interface DialogModule {
  mountImportDialog?: (
    host: HTMLElement,
    options: {
      importLayer(files: ImportFiles, options?: ImportOptions): Promise<Result<ImportedLayer>>;
      onAccept(layer: ImportedLayer, role: LayerRole, mapping: FieldMapping): void;
      lang: Language;
      files?: File[];
    },
  ) => unknown;
  attachFileDrop?: (target: HTMLElement, onFiles: (files: File[]) => void) => unknown;
}

const dialogModules = import.meta.glob<DialogModule>('../import-dialog/*.ts');

async function loadDialogModule(): Promise<DialogModule | null> {
  for (const load of Object.values(dialogModules)) {
    const module = await load();
    if (typeof module.mountImportDialog === 'function') return module;
  }
  return null;
}

export async function openImport(options: OpenImportOptions): Promise<void> {
  const module = await loadDialogModule();
  if (!module?.mountImportDialog) {
    options.onUnavailable();
    return;
  }
  const handle = module.mountImportDialog(options.host, {
    lang: options.lang,
    files: options.files,
    importLayer: (files, importOptions) => options.client.call<Result<ImportedLayer>>((api) => api.importLayer(files, importOptions)),
    onAccept: (layer, role, mapping) =>
      options.onAccept({ name: layer.fileName, role, mapping, layer: { fileName: layer.fileName, features: layer.features, fields: layer.fields } }),
  }) as { open?: () => void } | undefined;
  handle?.open?.();
}

/** Dropping files on `target` opens the dialog with them (when the dialog exists). */
export async function attachImportDrop(target: HTMLElement, onFiles: (files: File[]) => void): Promise<void> {
  const module = await loadDialogModule();
  module?.attachFileDrop?.(target, onFiles);
}
