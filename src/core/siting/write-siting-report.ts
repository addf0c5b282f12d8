// The siting outputs shared by the CLI and the app's exports: proposed sites as GeoJSON and as CSV
// (UTF-8 with BOM), and the before/after summary as JSON and bilingual Markdown. Names and codes
// are escaped in Markdown; nothing is ever rendered as HTML.

import type { Dataset } from '../types.ts';
import type { Bilingual, RuleStatus } from '../rules/rule-types.ts';
import { toCsv } from '../report/write-csv.ts';
import { escapeMarkdown } from '../report/summary-markdown.ts';
import { SYNTHETIC_NOTICE } from '../report/build-summary.ts';
import { formatNumber } from '../rules/format-figures.ts';
import type { SitingProposal } from './plan-sites.ts';
import type { SitingSummary } from './summarise-proposal.ts';

export interface SitingReport extends SitingSummary {
  tool: 'gapmap site';
  dataset: { name: string; source: string; synthetic: boolean };
  notice: Bilingual | null;
  request: SitingProposal['request'];
  reach: Bilingual;
  ruleAfter?: { ruleId: string; status: RuleStatus; summary: Bilingual };
}

export function buildSitingReport(dataset: Dataset, proposal: SitingProposal, summary: SitingSummary): SitingReport {
  return {
    tool: 'gapmap site',
    dataset: { name: dataset.info.name, source: dataset.info.source, synthetic: dataset.info.synthetic },
    notice: dataset.info.synthetic ? SYNTHETIC_NOTICE : null,
    request: proposal.request,
    reach: proposal.candidateReach.label,
    ...summary,
    ...(proposal.ruleAfter ? { ruleAfter: { ruleId: proposal.ruleAfter.ruleId, status: proposal.ruleAfter.status, summary: proposal.ruleAfter.summary } } : {}),
  };
}

const round = (v: number, digits = 2) => (Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : null);
const servesText = (serves: SitingSummary['sites'][number]['serves']) => serves.map((s) => `${s.name} ${Math.round(s.people)}`).join('; ');

export function sitesToGeoJson(proposal: SitingProposal, summary: SitingSummary) {
  return {
    type: 'FeatureCollection' as const,
    features: summary.sites.map((site, n) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [round(site.lon, 7), round(site.lat, 7)] },
      properties: {
        ...proposal.facilities[n].properties,
        rank: n + 1,
        name: proposal.facilities[n].name,
        township: site.township,
        county: site.county,
        marginal_gain: round(site.marginal),
        capacity: site.capacity,
        serves_townships: servesText(site.serves),
        method: proposal.solution.method,
      },
    })),
  };
}

export const SITE_COLUMNS = ['序号 rank', 'id', '候选点 candidate', '经度 lon', '纬度 lat', '乡镇 township', '县 county', '边际增益 marginal gain', '容量 capacity', '服务乡镇 townships served', '方法 method'];

export function sitesToCsv(proposal: SitingProposal, summary: SitingSummary): string {
  return toCsv(
    SITE_COLUMNS,
    summary.sites.map((site, n) => [
      n + 1,
      site.id,
      proposal.sites[n].id,
      round(site.lon, 7),
      round(site.lat, 7),
      site.township,
      site.county,
      round(site.marginal),
      site.capacity,
      servesText(site.serves),
      proposal.solution.method,
    ]),
  );
}

const STATUS: Record<RuleStatus, string> = { pass: '✅ 达标 pass', fail: '❌ 未达标 fail', 'not-available': '⚪ 无法评估 n/a' };
const value = (v: number | null) => (v === null ? '—' : formatNumber(v, 2));
const percent = (part: number, whole: number) => (whole > 0 ? `${formatNumber((100 * part) / whole, 2)}%` : '—');

