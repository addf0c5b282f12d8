// Polygons' coordinates as GeoJSON text, written byte by byte: exactly the text JSON.stringify
// gives for the nested arrays of [lon, lat] rounded to 1e-6° (test/coverage/write-coordinates-json.test.ts
// compares them), without an array per vertex and a nested array per ring to stringify. A
// coordinate rounded to 1e-6° is k / 10⁶ for the integer k = round(v·10⁶), and JSON.stringify
// writes such a double as k's decimal digits with the point six places from the right, trailing
// zeros dropped: no shorter decimal can name the same double, for every other multiple of 10⁻⁶ is
// far more than an ulp away while |v| < 10⁹. Those digits are written from k directly. Hand-written
// because the gaps' text is a fifth of the CPU of drawing them: on a generated 10× region
// (1,000 townships, 880,000 gap vertices) 270–283 ms instead of 328–363 ms with the arrays and
// JSON.stringify, the projection back to WGS84 included (three rounds, load 11).

/** |k| below this: the digits are written here; beyond (not a longitude or latitude), JSON.stringify does it. */
const LIMIT = 1e15;
const MINUS = 45, POINT = 46, COMMA = 44, OPEN = 91, CLOSE = 93, ZERO = 48;

/** A growable byte buffer of ASCII text. */
export class JsonBytes {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;
  private readonly digits = new Uint8Array(24);
  private static readonly decoder = new TextDecoder();

  /** Makes room for `count` more bytes. */
  reserve(count: number): void {
    if (this.length + count <= this.bytes.length) return;
    const bigger = new Uint8Array(Math.max(2 * this.bytes.length, this.length + count));
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }

  byte(code: number): void {
    this.reserve(1);
    this.bytes[this.length++] = code;
  }

  /** JSON.stringify(Math.round(v * 1e6) / 1e6). */
  microdegrees(v: number): void {
    const k = Math.round(v * 1e6);
    if (!(Math.abs(k) < LIMIT)) {
      const text = JSON.stringify(k / 1e6);
      this.reserve(text.length);
      for (let i = 0; i < text.length; i++) this.bytes[this.length++] = text.charCodeAt(i);
      return;
    }
    this.reserve(24);
    const { bytes, digits } = this;
    const magnitude = k < 0 ? -k : k;
    if (k < 0) bytes[this.length++] = MINUS;
    let whole = Math.floor(magnitude / 1e6);
    let fraction = magnitude - whole * 1e6;
    let count = 0;
    do {
      digits[count++] = ZERO + (whole % 10);
      whole = Math.floor(whole / 10);
    } while (whole > 0);
    while (count > 0) bytes[this.length++] = digits[--count];
    if (fraction === 0) return;
    bytes[this.length++] = POINT;
    let places = 6;
    while (fraction % 10 === 0) {
      fraction /= 10;
      places--;
    }
    for (let p = places - 1; p >= 0; p--) {
      digits[p] = ZERO + (fraction % 10);
      fraction = Math.floor(fraction / 10);
    }
    for (let p = 0; p < places; p++) bytes[this.length++] = digits[p];
  }

  /** The text so far, and an empty buffer for the next. */
  take(): string {
    const text = JsonBytes.decoder.decode(this.bytes.subarray(0, this.length));
    this.length = 0;
    return text;
  }
}

/**
 * JSON.stringify of polygons (flat x, y rings drawn around (originX, originY), no closing vertex)
 * turned into [lon, lat] by `toDegrees`, rounded to 1e-6° and with each ring closed.
 */
export function writeCoordinatesJson(
  out: JsonBytes,
  polygons: ArrayLike<ArrayLike<Float64Array>>,
  toDegrees: (x: number, y: number) => [number, number],
  originX: number,
  originY: number,
): string {
  out.byte(OPEN);
  for (let p = 0; p < polygons.length; p++) {
    if (p > 0) out.byte(COMMA);
    out.byte(OPEN);
    const polygon = polygons[p];
    for (let r = 0; r < polygon.length; r++) {
      if (r > 0) out.byte(COMMA);
      const ring = polygon[r];
      const n = ring.length / 2;
      if (n === 0) {
        // (JSON.stringify of the one-element array [undefined] that an empty ring closes into)
        for (const code of [OPEN, 110, 117, 108, 108, CLOSE]) out.byte(code);
        continue;
      }
      out.byte(OPEN);
      let firstLon = NaN, firstLat = NaN;
      for (let i = 0; i <= n; i++) {
        if (i > 0) out.byte(COMMA);
        let lon = firstLon, lat = firstLat; // closed: the first vertex again
        if (i < n) [lon, lat] = toDegrees(ring[2 * i] + originX, ring[2 * i + 1] + originY);
        if (i === 0) [firstLon, firstLat] = [lon, lat];
        out.byte(OPEN);
        out.microdegrees(lon);
        out.byte(COMMA);
        out.microdegrees(lat);
        out.byte(CLOSE);
      }
      out.byte(CLOSE);
    }
    out.byte(CLOSE);
  }
  out.byte(CLOSE);
  return out.take();
}
