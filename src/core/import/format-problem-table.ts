// The import report as a plain-text table (the CLI prints it on stderr), in Chinese or English.
import type { ImportedLayer } from './import-layer.ts';
import type { ImportProblem } from './import-problem.ts';

const HEADERS = {
  zh: ['级别', '代码', '要素', 'ID/名称', '字段', '说明'],
  en: ['severity', 'code', 'feature', 'id/name', 'field', 'message'],
};
const SEVERITY = {
  zh: { error: '错误', warning: '警告', repaired: '已修复' },
  en: { error: 'error', warning: 'warning', repaired: 'repaired' },
};

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let columns = 0;
  for (const char of text) columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1;
  return columns;
}

function pad(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - width(text)));
}

/** Where a problem is: the feature index, and the line or byte of the file when known. */
function place(problem: ImportProblem, lang: 'zh' | 'en'): string {
  const parts: string[] = [];
  if (problem.featureIndex !== undefined) parts.push(String(problem.featureIndex));
  if (problem.line !== undefined) parts.push(lang === 'zh' ? `第${problem.line}行` : `line ${problem.line}`);
  else if (problem.byte !== undefined) parts.push(lang === 'zh' ? `第${problem.byte}字节` : `byte ${problem.byte}`);
  return parts.join(' ') || '—';
}

export function formatProblemTable(problems: ImportProblem[], lang: 'zh' | 'en', limit = 200): string {
  const rows = problems.slice(0, limit).map((problem) => [
    SEVERITY[lang][problem.severity],
    problem.code,
    place(problem, lang),
    [problem.featureId, problem.featureName].filter(Boolean).join(' ') || '—',
    problem.field ?? '—',
    problem.message[lang] + (problem.suggestion ? ` ${problem.suggestion[lang]}` : ''),
  ]);
  const table = [HEADERS[lang], ...rows];
  const widths = HEADERS[lang].map((_, column) => Math.min(40, Math.max(...table.map((row) => width(row[column])))));
  const lines = table.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : pad(cell, widths[column]))).join('  '));
  if (problems.length > limit) lines.push(lang === 'zh' ? `……另有 ${problems.length - limit} 条未显示` : `… ${problems.length - limit} more not shown`);
  return lines.join('\n');
}

/** "N loaded, M with problems" — the one-line summary of an import. */
export function summarizeImport(layer: Pick<ImportedLayer, 'loadedCount' | 'problemCount' | 'problems'>): { zh: string; en: string } {
  const repaired = new Set(layer.problems.filter((p) => p.severity === 'repaired' && p.featureIndex !== undefined).map((p) => p.featureIndex)).size;
  return {
    zh: `已导入 ${layer.loadedCount} 个要素，${layer.problemCount} 个有问题${repaired ? `，${repaired} 个已自动修复` : ''}。`,
    en: `${layer.loadedCount} loaded, ${layer.problemCount} with problems${repaired ? `, ${repaired} repaired` : ''}.`,
  };
}
