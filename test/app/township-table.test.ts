// @vitest-environment jsdom
// The table panel over the core metric table: names as text, the served group in the headers,
// the exact figures in data-value, sorting, search, the rule filter, the county level and 全市合计.
import { describe, expect, it } from 'vitest';
import { TownshipTable } from '../../src/app/panels/township-table.ts';
import { computeMetricTable, failedRulesByUnit, withFailedRules } from '../../src/core/analysis/compute-metric-table.ts';
import { serviceDefinition } from '../../src/core/analysis/service-catalog.ts';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { evaluateRules } from '../../src/core/rules/evaluate-rules.ts';
import { validateRule } from '../../src/core/rules/validate-rules.ts';
import { tinyRegion } from '../rules/tiny-region.ts';

function table() {
  const dataset = tinyRegion();
  dataset.townships[1].name = '<img src=x onerror=alert(1)>';
  const prepared = prepareDataset(dataset);
  const rule = validateRule({ id: 'presence', title: { zh: '规则', en: 'rule' }, kind: 'unit-presence', level: 'township', filter: { types: ['elder-daycare'] }, target: { op: '>=', value: 100 } });
  if (!rule.ok) throw new Error('bad rule');
  const results = evaluateRules(prepared, [rule.value]);
  return withFailedRules(computeMetricTable(prepared, serviceDefinition('elder-daycare'), 500, []), failedRulesByUnit(prepared, results));
}

const names = (panel: TownshipTable) => [...panel.element.querySelectorAll('tbody th')].map((cell) => cell.textContent);
const cell = (panel: TownshipTable, row: number, column: string) => panel.element.querySelectorAll('tbody tr')[row].querySelector<HTMLElement>(`td[data-column="${column}"]`)!;

