// Picks the fields a role needs (name, code, capacity, population, …) from the names Chinese and
// English planning data use: 名称/name/NAME/XZQMC, 代码/code/adcode/XZQDM, 人口/population/pop,
// 床位/托位/capacity … Exact names win over names that merely contain a word; numbers are
// preferred for capacity and population. The planner confirms or changes the choice.
import type { AdminLevel } from '../types.ts';

export type LayerRole = 'boundaries' | 'facilities' | 'population' | 'places' | 'roads';

export interface FieldMapping {
  nameField?: string;
  codeField?: string;
  parentField?: string;
  level?: AdminLevel;
  idField?: string;
  /** Facilities: one type for the whole layer, or a field that holds it. */
  type?: string;
  typeField?: string;
  capacityField?: string;
  populationField?: string;
  /** Cohort name (e.g. 'age0_3', 'age60plus') → field holding its head count. */
  cohortFields?: Record<string, string>;
  /** Target places: one kind for the whole layer, or a field that holds it. */
  kind?: string;
  kindField?: string;
}

interface FieldInfo {
  name: string;
  numeric: boolean;
}

const PATTERNS = {
  name: {
    exact: ['名称', 'name', '机构名称', '单位名称', '设施名称', '学校名称', '医院名称', 'xzqmc', '行政区名称', '乡镇名称', '乡镇', '街道名称', '县名', '区县名称', '村名', '社区名称', 'mc', '地名', 'title', 'fullname'],
    contains: ['名称', 'name', '名字', 'mc'],
  },
  code: {
    exact: ['代码', 'code', 'adcode', 'xzqdm', '行政区划代码', '区划代码', '行政代码', '编码', 'dm', 'gb', 'areacode', 'admin_code', 'towncode', 'township_code'],
    contains: ['代码', 'adcode', 'xzqdm', 'code', '编码'],
  },
  parent: {
    exact: ['parent', 'parent_code', 'parentcode', '上级代码', '上级区划代码', '所属县代码', 'county_code', 'countycode', 'ctadcode', 'pac'],
    contains: ['上级', 'parent', 'county_code'],
  },
  id: {
    exact: ['id', 'fid', 'objectid', '编号', '序号', 'uid', 'poi_id', 'code'],
    contains: ['编号', 'id'],
  },
  type: {
    exact: ['类型', 'type', '类别', 'category', 'kind', '设施类型', '机构类型', 'class', '分类'],
    contains: ['类型', '类别', 'type', 'category'],
  },
  capacity: {
    exact: ['capacity', '床位', '床位数', '托位', '托位数', '学位', '学位数', '容量', '规模', '座位数', 'beds', 'places', 'seats', '核定床位', '编制床位', '医生数', 'doctors'],
    contains: ['床位', '托位', '学位', '容量', 'capacity', 'bed', 'place', '规模'],
  },
  population: {
    exact: ['人口', 'population', 'pop', '常住人口', '户籍人口', '总人口', '人口数', '人数', 'pop_total', 'pop2020', 'pop_2020', 'total_pop'],
    contains: ['人口', 'pop', '人数'],
  },
} as const;

const COHORTS: Record<string, RegExp> = {
  age0_3: /^(age_?0_?3|0[-_~～]3岁?|婴幼儿|三岁以下|3岁以下|0至3岁|pop_?0_?3)$/i,
  age60plus: /^(age_?60_?plus|age_?60\+|60岁以上|60岁及以上|老年人口|60\+|pop_?60_?plus|elderly)$/i,
};

function pick(fields: FieldInfo[], kind: keyof typeof PATTERNS, preferNumeric = false): string | undefined {
  const normalized = fields.map((field) => ({ ...field, key: field.name.trim().toLowerCase() }));
  const order = preferNumeric ? [...normalized].sort((a, b) => Number(b.numeric) - Number(a.numeric)) : normalized;
  for (const candidate of PATTERNS[kind].exact) {
    const found = order.find((field) => field.key === candidate);
    if (found) return found.name;
  }
  for (const word of PATTERNS[kind].contains) {
    const found = order.find((field) => field.key.includes(word));
    if (found) return found.name;
  }
  return undefined;
}

export function guessFieldMapping(layer: { fields: FieldInfo[] }, role: LayerRole): FieldMapping {
  const fields = layer.fields;
  const nameField = pick(fields, 'name');
  switch (role) {
    case 'boundaries': {
      // A layer with only an id field (common in exports) uses it as code and, for want of a name,
      // as name too: toAdminUnits reports that ('name-from-code').
      const codeField = pick(fields, 'code') ?? (nameField ? undefined : pick(fields, 'id'));
      const parentField = pick(fields.filter((field) => field.name !== codeField), 'parent');
      return { nameField: nameField ?? codeField, codeField, parentField, level: 'township' };
    }
    case 'facilities':
      return { nameField, idField: pick(fields.filter((field) => field.name !== nameField), 'id'), typeField: pick(fields, 'type'), capacityField: pick(fields, 'capacity', true) };
    case 'population': {
      const cohortFields: Record<string, string> = {};
      for (const [cohort, pattern] of Object.entries(COHORTS)) {
        const found = fields.find((field) => pattern.test(field.name.trim()));
        if (found) cohortFields[cohort] = found.name;
      }
      const populationField = pick(fields.filter((field) => !Object.values(cohortFields).includes(field.name)), 'population', true);
      return { populationField, cohortFields };
    }
    case 'places':
      return { nameField, kindField: pick(fields, 'type'), idField: pick(fields.filter((field) => field.name !== nameField), 'id') };
    case 'roads':
      return { nameField };
  }
}