export function sitingReportToMarkdown(report: SitingReport): string {
  const { objective, coverage } = report;
  const gapText = objective.gap === 0 ? '0（已证明最优 proven optimal）' : `${formatNumber(100 * objective.gap, 2)}%`;
  const lines = [
    '# gapmap 设施选址 / Facility siting',
    '',
    `- 数据 Dataset: ${escapeMarkdown(report.dataset.name)}`,
    `- 新设施类型 New facility type: ${escapeMarkdown(report.request.service)}; 可达 reach: ${escapeMarkdown(report.reach.zh)} / ${escapeMarkdown(report.reach.en)}`,
    `- 问题 Problem: ${escapeMarkdown(report.request.problem.kind)}`,
    '',
  ];
  if (report.notice) lines.push(`> ⚠️ ${escapeMarkdown(report.notice.zh)}`, '>', `> ⚠️ ${escapeMarkdown(report.notice.en)}`, '');
  lines.push(
    '## 答案与最优性 Answer and its proof',
    '',
    '| 项 Item | 值 Value |',
    '|---|---|',
    `| 目标 Objective | ${escapeMarkdown(objective.label.zh)} / ${escapeMarkdown(objective.label.en)}: **${formatNumber(objective.value, 2)}** |`,
    `| 求解方法 Method | ${escapeMarkdown(objective.method.zh)} / ${escapeMarkdown(objective.method.en)} |`,
    `| 界 Bound | ${formatNumber(objective.bound, 2)} — ${escapeMarkdown(objective.boundMethod.zh)} / ${escapeMarkdown(objective.boundMethod.en)} |`,
    `| 最优性差距 Optimality gap | ${gapText}（与可能的最优解相差不超过此值 / within this of the best possible） |`,
    '',
  );
  if (coverage.total > 0) {
    lines.push(
      '## 覆盖 Coverage',
      '',
      `| | 之前 Before | 之后 After |`,
      '|---|---|---|',
      `| 覆盖需求 Demand covered | ${formatNumber(coverage.before)} (${percent(coverage.before, coverage.total)}) | ${formatNumber(coverage.after)} (${percent(coverage.after, coverage.total)}) |`,
      '',
    );
  }
  if (report.weightedDistance) {
    lines.push(`加权距离 Weighted distance: ${formatNumber(report.weightedDistance.before)} → ${formatNumber(report.weightedDistance.after)}`, '');
  }
  if (report.ruleAfter) lines.push(`目标规则 Target rule **${escapeMarkdown(report.ruleAfter.ruleId)}** → ${STATUS[report.ruleAfter.status]}: ${escapeMarkdown(report.ruleAfter.summary.zh)} / ${escapeMarkdown(report.ruleAfter.summary.en)}`, '');
  lines.push(
    '## 新址 Proposed sites',
    '',
    '| # | 位置 Location | 乡镇 Township | 边际增益 Marginal gain | 服务乡镇 Townships served |',
    '|---|---|---|---|---|',
    ...report.sites.map(
      (s, n) =>
        `| ${n + 1} | ${s.lon.toFixed(5)}, ${s.lat.toFixed(5)} | ${escapeMarkdown(s.township ?? '—')} | ${formatNumber(s.marginal, 0)} | ${escapeMarkdown(servesText(s.serves.slice(0, 5)))} |`,
    ),
    '',
    '## 规则变化 Rule changes',
    '',
    '| 规则 Rule | 之前 Before | 之后 After | |',
    '|---|---|---|---|',
    ...report.rules.map(
      (r) =>
        `| ${escapeMarkdown(r.ruleId)} ${escapeMarkdown(r.title.zh)} | ${value(r.before.value)} ${STATUS[r.before.status]} | ${value(r.after.value)} ${STATUS[r.after.status]} | ${r.nowPasses ? '**新达标 now passes**' : r.changed ? '变化 changed' : ''} |`,
    ),
    '',
  );
  const changed = report.townships.filter((t) => t.after > t.before);
  if (changed.length > 0) {
    lines.push(
      '## 乡镇变化 Townships with new coverage',
      '',
      '| 乡镇 Township | 之前 Before | 之后 After |',
      '|---|---|---|',
      ...changed.map((t) => `| ${escapeMarkdown(t.name)} (${escapeMarkdown(t.code)}) | ${percent(t.before, t.demand)} | ${percent(t.after, t.demand)} |`),
      '',
    );
  }
  if (report.notes.length > 0) lines.push('## 说明 Notes', '', ...report.notes.map((n) => `- ${escapeMarkdown(n.zh)} / ${escapeMarkdown(n.en)}`), '');
  if (report.matrix) {
    const m = report.matrix;
    lines.push(`约简 Reduction: ${formatNumber(m.cells)} cells → ${formatNumber(m.rows)} demand rows; ${formatNumber(m.candidates)} candidates → ${formatNumber(m.columns)} (${formatNumber(m.dominated)} dominated); ${formatNumber(m.entries)} nonzeros.`, '');
  }
  return lines.join('\n');
}
