// The import dialog: a self-contained DOM component (no framework). The planner picks the layer's
// role, maps its fields (prefilled by guessFieldMapping), confirms or changes the coordinate system
// and encoding (re-reading the files), reads the validation report and accepts or cancels.
// Feature properties are only ever shown as text (textContent), never as HTML.
// Nothing reaches the session unless the planner accepts: a failed import leaves it untouched.
import { listCrsChoices } from '../../core/import/coordinate-systems.ts';
import { summarizeImport } from '../../core/import/format-problem-table.ts';
import { guessFieldMapping, type FieldMapping, type LayerRole } from '../../core/import/guess-field-mapping.ts';
import type { ImportedLayer, ImportOptions } from '../../core/import/import-layer.ts';
import type { ImportProblem } from '../../core/import/import-problem.ts';
import type { Result } from '../../core/types.ts';
import { readBrowserFiles } from './attach-file-drop.ts';
import { DIALOG_TEXT } from './dialog-text.ts';

export type { FieldMapping, LayerRole } from '../../core/import/guess-field-mapping.ts';

type Lang = 'zh' | 'en';
type Text = { zh: string; en: string };

/**
 * What a read returns. In the app the worker keeps a large layer and sends only a preview sample as
 * `features`, with the full `extent` and `previewCount` (see workers/hold-import.ts).
 */
export type ReviewedLayer = ImportedLayer & { extent?: [number, number, number, number]; previewCount?: number };

export interface ImportDialogDeps {
  /** Runs the import (in a worker, in the app): files and options → layer or structured error. */
  importLayer: (
    files: { name: string; bytes: Uint8Array }[],
    options: ImportOptions,
    /** Optional: call with a fraction in [0, 1] while reading; the dialog shows a progress bar. */
    onProgress?: (fraction: number, stage: string) => void,
  ) => Promise<Result<ReviewedLayer>>;
  /** Called once, when the planner accepts. */
  onAccept: (layer: ReviewedLayer, role: LayerRole, mapping: FieldMapping) => void;
  lang: () => Lang;
  /** Called after every successful read, so the app can draw the layer on the map as a preview. */
  onPreview?: (layer: ImportedLayer | undefined) => void;
  /** Passed to importLayer on every read (the extent and points already loaded), for the offset checks. */
  referenceOptions?: () => Pick<ImportOptions, 'referenceBBox' | 'referencePoints'>;
}

export interface ImportDialog {
  open(files: File[]): void;
  close(): void;
}

const ROLES: LayerRole[] = ['boundaries', 'facilities', 'population', 'places', 'roads'];
const REPORT_ROWS = 500;

/** Which mapping entries each role shows, and which of them must be set before accepting. */
const ROLE_FIELDS: Record<LayerRole, { keys: string[]; required: string[] }> = {
  boundaries: { keys: ['nameField', 'codeField', 'parentField', 'level'], required: ['nameField', 'codeField'] },
  facilities: { keys: ['type', 'typeField', 'nameField', 'capacityField', 'idField'], required: [] },
  population: { keys: ['populationField', 'age0_3', 'age60plus'], required: ['populationField'] },
  places: { keys: ['kind', 'kindField', 'nameField', 'idField'], required: [] },
  roads: { keys: ['nameField'], required: [] },
};

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function layerExtent(layer: ImportedLayer): [number, number, number, number] | undefined {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  const visit = (value: unknown): void => {
    if (typeof (value as unknown[])[0] === 'number') {
      const [x, y] = value as number[];
      west = Math.min(west, x);
      south = Math.min(south, y);
      east = Math.max(east, x);
      north = Math.max(north, y);
    } else for (const item of value as unknown[]) visit(item);
  };
  for (const feature of layer.features) if (feature.geometry && 'coordinates' in feature.geometry) visit(feature.geometry.coordinates);
  return Number.isFinite(west) ? [west, south, east, north] : undefined;
}