describe('metric table panel', () => {
  it('shows names as text, the table\'s exact figures, sorts, searches and filters to a rule', () => {
    const selected: number[] = [];
    const panel = new TownshipTable((index) => selected.push(index), () => undefined);
    document.body.append(panel.element);
    panel.setData(table());
    expect(names(panel)).toEqual(['TT1', '<img src=x onerror=alert(1)>', 'TT3', 'TT4']);
    expect(panel.element.querySelector('img')).toBeNull();
    expect(cell(panel, 0, 'capacity_per_1000_age60plus').dataset.value).toBe('200');
    expect(cell(panel, 0, 'population_covered_pct').textContent).toBe('25%');
    expect(cell(panel, 1, 'failed_rule_count').textContent).toBe('1');
    const header = panel.element.querySelector<HTMLButtonElement>('button[data-sort="capacity_per_1000_age60plus"]')!;
    expect(header.textContent).toBe('照料床位/千名60 岁及以上老人');

    panel.element.querySelector<HTMLButtonElement>('button[data-sort="population_covered_pct"]')!.click();
    expect(names(panel)).toEqual(['TT3', 'TT1', '<img src=x onerror=alert(1)>', 'TT4']);
    expect(panel.element.querySelector('button[data-sort="population_covered_pct"]')!.parentElement!.getAttribute('aria-sort')).toBe('descending');

    const search = panel.element.querySelector<HTMLInputElement>('#township-search')!;
    search.value = 'South';
    search.dispatchEvent(new Event('input'));
    expect(names(panel)).toEqual(['TT1', '<img src=x onerror=alert(1)>']);
    search.value = '';
    search.dispatchEvent(new Event('input'));

    panel.setRuleFilter({ label: 'rule', townships: new Set([1]) });
    expect(names(panel)).toEqual(['<img src=x onerror=alert(1)>']);
    panel.element.querySelector<HTMLTableRowElement>('tbody tr')!.click();
    expect(selected).toEqual([1]);
  });

  it('has a county level and a 全市合计 row', () => {
    const panel = new TownshipTable(() => undefined, () => undefined);
    panel.setData(table());
    const total = panel.element.querySelector<HTMLTableRowElement>('tfoot tr')!;
    expect(total.querySelector('th')!.textContent).toBe('全市合计');
    expect(total.querySelector<HTMLElement>('td[data-column="population"]')!.dataset.value).toBe('1550');
    panel.element.querySelector<HTMLButtonElement>('button[data-level="county"]')!.click();
    expect(names(panel)).toEqual(['South', 'North']);
    expect(cell(panel, 0, 'capacity_per_1000_age60plus').dataset.value).toBe('90.909');
    expect(cell(panel, 1, 'failed_rule_count').dataset.value).toBe('1');
  });

  it('shows the names alone before the first analysis, and says why a column has no figures', () => {
    const panel = new TownshipTable(() => undefined, () => undefined);
    panel.setData(null, { townships: [{ code: 't1', name: '甲镇', parentName: '南县', bbox: [0, 0, 1, 1] }], counties: [] });
    expect(names(panel)).toEqual(['甲镇']);
    const dataset = tinyRegion();
    dataset.population.cohorts = {};
    panel.setData(computeMetricTable(prepareDataset(dataset), serviceDefinition('nursery'), 500, []));
    const header = panel.element.querySelector<HTMLButtonElement>('button[data-sort="capacity_per_1000_age0_3"]')!;
    expect(header.title).toBe('无法计算：人口图层没有0–3 岁婴幼儿人数字段（age0_3）');
    expect(cell(panel, 0, 'capacity_per_1000_age0_3').textContent).toBe('—');
  });

  it('writes new figures into the rows whose figures changed; the others stay the same nodes, sort and selection kept', () => {
    const panel = new TownshipTable(() => undefined, () => undefined);
    const first = table();
    panel.setData(first);
    panel.element.querySelector<HTMLButtonElement>('button[data-sort="population_covered_pct"]')!.click();
    Element.prototype.scrollIntoView ??= () => undefined; // jsdom has no layout
    panel.setSelected(0);
    const rowsBefore = [...panel.element.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    const header = panel.element.querySelector('thead tr');
    expect(rowsBefore.map((row) => row.dataset.index)).toEqual(['2', '0', '1', '3']);
    // TT4 (index 3) gets the best coverage, TT1 (0) a new facility count; TT2 and TT3 keep theirs.
    const covered = Float64Array.from(first.townships.values.population_covered_pct);
    covered[3] = covered[2] + 1;
    const facilities = Float64Array.from(first.townships.values.facilities);
    facilities[0] += 1;
    panel.setData({ ...first, townships: { ...first.townships, values: { ...first.townships.values, population_covered_pct: covered, facilities } } });
    const rowsAfter = [...panel.element.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    // Sorted by coverage, descending: TT4 moves to the top, as the same node.
    expect(rowsAfter.map((row) => row.dataset.index)).toEqual(['3', '2', '0', '1']);
    for (const row of rowsAfter) expect(rowsBefore).toContain(row);
    expect(panel.element.querySelector('thead tr')).toBe(header);
    expect(rowsAfter[0].querySelector<HTMLElement>('td[data-column="population_covered_pct"]')!.dataset.value).toBe(String(covered[3]));
    expect(rowsAfter[0].querySelector<HTMLElement>('td[data-column="population_covered_pct"]')!.textContent).toBe(`${covered[3]}%`);
    expect(rowsAfter[2].querySelector<HTMLElement>('td[data-column="facilities"]')!.dataset.value).toBe(String(first.townships.values.facilities[0] + 1));
    expect(panel.element.querySelector('tr[aria-selected="true"]')!.getAttribute('data-index')).toBe('0');
    // An unchanged cell keeps its node too.
    const untouched = rowsBefore[0].querySelector('td[data-column="population"]');
    expect(rowsAfter[1].querySelector('td[data-column="population"]')).toBe(untouched);
  });

  it('draws the rows again when the units change', () => {
    const panel = new TownshipTable(() => undefined, () => undefined);
    panel.setData(table());
    const before = panel.element.querySelector('tbody tr');
    panel.setData(null, { townships: [{ code: 't1', name: '甲镇', parentName: '南县', bbox: [0, 0, 1, 1] }], counties: [] });
    expect(names(panel)).toEqual(['甲镇']);
    expect(panel.element.querySelector('tbody tr')).not.toBe(before);
  });
});
