// Target arithmetic, number formatting and the CSV writer.
import { describe, expect, it } from 'vitest';
import { countShortfall, meetsTarget, requiredCount } from '../../src/core/rules/compare-target.ts';
import { formatNumber } from '../../src/core/rules/format-figures.ts';
import { pluralize, zhMeasureWord } from '../../src/core/rules/describe-rule-inputs.ts';
import { csvCell, toCsv } from '../../src/core/report/write-csv.ts';

describe('target arithmetic', () => {
  it('counts the whole units a share needs', () => {
    expect(requiredCount('>=', 60, 76)).toBe(46); // ceil(45.6)
    expect(requiredCount('>=', 90, 10)).toBe(9); // exactly 9, not 10 from float noise
    expect(requiredCount('>=', 70, 10)).toBe(7);
    expect(requiredCount('>', 50, 4)).toBe(3);
    expect(requiredCount('<=', 10, 76)).toBe(7);
    expect(countShortfall('>=', 60, 76, 41)).toBe(5);
    expect(countShortfall('>=', 60, 76, 50)).toBe(0);
    expect(countShortfall('<=', 10, 76, 9)).toBe(2);
  });
  it('compares with a tolerance for float noise', () => {
    expect(meetsTarget(0.1 + 0.2, '>=', 0.3)).toBe(true);
    expect(meetsTarget(54.99, '>=', 55)).toBe(false);
    expect(meetsTarget(100, '<', 100)).toBe(false);
  });
});

describe('formatting', () => {
  it('groups thousands deterministically', () => {
    expect(formatNumber(12400)).toBe('12,400');
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(-1350)).toBe('-1,350');
    expect(formatNumber(-0.001, 1)).toBe('0.0');
    expect(formatNumber(Infinity)).toBe('∞');
  });
  it('counts people with 名, beds with 张, anything else with 个', () => {
    expect(['儿科医生', '全科医师', '护士', '法律顾问', '社区工作人员'].map(zhMeasureWord)).toEqual(['名', '名', '名', '名', '名']);
    expect(['床位', '护理型床位'].map(zhMeasureWord)).toEqual(['张', '张']);
    expect(['托位', '容量', '学位'].map(zhMeasureWord)).toEqual(['个', '个', '个']);
  });

  it('pluralises English nouns', () => {
    expect(pluralize('public nursery')).toBe('public nurseries');
    expect(pluralize('regional elder-care centre')).toBe('regional elder-care centres');
    expect(pluralize('day-care facility', 1)).toBe('day-care facility');
    expect(pluralize('county public hospital')).toBe('county public hospitals');
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180 and guards against formula injection', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('+86 877')).toBe("'+86 877");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('=1+1, "x"')).toBe(`"'=1+1, ""x"""`);
    expect(csvCell(-12.5)).toBe('-12.5'); // numbers are not text: no guard
    expect(csvCell(null)).toBe('');
    expect(csvCell(NaN)).toBe('');
  });
  it('writes a BOM, CRLF rows and a header', () => {
    const csv = toCsv(['code', 'name'], [['1', '红塔区'], ['2', null]]);
    expect(csv).toBe('\uFEFFcode,name\r\n1,红塔区\r\n2,\r\n');
    expect(toCsv(['a'], [], { bom: false })).toBe('a\r\n');
  });
});
