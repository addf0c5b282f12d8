// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { TownshipTable } from '../../src/app/panels/township-table.ts';
import type { MetricTable } from '../../src/app/analysis/township-metrics.ts';
import type { UnitSummary } from '../../src/core/dataset/describe-dataset.ts';

const townships: UnitSummary[] = [
  { code: '530402001', name: '玉兴街道', parentCode: '530402', parentName: '红塔区', bbox: [0, 0, 1, 1] },
  { code: '530421101', name: '<img src=x onerror=alert(1)>', parentCode: '530421', parentName: '江川区', bbox: [0, 0, 1, 1] },
  { code: '530423102', name: '秀山街道', parentCode: '530423', parentName: '通海县', bbox: [0, 0, 1, 1] },
];

function metrics(covered: number[]): MetricTable {
  const column = (values: number[]) => Float64Array.from(values);
  const nan = column([NaN, NaN, NaN]);
  return {
    'population-covered-pct': column(covered),
    'area-covered-pct': nan,
    'uncovered-population': nan,
    population: column([1000, 2000, 3000]),
    'facility-count': nan,
    'capacity-per-1000': nan,
    'two-step-fca': nan,
    'nearest-median': nan,
    'nearest-p90': nan,
    'nearest-time-median': nan,
    'nearest-time-p90': nan,
  };
}

const names = (table: TownshipTable) => [...table.element.querySelectorAll('tbody th')].map((cell) => cell.textContent);

describe('township table', () => {
  it('shows names as text, sorts by a metric, searches Chinese names and codes, and filters to a rule', () => {
    const selected: number[] = [];
    const table = new TownshipTable((index) => selected.push(index), () => undefined);
    document.body.append(table.element);
    table.setData(townships, metrics([40, 10, 90]), new Int32Array([0, 2, 1]));

    expect(names(table)).toEqual(['玉兴街道', '<img src=x onerror=alert(1)>', '秀山街道']);
    expect(table.element.querySelector('img')).toBeNull();

    const sortButton = table.element.querySelector<HTMLButtonElement>('button[data-sort="population-covered-pct"]')!;
    sortButton.click();
    expect(names(table)).toEqual(['秀山街道', '玉兴街道', '<img src=x onerror=alert(1)>']);
    const header = table.element.querySelector('button[data-sort="population-covered-pct"]')!.parentElement!;
    expect(header.getAttribute('aria-sort')).toBe('descending');

    const search = table.element.querySelector<HTMLInputElement>('#township-search')!;
    search.value = '秀山';
    search.dispatchEvent(new Event('input'));
    expect(names(table)).toEqual(['秀山街道']);
    search.value = '530402';
    search.dispatchEvent(new Event('input'));
    expect(names(table)).toEqual(['玉兴街道']);
    search.value = '';
    search.dispatchEvent(new Event('input'));

    table.setRuleFilter({ label: 'rule', townships: new Set([1]) });
    expect(names(table)).toEqual(['<img src=x onerror=alert(1)>']);
    table.element.querySelector<HTMLTableRowElement>('tbody tr')!.click();
    expect(selected).toEqual([1]);
  });
});
