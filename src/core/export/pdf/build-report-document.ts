// The PDF report as a pdfmake document definition (plain data, built the same in the worker and the
// CLI): cover (region, date, scenario, service, synthetic-data notice), the plan-target table (value,
// target, pass/fail, shortfall), a gap map per service (PNG supplied by the caller), the per-township
// table (and counties), proposed sites, an optional atlas (one page per county or township), and a
// methods page (how every number is computed, thresholds, layers, each rule's provenance).
// Every data text goes into pdfmake as a plain text node: nothing is parsed as markup.

import type { Reach } from '../../coverage/coverage-types.ts';
import type { Bilingual, RuleResult } from '../../rules/rule-types.ts';
import { reachWords } from '../map-layout/gap-map-style.ts';
import { formatNumber } from '../../rules/format-figures.ts';
import type { ExportColumn, ExportTable, ExportValue, Language } from '../export-table.ts';
import { labelCodedValue } from '../label-coded-values.ts';
import { fillText, METHOD_NOTES, REPORT_TEXTS } from './report-texts.ts';

export interface ReportImage {
  /** Name the image is registered under in pdfmake's virtual file system, e.g. 'map-nursery.png'. */
  file: string;
  bytes: Uint8Array;
  width: number;
  height: number;
  title: Bilingual;
}

export interface ReportInput {
  language: Language;
  region: string;
  /** ISO date, e.g. 2026-11-30. */
  date: string;
  scenario: string;
  /** The service and its reach: the metres of the tables, and the travel time when the map shows one. */
  service: { label: Bilingual; reachMetres: number; reach?: Reach } | null;
  ruleSetName: Bilingual;
  rules: RuleResult[];
  /** One gap map per service, rendered by the caller. */
  maps: ReportImage[];
  townships: ExportTable;
  counties?: ExportTable | null;
  /** The travel-time table (per township, county and region), for a travel-time reach. */
  travelTimes?: ExportTable | null;
  sites?: ExportTable | null;
  dataSource: string;
  /** The synthetic-data notice, when a synthetic layer is in use. */
  notice?: Bilingual | null;
  /** Notes on the figures (columns not available, estimated cohorts). */
  notes?: Bilingual[];
  /** Data layers and their sizes, one line each. */
  layers?: Bilingual[];
  /** Township-table columns to print (keys), default: every column that fits. */
  tableColumns?: string[];
  /** One page per row of this table (counties or townships), with an optional map image each. */
  atlas?: { table: ExportTable; images?: (ReportImage | null)[] } | null;
}

/** pdfmake content nodes (kept loose: pdfmake's own types are not shipped for 0.3). */
export type PdfNode = Record<string, unknown> | string | PdfNode[];

export interface ReportDocument {
  /** The pdfmake document definition. */
  definition: Record<string, unknown>;
  images: ReportImage[];
  /** Every text the document prints, for the font coverage check. */
  texts: string[];
}

const MAX_TABLE_COLUMNS = 12;
const FONT = 'NotoSansSC';

function statusText(status: RuleResult['status'], language: Language): string {
  const key = status === 'pass' ? 'pass' : status === 'fail' ? 'fail' : 'notAvailable';
  return REPORT_TEXTS[key][language];
}

function formatRuleValue(result: RuleResult): string {
  if (result.value === null) return '—';
  if (result.target.unit === 'percent') return `${formatNumber(result.value, 1)}%`;
  if (result.target.unit === 'per-1000') return `${formatNumber(result.value, 2)} ‰`;
  return formatNumber(result.value, Number.isInteger(result.value) ? 0 : 2);
}

const OPERATOR: Record<RuleResult['target']['op'], string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };

function formatTarget(target: RuleResult['target']): string {
  const unit = target.unit === 'percent' ? '%' : target.unit === 'per-1000' ? ' ‰' : '';
  return `${OPERATOR[target.op]} ${formatNumber(target.value, Number.isInteger(target.value) ? 0 : 1)}${unit}`;
}

