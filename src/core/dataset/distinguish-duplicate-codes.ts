// Units sharing a code (ten townships all coded 530402001) stay apart in every table and export:
// the second and later get "#2", "#3"… appended to their code, and the planner is told which.
// The import already warns about the duplicate itself; this keeps the rows distinguishable.
import type { AdminUnit } from '../types.ts';
import type { Bilingual } from '../rules/rule-types.ts';

export interface DistinguishedUnits {
  units: AdminUnit[];
  /** One line per renamed unit: "甲镇: code 530402001 → 530402001#2". */
  renamed: Bilingual[];
}

export function distinguishDuplicateCodes(units: AdminUnit[]): DistinguishedUnits {
  const taken = new Set(units.map((unit) => unit.code));
  const seen = new Set<string>();
  const renamed: Bilingual[] = [];
  const out = units.map((unit) => {
    if (!seen.has(unit.code)) {
      seen.add(unit.code);
      return unit;
    }
    let k = 2;
    while (taken.has(`${unit.code}#${k}`)) k++;
    const code = `${unit.code}#${k}`;
    taken.add(code);
    renamed.push({
      zh: `代码重复：${unit.name} 的代码 ${unit.code} 在输出中记为 ${code}`,
      en: `duplicate code: ${unit.name}'s code ${unit.code} is written as ${code} in the outputs`,
    });
    return { ...unit, code };
  });
  return { units: out, renamed };
}
