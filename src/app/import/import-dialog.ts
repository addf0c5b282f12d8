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
import type { AppError, Result } from '../../core/types.ts';
import { formatNumber } from '../i18n/format-number.ts';
import { translate, type Language, type MessageParams } from '../../core/i18n/translate.ts';
import type { MessageKey } from '../../core/i18n/messages.ts';
import { createElement } from '../dom/create-element.ts';
import type { ReviewedLayer } from '../../../workers/protocol.ts';
import { emptyBoundingBox, extendBoundingBox, finiteBoundingBox, type BoundingBox } from '../../core/geometry/bounding-box.ts';
import { readBrowserFiles } from './attach-file-drop.ts';
import { guessLayerRole } from '../../core/dataset/guess-layer-role.ts';
import { BUILT_IN_SERVICES, isKnownService, SERVED_GROUPS, servedGroupName, type ServiceCatalog } from '../../core/analysis/service-catalog.ts';

export type { FieldMapping, LayerRole } from '../../core/import/guess-field-mapping.ts';

/** A type value's service: a catalog service id, or a new service. */
export type TypeMapEntry = string | { service: string; name: { zh: string; en: string }; servedGroup: string };

type Text = { zh: string; en: string };

export interface ImportDialogDeps {
  /** Runs the import (in a worker, in the app): files and options → layer or structured error. */
  importLayer: (
    files: { name: string; bytes: Uint8Array }[],
    options: ImportOptions,
    /** Optional: call with a fraction in [0, 1] while reading; the dialog shows a progress bar. */
    onProgress?: (fraction: number, stage: string) => void,
  ) => Promise<Result<ReviewedLayer>>;
  /** Called once, when the planner accepts; `typeMap` sends facility type values to services (JSON form of --type-map). */
  onAccept: (layer: ReviewedLayer, role: LayerRole, mapping: FieldMapping, typeMap?: Record<string, TypeMapEntry>) => void;
  /** The services type values can be mapped to (the session's catalog). */
  catalog?: () => ServiceCatalog;
  lang: () => Language;
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
const REPORT_COLUMNS = ['severity', 'code', 'feature', 'position', 'name', 'field', 'message'] as const;

/** Which mapping entries each role shows, and which of them must be set before accepting. */
const ROLE_FIELDS: Record<LayerRole, { keys: string[]; required: string[] }> = {
  boundaries: { keys: ['nameField', 'codeField', 'parentField', 'level'], required: ['nameField', 'codeField'] },
  facilities: { keys: ['type', 'typeField', 'nameField', 'capacityField', 'idField'], required: [] },
  population: { keys: ['populationField', 'age0_3', 'age60plus'], required: ['populationField'] },
  places: { keys: ['kind', 'kindField', 'nameField', 'idField'], required: [] },
  roads: { keys: ['nameField'], required: [] },
};

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  return createElement(tag, { className, text });
}