function formatCell(column: ExportColumn, code: ExportValue, language: Language): string {
  const value = labelCodedValue(column, code, language);
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number') return formatNumber(value, column.decimals ?? (Number.isInteger(value) ? 0 : 2));
  // Rule ids joined by ';' (failed_rules): a space after each lets the line wrap in a narrow cell.
  if (column.key === 'failed_rules') return String(value).replace(/;(?! )/g, '; ');
  return String(value);
}

/** Columns of the township table that fit a landscape page: the chosen keys, else the first twelve (code dropped). */
function printedColumns(table: ExportTable, keys?: string[]): ExportColumn[] {
  if (keys) return keys.map((key) => table.columns.find((c) => c.key === key)).filter((c): c is ExportColumn => c !== undefined);
  const columns = table.columns.filter((c) => c.key !== 'code' && c.key !== 'level');
  if (columns.length <= MAX_TABLE_COLUMNS) return columns;
  const last = columns.find((c) => c.key === 'failed_rules');
  const kept = columns.filter((c) => c !== last).slice(0, last ? MAX_TABLE_COLUMNS - 1 : MAX_TABLE_COLUMNS);
  return last ? [...kept, last] : kept;
}

/** The columns of `npm run site`'s sites.geojson a reader wants, when the table has them (a candidate's own attributes can be many). */
const SITE_KEYS = ['rank', 'id', 'name', 'township', 'county', 'marginal_gain', 'capacity', 'serves_townships', 'lng', 'lat'];

function siteColumns(table: ExportTable): ExportColumn[] {
  const known = SITE_KEYS.filter((key) => table.columns.some((c) => c.key === key));
  return known.length >= 3 ? printedColumns(table, known) : printedColumns(table);
}

function dataTable(table: ExportTable, columns: ExportColumn[], language: Language, texts: string[]): PdfNode {
  const header = columns.map((c) => ({ text: c.label[language], style: 'tableHeader' }));
  const body = table.rows.map((row) =>
    columns.map((column) => {
      const text = formatCell(column, row[column.key] ?? null, language);
      if (column.type === 'text') texts.push(text);
      return column.type === 'number' ? { text, alignment: 'right' } : { text };
    }),
  );
  const widths = columns.map((c) => (c.type === 'number' ? 'auto' : '*'));
  return { table: { headerRows: 1, widths, body: [header, ...body] }, layout: 'lightHorizontalLines', style: 'table' };
}

function ruleRows(rules: RuleResult[], language: Language, texts: string[]): PdfNode {
  const t = REPORT_TEXTS;
  const header = [t.target, t.value, t.targetValue, t.status, t.shortfall].map((h) => ({ text: h[language], style: 'tableHeader' }));
  const body = rules.map((result) => {
    const title = result.title[language];
    const shortfall = result.shortfall?.sentence[language] ?? result.reason?.[language] ?? '';
    texts.push(title, shortfall);
    return [
      { text: title },
      { text: formatRuleValue(result), alignment: 'right' },
      { text: formatTarget(result.target), alignment: 'right' },
      { text: statusText(result.status, language), style: result.status === 'pass' ? 'pass' : result.status === 'fail' ? 'fail' : 'muted' },
      { text: shortfall },
    ];
  });
  return { table: { headerRows: 1, widths: ['*', 'auto', 'auto', 'auto', '*'], body: [header, ...body] }, layout: 'lightHorizontalLines', style: 'table' };
}

function imageNode(image: ReportImage, box: [number, number]): PdfNode {
  return { image: image.file, fit: box, alignment: 'center' };
}

/** Thin rules between rows and little padding: an atlas page's figures under its map. */
const COMPACT_LINES = {
  hLineWidth: (i: number) => (i === 0 ? 0 : 0.5),
  vLineWidth: () => 0,
  hLineColor: () => '#dddddd',
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};