function defaultRole(layer: ImportedLayer): LayerRole {
  if (layer.geometryTypes.some((type) => type.endsWith('Polygon'))) return 'boundaries';
  if (layer.geometryTypes.some((type) => type.endsWith('LineString'))) return 'roads';
  return 'facilities';
}

export function mountImportDialog(host: HTMLElement, deps: ImportDialogDeps): ImportDialog {
  const root = element('div', 'gapmap-import-dialog');
  root.setAttribute('role', 'dialog');
  root.setAttribute('aria-modal', 'true');
  root.hidden = true;
  host.append(root);

  let files: { name: string; bytes: Uint8Array }[] = [];
  let options: ImportOptions = {};
  let layer: ReviewedLayer | undefined;
  let role: LayerRole = 'facilities';
  let mapping: FieldMapping = {};
  let generation = 0;

  const t = (text: Text): string => text[deps.lang()];

  const close = (): void => {
    generation++;
    root.hidden = true;
    root.replaceChildren();
    layer = undefined;
    files = [];
    deps.onPreview?.(undefined);
  };

  const frame = (): { body: HTMLElement; footer: HTMLElement } => {
    const panel = element('div', 'gapmap-import-panel');
    const heading = element('h2', 'gapmap-import-title', t(DIALOG_TEXT.title));
    const body = element('div', 'gapmap-import-body');
    const footer = element('div', 'gapmap-import-footer');
    panel.append(heading, body, footer);
    root.replaceChildren(panel);
    return { body, footer };
  };

  const button = (label: Text, onClick: () => void, className = ''): HTMLButtonElement => {
    const node = element('button', `gapmap-import-button ${className}`.trim(), t(label));
    node.type = 'button';
    node.addEventListener('click', onClick);
    return node;
  };

  const labelled = (label: Text, control: HTMLElement): HTMLLabelElement => {
    const node = element('label', 'gapmap-import-row');
    node.append(element('span', 'gapmap-import-label', t(label)), control);
    return node;
  };

  const select = (choices: Array<{ value: string; label: string }>, value: string | undefined, onChange: (value: string) => void): HTMLSelectElement => {
    const node = element('select');
    for (const choice of choices) {
      const option = element('option', undefined, choice.label);
      option.value = choice.value;
      node.append(option);
    }
    node.value = value ?? '';
    node.addEventListener('change', () => onChange(node.value));
    return node;
  };

  const read = async (): Promise<void> => {
    const mine = ++generation;
    const { body, footer } = frame();
    const progress = element('progress', 'gapmap-import-progress');
    progress.max = 1;
    body.append(element('p', 'gapmap-import-status', t(DIALOG_TEXT.reading)), progress);
    footer.append(button(DIALOG_TEXT.cancel, close));
    const result = await deps.importLayer(files, { ...options, ...deps.referenceOptions?.() }, (fraction) => {
      if (mine === generation) progress.value = fraction;
    });
    if (mine !== generation) return; // closed or re-read meanwhile
    if (!result.ok) {
      layer = undefined;
      deps.onPreview?.(undefined);
      renderError(result.error.message);
      return;
    }
    const first = layer === undefined;
    layer = result.value;
    if (first) {
      role = defaultRole(layer);
      mapping = guessFieldMapping(layer, role);
    }
    deps.onPreview?.(layer);
    render();
  };

  const settings = (): HTMLElement => {
    const box = element('fieldset', 'gapmap-import-settings');
    const crsChoices = listCrsChoices().map((info) => ({ value: info.id, label: t(info.label) }));
    const current = options.crs ?? layer?.crs.applied ?? 'EPSG:4326';
    if (!crsChoices.some((choice) => choice.value === current)) crsChoices.unshift({ value: current, label: current });
    box.append(labelled(DIALOG_TEXT.crs, select(crsChoices, current, (value) => (options = { ...options, crs: value }))));
    const encodings = [
      { value: '', label: t(DIALOG_TEXT.encodingAuto) },
      { value: 'utf-8', label: 'UTF-8' },
      { value: 'gbk', label: 'GBK / GB2312' },
      { value: 'gb18030', label: 'GB18030' },
      { value: 'big5', label: 'Big5' },
    ];
    box.append(labelled(DIALOG_TEXT.encoding, select(encodings, options.encoding ?? '', (value) => (options = { ...options, encoding: value || undefined }))));
    if (layer?.format === 'csv') {
      const columns = layer.fields.map((field) => ({ value: field.name, label: field.name }));
      const auto = [{ value: '', label: t(DIALOG_TEXT.encodingAuto) }, ...columns];
      box.append(labelled(DIALOG_TEXT.lonField, select(auto, options.lonField ?? '', (value) => (options = { ...options, lonField: value || undefined }))));
      box.append(labelled(DIALOG_TEXT.latField, select(auto, options.latField ?? '', (value) => (options = { ...options, latField: value || undefined }))));
    }
    const swap = element('input');
    swap.type = 'checkbox';
    swap.checked = options.swapLonLat === true;
    swap.addEventListener('change', () => (options = { ...options, swapLonLat: swap.checked }));
    box.append(labelled(DIALOG_TEXT.swap, swap));
    box.append(button(DIALOG_TEXT.reload, () => void read(), 'gapmap-import-reload'));
    return box;
  };

  const renderError = (message: Text): void => {
    const { body, footer } = frame();
    body.append(element('p', 'gapmap-import-error', `${t(DIALOG_TEXT.failed)}: ${t(message)}`), settings());
    footer.append(button(DIALOG_TEXT.cancel, close));
  };

  const fieldSelect = (key: string, value: string | undefined, onChange: (value: string | undefined) => void, required: boolean): HTMLSelectElement => {
    const choices = [{ value: '', label: t(required ? DIALOG_TEXT.required : DIALOG_TEXT.none) }, ...(layer?.fields ?? []).map((field) => ({ value: field.name, label: field.name }))];
    const node = select(choices, value, (next) => {
      onChange(next || undefined);
      render();
    });
    node.dataset.field = key;
    return node;
  };

  const mappingControls = (): HTMLElement => {
    const box = element('fieldset', 'gapmap-import-mapping');
    const roleChoices = ROLES.map((value) => ({ value, label: t(DIALOG_TEXT.roles[value]) }));
    const roleSelect = select(roleChoices, role, (value) => {
      role = value as LayerRole;
      mapping = layer ? guessFieldMapping(layer, role) : {};
      render();
    });
    roleSelect.dataset.field = 'role';
    box.append(labelled(DIALOG_TEXT.role, roleSelect));
    const { keys, required } = ROLE_FIELDS[role];
    for (const key of keys) {
      const label = DIALOG_TEXT.fields[key as keyof typeof DIALOG_TEXT.fields];
      if (key === 'level') {
        const levels = (['township', 'county', 'city'] as const).map((value) => ({ value, label: t(DIALOG_TEXT.levels[value]) }));
        box.append(labelled(label, select(levels, mapping.level ?? 'township', (value) => (mapping = { ...mapping, level: value as FieldMapping['level'] }))));
      } else if (key === 'type' || key === 'kind') {
        const input = element('input');
        input.type = 'text';
        input.value = mapping[key] ?? '';
        input.dataset.field = key;
        input.addEventListener('change', () => (mapping = { ...mapping, [key]: input.value.trim() || undefined }));
        box.append(labelled(label, input));
      } else if (key === 'age0_3' || key === 'age60plus') {
        box.append(
          labelled(
            label,
            fieldSelect(key, mapping.cohortFields?.[key], (value) => {
              const cohortFields = { ...mapping.cohortFields };
              if (value) cohortFields[key] = value;
              else delete cohortFields[key];
              mapping = { ...mapping, cohortFields };
            }, false),
          ),
        );
      } else {
        const field = key as 'nameField' | 'codeField' | 'parentField' | 'idField' | 'typeField' | 'capacityField' | 'populationField' | 'kindField';
        box.append(labelled(label, fieldSelect(key, mapping[field], (value) => (mapping = { ...mapping, [field]: value }), required.includes(key))));
      }
    }
    return box;
  };

  const reportTable = (problems: ImportProblem[]): HTMLElement => {
    const box = element('section', 'gapmap-import-report');
    box.append(element('h3', undefined, t(DIALOG_TEXT.report)));
    if (problems.length === 0) {
      box.append(element('p', undefined, t(DIALOG_TEXT.noProblems)));
      return box;
    }
    const table = element('table');
    const head = element('tr');
    for (const column of Object.values(DIALOG_TEXT.columns)) head.append(element('th', undefined, t(column)));
    table.append(element('thead'), element('tbody'));
    table.tHead?.append(head);
    for (const problem of problems.slice(0, REPORT_ROWS)) {
      const row = element('tr', `gapmap-import-severity-${problem.severity}`);
      row.append(
        element('td', undefined, t(DIALOG_TEXT.severity[problem.severity])),
        element('td', undefined, problem.code),
        element('td', undefined, problem.featureIndex === undefined ? '—' : String(problem.featureIndex)),
        element('td', undefined, [problem.featureId, problem.featureName].filter(Boolean).join(' ') || '—'),
        element('td', undefined, problem.field ?? '—'),
      );
      const message = element('td', undefined, t(problem.message) + (problem.suggestion ? ` ${t(problem.suggestion)}` : ''));
      const fix = problem.fix;
      if (fix) {
        message.append(
          button(DIALOG_TEXT.applyFix, () => {
            options = { ...options, ...fix };
            void read();
          }, 'gapmap-import-fix'),
        );
      }
      row.append(message);
      table.tBodies[0].append(row);
    }
    box.append(table);
    if (problems.length > REPORT_ROWS) box.append(element('p', undefined, t(DIALOG_TEXT.moreRows).replace('{n}', String(problems.length - REPORT_ROWS))));
    return box;
  };

  const render = (): void => {
    if (!layer) return;
    const current = layer;
    const { body, footer } = frame();
    const summary = element('dl', 'gapmap-import-summary');
    const extent = current.extent ?? layerExtent(current);
    const entries: Array<[Text, string]> = [
      [DIALOG_TEXT.file, current.fileName],
      [DIALOG_TEXT.format, current.format + (current.encoding ? ` · ${current.encoding}` : '')],
      [DIALOG_TEXT.crs, `${current.crs.applied} (${t(DIALOG_TEXT.crsSource[current.crs.source])}${current.crs.detected !== current.crs.applied ? `; ${t(DIALOG_TEXT.crsDetected)} ${current.crs.detected}` : ''})`],
      [DIALOG_TEXT.geometry, current.geometryTypes.join(', ') || '—'],
      [DIALOG_TEXT.extent, extent ? extent.map((value) => value.toFixed(4)).join(', ') : '—'],
    ];
    for (const [label, value] of entries) summary.append(element('dt', undefined, t(label)), element('dd', undefined, value));
    body.append(element('p', 'gapmap-import-count', t(summarizeImport(current))));
    if (current.previewCount !== undefined && current.previewCount < current.loadedCount) {
      body.append(element('p', 'gapmap-import-preview-note', t(DIALOG_TEXT.previewSample).replace('{shown}', String(current.previewCount)).replace('{total}', String(current.loadedCount))));
    }
    body.append(summary, settings(), mappingControls(), reportTable(current.problems));
    const missing = ROLE_FIELDS[role].required.some((key) => !mapping[key as keyof FieldMapping]);
    const accept = button(DIALOG_TEXT.accept, () => {
      deps.onAccept(current, role, mapping);
      close();
    }, 'gapmap-import-accept');
    accept.disabled = current.loadedCount === 0 || missing;
    footer.append(button(DIALOG_TEXT.cancel, close), accept);
  };

  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });

  return {
    open(chosen: File[]) {
      options = {};
      layer = undefined;
      root.hidden = false;
      void readBrowserFiles(chosen).then((read_) => {
        files = read_;
        return read();
      });
    },
    close,
  };
}
