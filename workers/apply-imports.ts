// Imported layers laid over a dataset: boundaries replace the townships, facilities and places
// are added, population replaces the cells. Runs in the worker; a failure leaves the input as is.
import type { Dataset, Result } from '../src/core/types.ts';

export interface AcceptedImport {
  name?: string;
  role: string;
  layer: unknown;
  mapping: unknown;
}

export function applyImports(dataset: Dataset, imports: AcceptedImport[]): Result<Dataset> {
  if (imports.length === 0) return { ok: true, value: dataset };
  return { ok: false, error: { code: 'import-unsupported', message: { zh: '暂不支持导入', en: 'Import not available yet' } } };
}
