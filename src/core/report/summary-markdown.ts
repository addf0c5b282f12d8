// summary.md: the summary as a bilingual Markdown report a planner can read or paste.
// Feature text (names, codes) is escaped so it cannot break the tables or inject markup.

import type { Bilingual, FailingItem, RuleResult } from '../rules/rule-types.ts';
import { MESSAGES, type MessageKey } from '../i18n/messages.ts';
import { describeTarget } from '../rules/describe-rule-inputs.ts';
import { formatNumber } from '../rules/format-figures.ts';
import type { AnalysisSummary } from './build-summary.ts';
import { describeDropped } from '../import/summarize-dropped.ts';

/** How many failing items each rule lists in the Markdown (summary.json has them all). */
const FAILING_SHOWN = 15;

export function escapeMarkdown(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/[\r\n]+/g, ' ');
}

const STATUS_WORDS: Record<RuleResult['status'], string> = {
  pass: '✅ 达标 pass',
  fail: '❌ 未达标 fail',
  'not-available': '⚪ 无法评估 n/a',
};

function formatValue(result: RuleResult): string {
  if (result.value === null) return '—';
  if (result.target.unit === 'percent') return `${formatNumber(result.value, 1)}%`;
  if (result.target.unit === 'per-1000') return `${formatNumber(result.value, 2)} ‰`;
  return formatNumber(result.value);
}

function formatFigure(value: number | string | null): string {
  if (value === null) return '—';
  return typeof value === 'number' ? formatNumber(value, Number.isInteger(value) ? 0 : 2) : escapeMarkdown(value);
}

/** Small ratios (e.g. 0.97 per 1,000 against a target of 1) keep two decimals so a failing unit never reads as the target. */
function itemDigits(value: number): number {
  if (Number.isInteger(value)) return 0;
  return Math.abs(value) < 10 ? 2 : 1;
}

function failingTable(items: FailingItem[]): string[] {
  const keys = [...new Set(items.slice(0, FAILING_SHOWN).flatMap((item) => Object.keys(item.figures)))];
  const lines = [
    `| 代码 Code | 名称 Name | 值 Value | ${keys.map(escapeMarkdown).join(' | ')} |`,
    `|---|---|---|${keys.map(() => '---').join('|')}|`,
  ];
  for (const item of items.slice(0, FAILING_SHOWN)) {
    lines.push(
      `| ${escapeMarkdown(item.code)} | ${escapeMarkdown(item.name)} | ${item.value === null ? '—' : formatNumber(item.value, itemDigits(item.value))} | ${keys.map((k) => formatFigure(item.figures[k] ?? null)).join(' | ')} |`,
    );
  }
  if (items.length > FAILING_SHOWN) lines.push('', `… 另有 ${items.length - FAILING_SHOWN} 项 / ${items.length - FAILING_SHOWN} more (see summary.json)`);
  return lines;
}

function ruleSection(result: RuleResult): string[] {
  const lines = [`### ${escapeMarkdown(result.ruleId)} — ${escapeMarkdown(result.title.zh)} / ${escapeMarkdown(result.title.en)}`, ''];
  if (result.source) lines.push(`> 原文：${escapeMarkdown(result.source)}`, '');
  lines.push(`- 结果 Result: **${STATUS_WORDS[result.status]}** — ${formatValue(result)} (目标 target ${describeTarget(result.target)})`);
  lines.push(`- ${escapeMarkdown(result.summary.zh)}`, `- ${escapeMarkdown(result.summary.en)}`);
  if (result.shortfall) lines.push(`- 缺口：${escapeMarkdown(result.shortfall.sentence.zh)}`, `- Shortfall: ${escapeMarkdown(result.shortfall.sentence.en)}`);
  if (result.reason) lines.push(`- 原因：${escapeMarkdown(result.reason.zh)}`, `- Reason: ${escapeMarkdown(result.reason.en)}`);
  lines.push(`- 依据：${escapeMarkdown(result.provenance.zh)}`, `- Provenance: ${escapeMarkdown(result.provenance.en)}`);
  if (result.status === 'fail' && result.failing.length > 0) lines.push('', ...failingTable(result.failing));
  lines.push('');
  return lines;
}

