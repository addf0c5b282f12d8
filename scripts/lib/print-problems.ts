// Import problems and errors as plain text on stderr: a table (file | feature | field | severity |
// message) and one-line errors naming the file, feature and field, in English then Chinese.

import { basename } from 'node:path';
import type { AppError } from '../../src/core/types.ts';
import type { FileProblem } from './load-input-dataset.ts';

/** Problems listed in the table (the rest are counted). */
const TABLE_LIMIT = 50;

/** Terminal columns a character takes: 2 for CJK and full-width forms, else 1. */
function charWidth(code: number): number {
  const wide =
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000;
  return wide ? 2 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0)!);
  return width;
}

function clip(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (displayWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function featureLabel(problem: FileProblem['problem']): string {
  const parts: string[] = [];
  if (problem.featureIndex !== undefined) parts.push(`#${problem.featureIndex}`);
  if (problem.featureId !== undefined) parts.push(`id ${problem.featureId}`);
  if (problem.featureName !== undefined) parts.push(problem.featureName);
  // Where in the file: a row's line (CSV, NDJSON) or a feature's byte (GeoJSON, shapefile).
  if (problem.line !== undefined) parts.push(`line ${problem.line}`);
  else if (problem.byte !== undefined) parts.push(`byte ${problem.byte}`);
  return parts.join(' ') || '—';
}

export function formatProblemTable(problems: FileProblem[]): string {
  if (problems.length === 0) return '';
  const rows = problems.slice(0, TABLE_LIMIT).map(({ file, problem }) => [
    clip(basename(file), 28),
    clip(featureLabel(problem), 36),
    clip(problem.field ?? '—', 18),
    problem.severity,
    `${problem.message.en} / ${problem.message.zh}`,
  ]);
  const header = ['file', 'feature', 'field', 'severity', 'problem / 问题'];
  const widths = header.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c]))));
  widths[4] = displayWidth(header[4]);
  const line = (cells: string[]) => cells.map((cell, c) => (c < 4 ? pad(cell, widths[c]) : cell)).join(' | ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line)];
  if (problems.length > TABLE_LIMIT) out.push(`… ${problems.length - TABLE_LIMIT} more problems / 另有 ${problems.length - TABLE_LIMIT} 个问题`);
  return out.join('\n') + '\n';
}

export function formatError(error: AppError): string {
  const where = [
    error.file ? `${error.file}` : undefined,
    error.featureIndex !== undefined ? `feature #${error.featureIndex}` : undefined,
    error.featureId ? `id ${error.featureId}` : undefined,
    error.field ? `field ${error.field}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return `error: ${where ? `${where}: ` : ''}${error.message.en}\n错误：${where ? `${where}：` : ''}${error.message.zh}\n`;
}
