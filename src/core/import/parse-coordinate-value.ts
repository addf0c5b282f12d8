// One coordinate cell as a planner's spreadsheet holds it: decimal degrees ("102.5467", "102,5467"
// is NOT accepted because the comma is the column separator of most CSVs), degrees-minutes-seconds
// in the usual spellings (102°32'45.6"E, 102°32′45.6″, E102°32'45.6", 102度32分45.6秒, 102:32:45.6,
// 102 32 45.6, 24°21.5'N) and projected metres. S and W (南纬, 西经) make the value negative.
// Returns NaN when the text is not a coordinate.

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseCoordinateValue(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return NaN;
  let text = raw.trim();
  if (!text) return NaN;
  if (DECIMAL.test(text)) return Number(text);
  let sign = 1;
  const hemisphere = /^([NSEWnsew]|北纬|南纬|东经|西经)\s*|\s*([NSEWnsew]|北纬|南纬|东经|西经)$/.exec(text);
  if (hemisphere) {
    const letter = (hemisphere[1] ?? hemisphere[2]).toUpperCase();
    if (letter === 'S' || letter === 'W' || letter === '南纬' || letter === '西经') sign = -1;
    text = text.slice(0, hemisphere.index) + text.slice(hemisphere.index + hemisphere[0].length);
    text = text.trim();
  }
  if (text.startsWith('-')) {
    sign = -sign;
    text = text.slice(1).trim();
  } else if (text.startsWith('+')) text = text.slice(1).trim();
  // Unify the separators: degree, minute and second marks in ASCII, typographic and Chinese forms.
  const parts = text
    .replace(/[°º˚度]/g, ' ')
    .replace(/['′’‘分]/g, ' ')
    .replace(/["″”“秒]|''/g, ' ')
    .replace(/:/g, ' ')
    .trim()
    .split(/\s+/);
  if (parts.length === 0 || parts.length > 3 || parts.some((part) => !/^\d+(\.\d+)?$/.test(part))) return NaN;
  const [degrees, minutes = 0, seconds = 0] = parts.map(Number);
  if (minutes >= 60 || seconds >= 60) return NaN;
  if (parts.length > 1 && !Number.isInteger(degrees)) return NaN;
  return sign * (degrees + minutes / 60 + seconds / 3600);
}