/** The mode's name in both languages ('cycle' is the e-bike table). */
function travelModeName(mode: string): Bilingual {
  const key = `travel-mode.${mode === 'cycle' ? 'ebike' : mode}`;
  return key in MESSAGES ? MESSAGES[key as MessageKey] : { zh: mode, en: mode };
}

export function summaryToMarkdown(summary: AnalysisSummary): string {
  const { dataset, service, counts } = summary;
  const lines = [
    '# gapmap 公共服务覆盖与缺口分析 / Coverage and gap analysis',
    '',
    `- 数据 Dataset: ${escapeMarkdown(dataset.name)}`,
    `- 来源 Source: ${escapeMarkdown(dataset.source)}`,
    `- ${formatNumber(dataset.townships)} 个乡镇（街道）townships, ${formatNumber(dataset.counties)} 个县（市、区）counties, ${formatNumber(dataset.facilities)} 个设施 facilities, ${formatNumber(dataset.places)} 个目标地点 target places, ${formatNumber(dataset.population)} 人 people in ${formatNumber(dataset.populationCells)} 个人口网格 population cells`,
    '',
  ];
  if (summary.notice) lines.push(`> ⚠️ ${escapeMarkdown(summary.notice.zh)}`, '>', `> ⚠️ ${escapeMarkdown(summary.notice.en)}`, '');
  if (summary.droppedInput.length > 0) {
    lines.push('## 输入中略去的部分 Input left out (--keep-readable-part)', '');
    for (const input of summary.droppedInput) {
      const line = describeDropped(input);
      lines.push(`- ${escapeMarkdown(line.zh)}`, `- ${escapeMarkdown(line.en)}`);
    }
    lines.push('');
  }
  if (service) {
    const radius = service.travelTime
      ? `${formatNumber(service.travelTime.minutes)} 分钟 min（${escapeMarkdown(travelModeName(service.travelTime.mode).zh)} / ${escapeMarkdown(travelModeName(service.travelTime.mode).en)}）`
      : service.radiusField
      ? `${formatNumber(service.radiusMetres)} m（各设施取 ${escapeMarkdown(service.radiusField)} / each facility's ${escapeMarkdown(service.radiusField)}）`
      : `${formatNumber(service.radiusMetres)} m`;
    lines.push(
      `## 服务覆盖 Service coverage: ${escapeMarkdown(service.name.zh)} / ${escapeMarkdown(service.name.en)}, ${radius}`,
      '',
      '全市合计 Whole region:',
      '',
      '| 指标 Metric | 值 Value |',
      '|---|---|',
      ...service.columns
        .filter((column) => column.id !== 'failed_rule_count')
        .map((column) => {
          const value = service.region[column.id];
          const shown = value === null ? `— ${column.unavailable ? escapeMarkdown(`${column.unavailable.zh} / ${column.unavailable.en}`) : ''}` : formatNumber(value, Number.isInteger(value) ? 0 : 2);
          return `| ${escapeMarkdown(column.label.zh)} ${escapeMarkdown(column.label.en)} | ${shown.trim()} |`;
        }),
      '',
      ...service.notes.flatMap((note) => [`> ${escapeMarkdown(note.zh)}`, '>', `> ${escapeMarkdown(note.en)}`, '']),
    );
  }
  lines.push(
    `## 规划目标 Plan targets — ${escapeMarkdown(summary.ruleSet.name.zh)} / ${escapeMarkdown(summary.ruleSet.name.en)} (${escapeMarkdown(summary.ruleSet.id)})`,
    '',
    `${counts.rules} 条规则 rules: ${counts.pass} 达标 pass, ${counts.fail} 未达标 fail, ${counts.notAvailable} 无法评估 not available.`,
    '',
    '| 规则 Rule | 值 Value | 目标 Target | 结果 Status | 缺口 Shortfall |',
    '|---|---|---|---|---|',
    ...summary.rules.map(
      (r) =>
        `| ${escapeMarkdown(r.ruleId)} ${escapeMarkdown(r.title.zh)} | ${formatValue(r)} | ${describeTarget(r.target)} | ${STATUS_WORDS[r.status]} | ${r.shortfall ? escapeMarkdown(`${r.shortfall.sentence.zh} / ${r.shortfall.sentence.en}`) : r.reason ? escapeMarkdown(r.reason.en) : ''} |`,
    ),
    '',
    ...summary.rules.flatMap(ruleSection),
  );
  return lines.join('\n');
}