function atlasPages(atlas: NonNullable<ReportInput['atlas']>, language: Language, texts: string[]): PdfNode[] {
  const { table } = atlas;
  return table.rows.map((row, i) => {
    const name = String(row.name ?? row.code ?? i + 1);
    texts.push(name);
    const figures: PdfNode[][] = [];
    // Long texts (the ids of the targets failing here) get a row of their own across the page.
    const wide: PdfNode[][] = [];
    for (const column of table.columns.filter((c) => c.key !== 'name' && c.key !== 'level')) {
      const text = formatCell(column, row[column.key] ?? null, language);
      if (column.type === 'text') texts.push(text);
      const label = { text: column.label[language], style: 'muted' };
      if (column.type === 'text' && text.length > 24) wide.push([label, { text, colSpan: 3 }, {}, {}]);
      else figures.push([label, { text, alignment: column.type === 'number' ? 'right' : 'left' }]);
    }
    const image = atlas.images?.[i] ?? null;
    // One page a unit: the map (itself a portrait page with its legend) above its figures, two
    // label–value pairs a row so that the whole metric table fits under it.
    const rows: PdfNode[][] = [];
    for (let f = 0; f < figures.length; f += 2) rows.push([...figures[f], ...(figures[f + 1] ?? [{ text: '' }, { text: '' }])]);
    rows.push(...wide);
    return [
      { text: name, style: 'h2', pageBreak: 'before', pageOrientation: 'portrait' },
      ...(image ? [imageNode(image, [515, 350])] : []),
      { table: { widths: ['31%', '19%', '31%', '19%'], body: rows }, layout: COMPACT_LINES, style: 'table', margin: [0, 8, 0, 0] },
    ];
  });
}

