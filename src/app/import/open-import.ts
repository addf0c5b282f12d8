// Opens the import dialog (src/app/import-dialog, the import helper's) with the worker's
// importLayer, and hands an accepted layer to the app as an AcceptedImport.
import type { AnalysisClient } from '../analysis/analysis-client.ts';
import type { AcceptedImport } from '../../../workers/apply-imports.ts';
import type { Language } from '../../core/i18n/translate.ts';

export interface OpenImportOptions {
  client: AnalysisClient;
  lang: Language;
  onAccept(accepted: AcceptedImport): void;
}

export function openImport(_options: OpenImportOptions): void {
  // wired when src/app/import-dialog lands
}
