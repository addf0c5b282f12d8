// Every import problem and error the importer can report, in Chinese and English, with a suggested
// fix where there is one. Keyed by code; the code is what tests, the CLI table and the UI match on.
export type MessageParams = Record<string, string | number | undefined>;
type Text = { zh: string; en: string };
export interface MessageEntry {
  message: (p: MessageParams) => Text;
  suggestion?: (p: MessageParams) => Text;
}

const s = (value: string | number | undefined): string => (value === undefined ? '' : String(value));

export const IMPORT_MESSAGES = {
  // ---- whole-file errors --------------------------------------------------------------------------
  'no-files': { message: () => ({ zh: '没有选择文件。', en: 'No file was given.' }) },
  'empty-file': { message: (p) => ({ zh: `文件 ${s(p.file)} 是空的。`, en: `File ${s(p.file)} is empty.` }) },
  'unknown-format': {
    message: (p) => ({
      zh: `无法识别 ${s(p.file)} 的格式（支持 GeoJSON、NDJSON、Shapefile（.zip 或 .shp/.dbf/.prj/.cpg）、CSV/TSV）。`,
      en: `Cannot tell the format of ${s(p.file)} (supported: GeoJSON, NDJSON, Shapefile as .zip or .shp/.dbf/.prj/.cpg, CSV/TSV).`,
    }),
  },
  'invalid-json': {
    message: (p) => ({
      zh: `JSON 语法错误：第 ${s(p.line)} 行第 ${s(p.column)} 列（文件第 ${s(p.byte)} 字节）${p.feature !== undefined ? `，第 ${s(p.feature)} 个要素` : ''}：${s(p.reasonZh)}。`,
      en: `JSON syntax error at line ${s(p.line)}, column ${s(p.column)} (byte ${s(p.byte)} of the file)${p.feature !== undefined ? `, feature ${s(p.feature)}` : ''}: ${s(p.reasonEn)}.`,
    }),
    suggestion: () => ({ zh: '文件可能被截断或损坏，请重新导出。', en: 'The file may be truncated or damaged; export it again.' }),
  },
  'truncated-json': {
    message: (p) => ({
      zh: `文件不完整：只读到 ${s(p.read)} 个要素（至少应有 ${s(p.atLeast)} 个），文件在第 ${s(p.end)} 字节处中断。${p.read ? '请重新下载或导出完整文件；如只需可读部分，可明确选择“保留可读部分”。' : '请重新下载或导出完整文件。'}`,
      en: `The file is incomplete: ${s(p.read)} of at least ${s(p.atLeast)} features read; the file ends at byte ${s(p.end)}. ${p.read ? 'Download or export the complete file again, or choose "keep the readable part" explicitly.' : 'Download or export the complete file again.'}`,
    }),
  },
  'truncated-json-kept': {
    message: (p) => ({
      zh: `文件不完整（在第 ${s(p.end)} 字节处中断），按要求只保留了可读的 ${s(p.read)} 个要素（至少应有 ${s(p.atLeast)} 个）。`,
      en: `The file is incomplete (it ends at byte ${s(p.end)}); as asked, only the ${s(p.read)} readable features were kept (of at least ${s(p.atLeast)}).`,
    }),
  },
  'file-too-large': {
    message: (p) => ({
      zh: `文件 ${s(p.file)} 有 ${s(p.size)}，超过${s(p.roleZh)}文件的上限 ${s(p.limit)}。`,
      en: `File ${s(p.file)} is ${s(p.size)}, over the ${s(p.roleEn)} file limit of ${s(p.limit)}.`,
    }),
    suggestion: () => ({ zh: '请先裁剪到研究区域或拆分文件。', en: 'Clip it to the study area or split it first.' }),
  },
  'unzipped-too-large': {
    message: (p) => ({
      zh: `ZIP 中的 Shapefile 解压后共 ${s(p.size)}（${s(p.entry)}），超过上限 ${s(p.limit)}，未解压。`,
      en: `The shapefile in the zip would unzip to ${s(p.size)} (${s(p.entry)}), over the limit of ${s(p.limit)}; not unzipped.`,
    }),
  },
  'too-many-vertices': {
    message: (p) => ({
      zh: `要素有 ${s(p.count)} 个顶点，超过每个要素 ${s(p.limit)} 个的上限，已跳过。`,
      en: `The feature has ${s(p.count)} vertices, over the limit of ${s(p.limit)} per feature; skipped.`,
    }),
    suggestion: () => ({ zh: '请先在 GIS 软件中简化该要素。', en: 'Simplify this feature in a desktop GIS first.' }),
  },
  'layer-too-many-vertices': {
    message: (p) => ({
      zh: `图层顶点超过 ${s(p.limit)} 个的上限（读到第 ${s(p.at)} 个要素时），未导入。`,
      en: `The layer has more than the limit of ${s(p.limit)} vertices (reached at feature ${s(p.at)}); not imported.`,
    }),
    suggestion: () => ({ zh: '请先简化或裁剪图层。', en: 'Simplify or clip the layer first.' }),
  },
  'property-too-deep': {
    message: (p) => ({
      zh: `属性“${s(p.field)}”嵌套超过 ${s(p.limit)} 层，已跳过该要素。`,
      en: `Property "${s(p.field)}" is nested more than ${s(p.limit)} levels deep; the feature was skipped.`,
    }),
  },
  'property-too-long': {
    message: (p) => ({
      zh: `属性“${s(p.field)}”有 ${s(p.length)} 个字符，已截取前 ${s(p.limit)} 个。`,
      en: `Property "${s(p.field)}" holds ${s(p.length)} characters; clipped to the first ${s(p.limit)}.`,
    }),
  },
  'prj-too-large': {
    message: (p) => ({
      zh: `.prj 文件有 ${s(p.size)}，超过 ${s(p.limit)}，不是有效的坐标系定义，按经纬度读取。`,
      en: `The .prj file is ${s(p.size)}, over ${s(p.limit)}: not a coordinate system definition; reading as lon/lat.`,
    }),
    suggestion: () => ({ zh: '请手动选择坐标系。', en: 'Choose the coordinate system by hand.' }),
  },
  'not-geojson': {
    message: (p) => ({
      zh: `这是 JSON，但不是 GeoJSON（type = ${s(p.type)}）。`,
      en: `This is JSON but not GeoJSON (type = ${s(p.type)}).`,
    }),
  },
  'no-features': { message: () => ({ zh: '文件中没有任何要素。', en: 'The file holds no features.' }) },
  'zip-invalid': {
    message: (p) => ({ zh: `无法解压 ZIP 文件：${s(p.detail)}`, en: `Cannot unzip the file: ${s(p.detail)}` }),
  },
  'zip-no-shapefile': {
    message: () => ({ zh: 'ZIP 中没有 .shp 文件。', en: 'The zip holds no .shp file.' }),
  },
  'zip-multiple-layers': {
    message: (p) => ({
      zh: `ZIP 中有多个图层，已导入 ${s(p.used)}，未导入：${s(p.others)}。`,
      en: `The zip holds several layers; imported ${s(p.used)}, not imported: ${s(p.others)}.`,
    }),
    suggestion: () => ({ zh: '其他图层请分别打包后导入。', en: 'Zip the other layers separately to import them.' }),
  },
  'shapefile-missing-shp': {
    message: () => ({ zh: '缺少 .shp 文件（只有 .dbf/.prj 等）。', en: 'The .shp file is missing (only .dbf/.prj/… were given).' }),
    suggestion: () => ({ zh: '请同时选择 .shp、.shx、.dbf、.prj 和 .cpg 文件，或将它们打包为 .zip。', en: 'Select .shp, .shx, .dbf, .prj and .cpg together, or zip them.' }),
  },
  'shapefile-invalid': {
    message: (p) => ({ zh: `Shapefile 已损坏：${s(p.detail)}`, en: `The shapefile is damaged: ${s(p.detail)}` }),
  },
  'shapefile-unsupported-type': {
    message: (p) => ({ zh: `不支持的 Shapefile 几何类型 ${s(p.type)}（如 MultiPatch）。`, en: `Unsupported shapefile shape type ${s(p.type)} (e.g. MultiPatch).` }),
  },
  'shapefile-missing-dbf': {
    message: () => ({ zh: '缺少 .dbf 文件，要素没有属性。', en: 'The .dbf file is missing: features have no attributes.' }),
  },
  'shp-dbf-count-mismatch': {
    message: (p) => ({
      zh: `.shp 有 ${s(p.shapes)} 个图形，.dbf 有 ${s(p.records)} 条记录，二者不一致。`,
      en: `The .shp holds ${s(p.shapes)} shapes but the .dbf ${s(p.records)} records.`,
    }),
    suggestion: () => ({ zh: '文件可能被截断；多出的记录已保留为无几何要素。', en: 'A file may be truncated; surplus records are kept without geometry.' }),
  },
  'csv-empty': { message: () => ({ zh: 'CSV 文件没有数据行。', en: 'The CSV file has no data rows.' }) },
  'csv-no-coordinate-columns': {
    message: (p) => ({
      zh: `找不到经纬度列（已有列：${s(p.columns)}）。`,
      en: `No longitude/latitude columns found (columns: ${s(p.columns)}).`,
    }),
    suggestion: () => ({
      zh: '请在导入时指定经度列和纬度列（如 经度/纬度、lng/lat、POINT_X/POINT_Y）。',
      en: 'Choose the longitude and latitude columns (e.g. 经度/纬度, lng/lat, POINT_X/POINT_Y).',
    }),
  },
  'csv-field-not-found': {
    message: (p) => ({ zh: `CSV 中没有列“${s(p.field)}”。`, en: `The CSV has no column "${s(p.field)}".` }),
  },
  'unknown-crs': {
    message: (p) => ({ zh: `无法识别坐标系“${s(p.crs)}”。`, en: `Unknown coordinate system "${s(p.crs)}".` }),
    suggestion: () => ({
      zh: '可用：EPSG:4326、EPSG:4490、EPSG:4491–4554（CGCS2000 高斯-克吕格）、EPSG:3857、gcj02、bd09 或 proj4 字符串。',
      en: 'Use EPSG:4326, EPSG:4490, EPSG:4491–4554 (CGCS2000 Gauss–Krüger), EPSG:3857, gcj02, bd09 or a proj4 string.',
    }),
  },
  'unsupported-encoding': {
    message: (p) => ({ zh: `不支持的字符编码“${s(p.encoding)}”。`, en: `Unsupported text encoding "${s(p.encoding)}".` }),
  },
  cancelled: { message: () => ({ zh: '导入已取消。', en: 'Import cancelled.' }) },
  'internal-error': {
    message: (p) => ({ zh: `导入时发生内部错误：${s(p.detail)}`, en: `Internal error while importing: ${s(p.detail)}` }),
  },

  // ---- encoding -----------------------------------------------------------------------------------
  'cpg-encoding-mismatch': {
    message: (p) => ({
      zh: `.cpg 声明编码为 ${s(p.declared)}，但内容不是有效的 ${s(p.declared)}，已改用 ${s(p.used)}。`,
      en: `The .cpg says ${s(p.declared)}, but the text is not valid ${s(p.declared)}; read as ${s(p.used)} instead.`,
    }),
  },
  'encoding-replacement-characters': {
    message: (p) => ({
      zh: `按 ${s(p.encoding)} 解码时出现无法识别的字符，中文可能显示为乱码。`,
      en: `Some characters could not be decoded as ${s(p.encoding)}; Chinese text may be garbled.`,
    }),
    suggestion: () => ({ zh: '请手动选择字符编码（UTF-8 或 GBK）。', en: 'Choose the text encoding by hand (UTF-8 or GBK).' }),
  },

  // ---- coordinate systems -------------------------------------------------------------------------
  'prj-not-understood': {
    message: (p) => ({
      zh: `无法解析 .prj 坐标系定义（${s(p.detail)}），按经纬度读取。`,
      en: `Could not understand the .prj definition (${s(p.detail)}); reading as lon/lat.`,
    }),
    suggestion: () => ({ zh: '请手动选择坐标系。', en: 'Choose the coordinate system by hand.' }),
  },
  'datum-not-cgcs2000': {
    message: (p) => ({
      zh: `坐标系基于 ${s(p.datum)}，未做基准转换，可能有数十米偏差。`,
      en: `The coordinate system uses the ${s(p.datum)} datum; no datum shift was applied, positions may be off by tens of metres.`,
    }),
    suggestion: () => ({ zh: '建议先在专业 GIS 中转换到 CGCS2000。', en: 'Convert to CGCS2000 in a desktop GIS first.' }),
  },
  'crs-member-unknown': {
    message: (p) => ({
      zh: `GeoJSON 的 crs 成员“${s(p.crs)}”无法识别，按 WGS84 读取。`,
      en: `The GeoJSON crs member "${s(p.crs)}" is not understood; reading as WGS84.`,
    }),
  },
  'projected-coordinates-in-geographic': {
    message: (p) => ({
      zh: `坐标数值像投影坐标（米，例如 ${s(p.sample)}），不是经纬度。`,
      en: `The coordinates look like projected metres (e.g. ${s(p.sample)}), not lon/lat degrees.`,
    }),
    suggestion: (p) => ({
      zh: p.suggested ? `请选择坐标系 ${s(p.suggested)}${p.suggestedLabelZh ? `（${s(p.suggestedLabelZh)}）` : ''}。` : '请选择正确的投影坐标系（如 CGCS2000 高斯-克吕格）。',
      en: p.suggested ? `Choose ${s(p.suggested)}${p.suggestedLabelEn ? ` (${s(p.suggestedLabelEn)})` : ''}.` : 'Choose the right projected system (e.g. CGCS2000 Gauss–Krüger).',
    }),
  },
  'swapped-lat-lon': {
    message: (p) => ({
      zh: `经纬度似乎颠倒了（例如 ${s(p.sample)}：第一个数像纬度）。`,
      en: `Latitude and longitude look swapped (e.g. ${s(p.sample)}: the first number looks like a latitude).`,
    }),
    suggestion: () => ({ zh: '请勾选“交换经纬度”后重新导入。', en: 'Re-import with "swap lon/lat" turned on.' }),
  },
  'outside-reference-extent': {
    message: () => ({
      zh: `要素位于参考范围（行政区边界）之外。`,
      en: `The feature lies outside the reference extent (the boundaries).`,
    }),
  },
  'layer-outside-reference-extent': {
    message: (p) => ({
      zh: `${s(p.count)} 个要素位于参考范围（行政区边界）之外。`,
      en: `${s(p.count)} features lie outside the reference extent (the boundaries).`,
    }),
    suggestion: () => ({ zh: '请检查坐标系是否选对。', en: 'Check that the right coordinate system was chosen.' }),
  },
  'gcj02-offset-suspected': {
    message: (p) => ({
      zh: `图层相对参考数据整体偏移约 ${s(p.distance)} 米，与 GCJ-02（高德/腾讯）偏移一致。`,
      en: `The layer is shifted about ${s(p.distance)} m from the reference data, as GCJ-02 (Amap/Tencent) coordinates are.`,
    }),
    suggestion: () => ({ zh: '请选择坐标系 GCJ-02 后重新导入。', en: 'Re-import with coordinate system GCJ-02.' }),
  },
  'bd09-offset-suspected': {
    message: (p) => ({
      zh: `图层相对参考数据整体偏移约 ${s(p.distance)} 米，与 BD-09（百度）偏移一致。`,
      en: `The layer is shifted about ${s(p.distance)} m from the reference data, as BD-09 (Baidu) coordinates are.`,
    }),
    suggestion: () => ({ zh: '请选择坐标系 BD-09 后重新导入。', en: 'Re-import with coordinate system BD-09.' }),
  },
  'crs-name-hint': {
    message: (p) => ({
      zh: `文件名或列名提到“${s(p.hint)}”，坐标可能是 ${s(p.crs)}，当前按 ${s(p.applied)} 读取。`,
      en: `The file or column names mention "${s(p.hint)}": the coordinates may be ${s(p.crs)}; read as ${s(p.applied)}.`,
    }),
    suggestion: (p) => ({ zh: `如确认，请选择坐标系 ${s(p.crs)}。`, en: `If so, choose coordinate system ${s(p.crs)}.` }),
  },
  'transform-failed': {
    message: () => ({ zh: '坐标转换失败（坐标不在所选坐标系的有效范围内）。', en: 'Coordinate conversion failed (outside the valid range of the chosen system).' }),
  },

  // ---- feature geometry ---------------------------------------------------------------------------
  'invalid-structure': {
    message: (p) => ({ zh: `GeoJSON 结构无效：${s(p.detail)}`, en: `Invalid GeoJSON structure: ${s(p.detail)}` }),
  },
  'null-geometry': {
    message: () => ({ zh: '要素没有几何（geometry 为 null），已保留属性。', en: 'The feature has no geometry (null); its attributes are kept.' }),
  },
  'empty-geometry': {
    message: () => ({ zh: '要素的几何为空（没有坐标）。', en: 'The feature geometry is empty (no coordinates).' }),
  },
  'unsupported-geometry-type': {
    message: (p) => ({ zh: `不支持的几何类型“${s(p.type)}”。`, en: `Unsupported geometry type "${s(p.type)}".` }),
  },
  'coordinate-not-number': {
    message: (p) => ({ zh: `坐标不是有效数字（${s(p.value)}）。`, en: `A coordinate is not a valid number (${s(p.value)}).` }),
  },
  'coordinate-out-of-range': {
    message: (p) => ({
      zh: `坐标超出经纬度范围（${s(p.value)}；经度须在 −180～180，纬度须在 −90～90）。`,
      en: `A coordinate is outside the lon/lat range (${s(p.value)}; lon must be −180…180, lat −90…90).`,
    }),
  },
  'ring-not-closed': {
    message: () => ({ zh: '多边形环未闭合，已补上终点。', en: 'A polygon ring was not closed; the closing vertex was added.' }),
  },
  'ring-too-short': {
    message: (p) => ({
      zh: `多边形环只有 ${s(p.count)} 个不同的顶点（至少需要 3 个）。`,
      en: `A polygon ring has only ${s(p.count)} distinct vertices (at least 3 are needed).`,
    }),
  },
  'degenerate-hole-dropped': {
    message: () => ({ zh: '删除了一个退化的内环（少于 3 个不同顶点）。', en: 'Dropped a degenerate hole (fewer than 3 distinct vertices).' }),
  },
  'repeated-vertex': {
    message: (p) => ({ zh: `删除了 ${s(p.count)} 个连续重复的顶点。`, en: `Dropped ${s(p.count)} consecutive repeated vertices.` }),
  },
  'wrong-winding': {
    message: () => ({
      zh: '环的方向不符合 RFC 7946（外环应为逆时针、内环顺时针），已调整。',
      en: 'Ring orientation did not follow RFC 7946 (exterior counter-clockwise, holes clockwise); rewound.',
    }),
  },
  'self-intersection': {
    message: (p) => ({
      zh: `多边形自相交（约在 ${s(p.at)}），面积和覆盖率可能不准确，未自动修复。`,
      en: `The polygon intersects itself (near ${s(p.at)}); areas and coverage may be wrong. Not repaired automatically.`,
    }),
    suggestion: () => ({ zh: '请在 GIS 软件中修复该要素的几何。', en: 'Fix this geometry in a desktop GIS.' }),
  },
  'bow-tie': {
    message: (p) => ({
      zh: `多边形呈“蝴蝶结”形（边在 ${s(p.at)} 交叉），未自动修复。`,
      en: `The polygon is a bow-tie (edges cross near ${s(p.at)}); not repaired automatically.`,
    }),
    suggestion: () => ({ zh: '请检查顶点顺序。', en: 'Check the vertex order.' }),
  },
  'hole-outside-shell': {
    message: () => ({ zh: '多边形的内环位于外环之外。', en: 'A polygon hole lies outside its exterior ring.' }),
  },
  'line-too-short': {
    message: () => ({ zh: '线要素少于 2 个不同的顶点。', en: 'A line has fewer than 2 distinct vertices.' }),
  },
  'duplicate-id': {
    message: (p) => ({
      zh: `要素 ID“${s(p.id)}”重复（与第 ${s(p.first)} 个要素相同）。`,
      en: `Feature id "${s(p.id)}" is duplicated (same as feature ${s(p.first)}).`,
    }),
  },
  'mixed-geometry-types': {
    message: (p) => ({ zh: `图层混合了多种几何类型：${s(p.types)}。`, en: `The layer mixes geometry types: ${s(p.types)}.` }),
    suggestion: () => ({ zh: '只有与所选角色匹配的要素会被使用。', en: 'Only features that fit the chosen role will be used.' }),
  },
  'csv-missing-coordinates': {
    message: () => ({ zh: '该行缺少经度或纬度，已保留为无位置的要素。', en: 'This row has no longitude or latitude; kept without a location.' }),
  },
  'csv-bad-coordinate': {
    message: (p) => ({ zh: `无法解析坐标值“${s(p.value)}”，该行已保留为无位置的要素。`, en: `Cannot read coordinate "${s(p.value)}"; row kept without a location.` }),
  },
  'csv-unclosed-quote': {
    message: (p) => ({
      zh: `第 ${s(p.line)} 行的引号没有闭合，此后 ${s(p.rows)} 行无法可靠读取，均未导入。`,
      en: `A quote opened on line ${s(p.line)} is never closed; the ${s(p.rows)} lines from there on cannot be read reliably and were not imported.`,
    }),
    suggestion: () => ({ zh: '请检查该行的引号（"）。', en: 'Check the quotes (") on that line.' }),
  },
  'csv-row-length': {
    message: (p) => ({
      zh: `该行有 ${s(p.count)} 列，表头有 ${s(p.expected)} 列。`,
      en: `This row has ${s(p.count)} columns, the header ${s(p.expected)}.`,
    }),
  },

  // ---- converting to the analysis model ---------------------------------------------------------------
  'missing-field': {
    message: (p) => ({ zh: `图层中没有字段“${s(p.field)}”。`, en: `The layer has no field "${s(p.field)}".` }),
    suggestion: (p) => ({ zh: `请为“${s(p.role)}”选择一个字段。`, en: `Choose a field for "${s(p.role)}".` }),
  },
  'missing-value': {
    message: (p) => ({ zh: `字段“${s(p.field)}”为空。`, en: `Field "${s(p.field)}" is empty.` }),
  },
  'non-numeric-value': {
    message: (p) => ({
      zh: `字段“${s(p.field)}”的值“${s(p.value)}”不是数字。`,
      en: `Field "${s(p.field)}" holds "${s(p.value)}", which is not a number.`,
    }),
  },
  'negative-value': {
    message: (p) => ({ zh: `字段“${s(p.field)}”的值 ${s(p.value)} 为负数。`, en: `Field "${s(p.field)}" holds a negative number (${s(p.value)}).` }),
  },
  'value-out-of-range': {
    message: (p) => ({
      zh: `字段“${s(p.field)}”的值 ${s(p.value)} 超出允许范围 ${s(p.min)}～${s(p.max)}。`,
      en: `Field "${s(p.field)}" holds ${s(p.value)}, outside the accepted range ${s(p.min)}–${s(p.max)}.`,
    }),
  },
  'name-from-code': {
    message: (p) => ({
      zh: `图层没有名称字段，名称取自字段“${s(p.field)}”。`,
      en: `The layer has no name field; names are taken from field "${s(p.field)}".`,
    }),
  },
  'duplicate-code': {
    message: (p) => ({
      zh: `代码“${s(p.code)}”重复（与第 ${s(p.first)} 个要素相同）。`,
      en: `Code "${s(p.code)}" is duplicated (same as feature ${s(p.first)}).`,
    }),
  },
  'wrong-geometry-for-role': {
    message: (p) => ({
      zh: `该要素是 ${s(p.actual)}，此用途需要 ${s(p.expected)}，已跳过。`,
      en: `The feature is a ${s(p.actual)}; this role needs ${s(p.expected)}. Skipped.`,
    }),
  },
} satisfies Record<string, MessageEntry>;

export type ImportMessageCode = keyof typeof IMPORT_MESSAGES;