export function buildReportDocument(input: ReportInput): ReportDocument {
  const language = input.language;
  const t = (key: keyof typeof REPORT_TEXTS) => REPORT_TEXTS[key][language];
  const texts: string[] = [input.region, input.scenario, input.dataSource];
  const counts = {
    rules: input.rules.length,
    pass: input.rules.filter((r) => r.status === 'pass').length,
    fail: input.rules.filter((r) => r.status === 'fail').length,
    na: input.rules.filter((r) => r.status === 'not-available').length,
  };
  const coverLines: [string, string][] = [
    [t('region'), input.region],
    [t('date'), input.date],
    [t('scenario'), input.scenario],
    [t('ruleSet'), input.ruleSetName[language]],
  ];
  if (input.service) {
    coverLines.push([t('service'), input.service.label[language]], [t('reach'), `${formatNumber(input.service.reachMetres)} m`]);
    const reach = input.service.reach;
    if (reach?.kind === 'travel-time') coverLines.push([t('travelTime'), reachWords(reach, language)]);
  }
  coverLines.push([t('dataSource'), input.dataSource]);
  const notice = input.notice ? [{ text: input.notice[language], style: 'notice', margin: [0, 24, 0, 0] }] : [];

  const content: PdfNode[] = [
    { text: t('title'), style: 'title', margin: [0, 160, 0, 24] },
    { text: input.region, style: 'subtitle' },
    { table: { widths: [90, '*'], body: coverLines.map(([label, value]) => [{ text: label, style: 'muted' }, { text: value }]) }, layout: 'noBorders', margin: [0, 32, 0, 0] },
    ...notice,
    { text: t('targetsHeading'), style: 'h1', pageBreak: 'before' },
    { text: fillText(t('counts'), counts), margin: [0, 0, 0, 8] },
    ruleRows(input.rules, language, texts),
  ];

  if (input.maps.length > 0) {
    input.maps.forEach((map, i) => {
      texts.push(map.title[language]);
      content.push(
        { text: i === 0 ? t('mapsHeading') : map.title[language], style: i === 0 ? 'h1' : 'h2', pageBreak: 'before', pageOrientation: 'landscape' },
        ...(i === 0 ? [{ text: map.title[language], style: 'h2' }] : []),
        imageNode(map, [760, 400]),
      );
    });
  }

  const columns = printedColumns(input.townships, input.tableColumns);
  content.push({ text: t('tableHeading'), style: 'h1', pageBreak: 'before', pageOrientation: 'landscape' }, dataTable(input.townships, columns, language, texts));
  if (input.counties && input.counties.rows.length > 0) {
    content.push({ text: t('countiesHeading'), style: 'h2', margin: [0, 16, 0, 6] }, dataTable(input.counties, printedColumns(input.counties), language, texts));
  }
  for (const note of input.notes ?? []) content.push({ text: note[language], style: 'muted', margin: [0, 6, 0, 0] });
  if (input.travelTimes && input.travelTimes.rows.length > 0) {
    content.push({ text: input.travelTimes.title[language], style: 'h2', margin: [0, 16, 0, 6] }, dataTable(input.travelTimes, printedColumns(input.travelTimes), language, texts));
  }

  content.push({ text: t('sitesHeading'), style: 'h1', pageBreak: 'before', pageOrientation: 'landscape' });
  if (input.sites && input.sites.rows.length > 0) content.push(dataTable(input.sites, siteColumns(input.sites), language, texts));
  else content.push({ text: t('noSites') });

  if (input.atlas && input.atlas.table.rows.length > 0) {
    content.push({ text: t('atlasHeading'), style: 'h1', pageBreak: 'before', pageOrientation: 'portrait' }, { text: input.atlas.table.title[language] });
    content.push(...atlasPages(input.atlas, language, texts));
  }

  content.push(
    { text: t('methodsHeading'), style: 'h1', pageBreak: 'before', pageOrientation: 'portrait' },
    { ul: METHOD_NOTES.map((note) => note[language]), margin: [0, 0, 0, 10] },
    { text: t('layers'), style: 'h2' },
    { ul: [input.dataSource, ...(input.layers ?? []).map((layer) => layer[language])] },
    ...notice,
    { text: t('rulesProvenance'), style: 'h2', margin: [0, 12, 0, 4] },
    ...input.rules.map((result) => {
      texts.push(result.provenance[language]);
      return { stack: [{ text: `${result.title[language]}（${formatTarget(result.target)}）`, bold: true }, { text: result.provenance[language], style: 'muted' }, ...(result.source ? [{ text: result.source, style: 'muted' }] : [])], margin: [0, 0, 0, 6] };
    }),
  );
  for (const result of input.rules) if (result.source) texts.push(result.source);

  const images = [...input.maps, ...(input.atlas?.images ?? []).filter((image): image is ReportImage => image !== null)];
  const definition = {
    info: { title: `${t('title')} — ${input.region}`, subject: input.scenario, creator: 'gapmap', producer: 'gapmap (pdfmake)' },
    // Image nodes name a key here, which names the file the renderer puts in pdfmake's virtual file system.
    images: Object.fromEntries(images.map((image) => [image.file, image.file])),
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 48],
    defaultStyle: { font: FONT, fontSize: 9, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 24, bold: true },
      subtitle: { fontSize: 16 },
      h1: { fontSize: 15, bold: true, margin: [0, 0, 0, 8] },
      h2: { fontSize: 12, bold: true, margin: [0, 6, 0, 6] },
      table: { fontSize: 7.5 },
      tableHeader: { bold: true, fillColor: '#eef2f6' },
      muted: { color: '#555555' },
      notice: { color: '#9a3412', bold: true },
      pass: { color: '#166534', bold: true },
      fail: { color: '#b91c1c', bold: true },
    },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: `gapmap · ${input.region} · ${input.date}`, style: 'muted', fontSize: 7 },
        { text: fillText(t('page'), { page, pages }), alignment: 'right', style: 'muted', fontSize: 7 },
      ],
      margin: [40, 16, 40, 0],
    }),
    content,
  };
  return { definition, images, texts };
}