function layerExtent(layer: ImportedLayer): BoundingBox | undefined {
  const box = emptyBoundingBox();
  for (const feature of layer.features) if (feature.geometry && 'coordinates' in feature.geometry) extendBoundingBox(box, feature.geometry.coordinates);
  return finiteBoundingBox(box);
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
  /** Type value → service, as the planner chose in the type-values list. */
  let typeMap: Record<string, TypeMapEntry> = {};
  let generation = 0;

  /** A message of the app's table, or a bilingual text from the importer (problems, CRS names). */
  const t = (text: MessageKey | Text, params?: MessageParams): string => (typeof text === 'string' ? translate(deps.lang(), text, params) : text[deps.lang()]);

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
    const heading = element('h2', 'gapmap-import-title', t('import-dialog.title'));
    const body = element('div', 'gapmap-import-body');
    const footer = element('div', 'gapmap-import-footer');
    panel.append(heading, body, footer);
    root.replaceChildren(panel);
    return { body, footer };
  };

  const button = (label: MessageKey, onClick: () => void, className = ''): HTMLButtonElement => {
    const node = element('button', `gapmap-import-button ${className}`.trim(), t(label));
    node.type = 'button';
    node.addEventListener('click', onClick);
    return node;
  };

  const labelled = (label: MessageKey | Text, control: HTMLElement): HTMLLabelElement => {
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
    body.append(element('p', 'gapmap-import-status', t('import-dialog.reading')), progress);
    footer.append(button('import-dialog.cancel', close));
    const result = await deps.importLayer(files, { ...options, ...deps.referenceOptions?.() }, (fraction) => {
      if (mine === generation) progress.value = fraction;
    });
    if (mine !== generation) return; // closed or re-read meanwhile
    if (!result.ok) {
      layer = undefined;
      deps.onPreview?.(undefined);
      renderError(result.error);
      return;
    }
    const first = layer === undefined;
    layer = result.value;
    if (first) {
      const guess = guessLayerRole(layer);
      role = guess.role;
      mapping = guessFieldMapping(layer, role);
      if (guess.level) mapping = { ...mapping, level: guess.level };
      typeMap = {};
    }
    deps.onPreview?.(layer);
    render();
  };

  const settings = (): HTMLElement => {
    const box = element('fieldset', 'gapmap-import-settings');
    const crsChoices = listCrsChoices().map((info) => ({ value: info.id, label: t(info.label) }));
    const current = options.crs ?? layer?.crs.applied ?? 'EPSG:4326';
    if (!crsChoices.some((choice) => choice.value === current)) crsChoices.unshift({ value: current, label: current });
    box.append(labelled('import-dialog.crs', select(crsChoices, current, (value) => (options = { ...options, crs: value }))));
    const encodings = [
      { value: '', label: t('import-dialog.encoding-auto') },
      { value: 'utf-8', label: 'UTF-8' },
      { value: 'gbk', label: 'GBK / GB2312' },
      { value: 'gb18030', label: 'GB18030' },
      { value: 'big5', label: 'Big5' },
    ];
    box.append(labelled('import-dialog.encoding', select(encodings, options.encoding ?? '', (value) => (options = { ...options, encoding: value || undefined }))));
    if (layer?.format === 'csv') {
      const columns = layer.fields.map((field) => ({ value: field.name, label: field.name }));
      const auto = [{ value: '', label: t('import-dialog.encoding-auto') }, ...columns];
      box.append(labelled('import-dialog.lon-field', select(auto, options.lonField ?? '', (value) => (options = { ...options, lonField: value || undefined }))));
      box.append(labelled('import-dialog.lat-field', select(auto, options.latField ?? '', (value) => (options = { ...options, latField: value || undefined }))));
    }
    const swap = element('input');
    swap.type = 'checkbox';
    swap.checked = options.swapLonLat === true;
    swap.addEventListener('change', () => (options = { ...options, swapLonLat: swap.checked }));
    box.append(labelled('import-dialog.swap', swap));
    box.append(button('import-dialog.reload', () => void read(), 'gapmap-import-reload'));
    return box;
  };

  const renderError = (error: AppError): void => {
    const { body, footer } = frame();
    body.append(element('p', 'gapmap-import-error', `${t('import-dialog.failed')}: ${t(error.message)}`));
    // A file that ends early: its complete features can be kept, but only by an explicit choice (recorded with the layer).
    if (error.code === 'truncated-json' && !options.keepReadablePart) {
      body.append(
        element('p', 'gapmap-import-readable-note', t('import-dialog.keep-readable-note')),
        button('import-dialog.keep-readable', () => {
          options = { ...options, keepReadablePart: true };
          void read();
        }, 'gapmap-import-keep-readable'),
      );
    }
    body.append(settings());
    footer.append(button('import-dialog.cancel', close));
  };

  const fieldSelect = (key: string, value: string | undefined, onChange: (value: string | undefined) => void, required: boolean): HTMLSelectElement => {
    const choices = [{ value: '', label: t(required ? 'import-dialog.required' : 'import-dialog.none') }, ...(layer?.fields ?? []).map((field) => ({ value: field.name, label: field.name }))];
    const node = select(choices, value, (next) => {
      onChange(next || undefined);
      render();
    });
    node.dataset.field = key;
    return node;
  };

  const mappingControls = (): HTMLElement => {
    const box = element('fieldset', 'gapmap-import-mapping');
    const roleChoices = ROLES.map((value) => ({ value, label: t(`import-dialog.role.${value}`) }));
    const roleSelect = select(roleChoices, role, (value) => {
      role = value as LayerRole;
      mapping = layer ? guessFieldMapping(layer, role) : {};
      render();
    });
    roleSelect.dataset.field = 'role';
    box.append(labelled('import-dialog.role', roleSelect));
    const { keys, required } = ROLE_FIELDS[role];
    for (const key of keys) {
      const label = `import-dialog.field.${key}` as MessageKey;
      if (key === 'level') {
        const levels = (['township', 'county', 'city'] as const).map((value) => ({ value, label: t(`import-dialog.level.${value}`) }));
        const levelSelect = select(levels, mapping.level ?? 'township', (value) => (mapping = { ...mapping, level: value as FieldMapping['level'] }));
        levelSelect.dataset.field = 'level';
        box.append(labelled(label, levelSelect));
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
    if (role === 'facilities' && mapping.typeField && !mapping.type) box.append(typeValueControls(mapping.typeField));
    return box;
  };

  /** Every distinct value of the type field with its count, each sent to a catalog service, a new one, or left as it is. */
  const typeValueControls = (field: string): HTMLElement => {
    const catalog = deps.catalog?.() ?? BUILT_IN_SERVICES;
    const counts = new Map<string, number>();
    for (const feature of layer?.features ?? []) {
      const raw = feature.properties?.[field];
      if (raw === null || raw === undefined || String(raw).trim() === '') continue;
      const value = String(raw).trim();
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const box = element('fieldset', 'gapmap-import-type-values');
    box.dataset.field = 'type-values';
    const sampled = layer?.previewCount !== undefined && layer.previewCount < layer.loadedCount;
    box.append(element('legend', undefined, t('import-dialog.type-values') + (sampled ? ` ${t('import-dialog.type-values-sample')}` : '')));
    box.append(element('p', 'gapmap-import-hint', t('import-dialog.type-values-hint')));
    const language = deps.lang();
    for (const [value, count] of [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
      // A value that is a catalog id, or a catalog service's name, is taken as that service.
      const guessed = isKnownService(value, catalog) ? undefined : catalog.find((service) => service.name.zh === value || service.name.en.toLowerCase() === value.toLowerCase())?.type;
      if (typeMap[value] === undefined && guessed) typeMap[value] = guessed;
      const entry = typeMap[value];
      const current = entry === undefined ? '' : typeof entry === 'string' ? entry : '__new';
      const choices = [
        { value: '', label: t('import-dialog.type-as-is') },
        ...catalog.map((service) => ({ value: service.type, label: service.name[language] })),
        { value: '__new', label: t('import-dialog.type-new') },
      ];
      const row = element('div', 'gapmap-import-type-value');
      row.dataset.typeValue = value;
      const choose = select(choices, current, (next) => {
        if (next === '') delete typeMap[value];
        else if (next === '__new') typeMap[value] = { service: `own-${value.replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 56)}`, name: { zh: value, en: value }, servedGroup: 'all' };
        else typeMap[value] = next;
        render();
      });
      choose.dataset.field = 'type-service';
      row.append(labelled({ zh: `${value}（${count}）`, en: `${value} (${count})` }, choose));
      if (entry !== undefined && typeof entry !== 'string') {
        const nameInput = (side: 'zh' | 'en', label: MessageKey) => {
          const input = element('input');
          input.type = 'text';
          input.value = entry.name[side];
          input.dataset.field = `type-new-name-${side}`;
          input.addEventListener('change', () => {
            const now = typeMap[value];
            if (now === undefined || typeof now === 'string') return;
            typeMap[value] = { ...now, name: { ...now.name, [side]: input.value.trim() || value } };
          });
          return labelled(label, input);
        };
        const groups = SERVED_GROUPS.map((group) => ({ value: group, label: servedGroupName(group === 'all' ? undefined : group)[language] }));
        const group = select(groups, entry.servedGroup, (next) => (typeMap[value] = { ...(typeMap[value] as Exclude<TypeMapEntry, string>), servedGroup: next }));
        group.dataset.field = 'type-new-group';
        row.append(nameInput('zh', 'import-dialog.new-name-zh'), nameInput('en', 'import-dialog.new-name-en'), labelled('import-dialog.served-group', group));
      }
      box.append(row);
    }
    return box;
  };

  /** Where in the file: a CSV's line, a GeoJSON feature's or shapefile record's byte. */
  const position = (problem: ImportProblem): string =>
    problem.line !== undefined
      ? t('import-dialog.position-line', { line: formatNumber(problem.line) })
      : problem.byte !== undefined
        ? t('import-dialog.position-byte', { byte: formatNumber(problem.byte) })
        : '—';

  const reportTable = (problems: ImportProblem[]): HTMLElement => {
    const box = element('section', 'gapmap-import-report');
    box.append(element('h3', undefined, t('import-dialog.report')));
    if (problems.length === 0) {
      box.append(element('p', undefined, t('import-dialog.no-problems')));
      return box;
    }
    const table = element('table');
    const head = element('tr');
    for (const column of REPORT_COLUMNS) head.append(element('th', undefined, t(`import-dialog.column.${column}`)));
    table.append(element('thead'), element('tbody'));
    table.tHead?.append(head);
    for (const problem of problems.slice(0, REPORT_ROWS)) {
      const row = element('tr', `gapmap-import-severity-${problem.severity}`);
      row.append(
        element('td', undefined, t(`import-dialog.severity.${problem.severity}`)),
        element('td', undefined, problem.code),
        element('td', undefined, problem.featureIndex === undefined ? '—' : String(problem.featureIndex)),
        element('td', 'gapmap-import-position', position(problem)),
        element('td', undefined, [problem.featureId, problem.featureName].filter(Boolean).join(' ') || '—'),
        element('td', undefined, problem.field ?? '—'),
      );
      const message = element('td', undefined, t(problem.message) + (problem.suggestion ? ` ${t(problem.suggestion)}` : ''));
      const fix = problem.fix;
      if (fix) {
        message.append(
          button('import-dialog.apply-fix', () => {
            options = { ...options, ...fix };
            void read();
          }, 'gapmap-import-fix'),
        );
      }
      row.append(message);
      table.tBodies[0].append(row);
    }
    box.append(table);
    if (problems.length > REPORT_ROWS) box.append(element('p', undefined, t('import-dialog.more-rows', { n: problems.length - REPORT_ROWS })));
    return box;
  };

  const render = (): void => {
    if (!layer) return;
    const current = layer;
    const { body, footer } = frame();
    const summary = element('dl', 'gapmap-import-summary');
    const extent = current.extent ?? layerExtent(current);
    const entries: Array<[MessageKey, string]> = [
      ['import-dialog.file', current.fileName],
      ['import-dialog.format', current.format + (current.encoding ? ` · ${current.encoding}` : '')],
      ['import-dialog.crs', `${current.crs.applied} (${t(`import-dialog.crs-source.${current.crs.source}`)}${current.crs.detected !== current.crs.applied ? `; ${t('import-dialog.crs-detected')} ${current.crs.detected}` : ''})`],
      ['import-dialog.geometry', current.geometryTypes.join(', ') || '—'],
      ['import-dialog.extent', extent ? extent.map((value) => value.toFixed(4)).join(', ') : '—'],
    ];
    for (const [label, value] of entries) summary.append(element('dt', undefined, t(label)), element('dd', undefined, value));
    body.append(element('p', 'gapmap-import-count', t(summarizeImport(current))));
    if (current.previewCount !== undefined && current.previewCount < current.loadedCount) {
      body.append(element('p', 'gapmap-import-preview-note', t('import-dialog.preview-sample', { shown: current.previewCount, total: current.loadedCount })));
    }
    body.append(summary, settings(), mappingControls(), reportTable(current.problems));
    const missing = ROLE_FIELDS[role].required.some((key) => !mapping[key as keyof FieldMapping]);
    const accept = button('import-dialog.accept', () => {
      const usesTypeMap = role === 'facilities' && mapping.typeField && !mapping.type && Object.keys(typeMap).length > 0;
      deps.onAccept(current, role, mapping, usesTypeMap ? { ...typeMap } : undefined);
      close();
    }, 'gapmap-import-accept');
    accept.disabled = current.loadedCount === 0 || missing;
    footer.append(button('import-dialog.cancel', close), accept);
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
