// Text → GBK bytes, for DBF attributes that ArcGIS and Chinese desktop GIS read as code page 936.
// TextEncoder only writes UTF-8, and no well-kept small library encodes GBK in the browser
// (iconv-lite pulls Node's Buffer in), so the encoder table is built once from the platform's own
// GBK decoder: every two-byte code (lead 0x81–0xFE, trail 0x40–0xFE except 0x7F) is decoded and the
// character it gives is mapped back to it. The table is byte-identical to iconv-lite's GBK
// (23,940 entries; TOOLCHAIN.md), and decoding what it writes gives the text back.

let table: Map<number, number> | undefined;

function gbkTable(): Map<number, number> {
  if (table) return table;
  const decoder = new TextDecoder('gbk');
  const built = new Map<number, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const text = decoder.decode(pair);
      const code = text.codePointAt(0);
      // One character back (not U+FFFD, not the two bytes read separately) and the first code wins.
      if (code === undefined || code === 0xfffd || text.length !== 1 || built.has(code)) continue;
      built.set(code, (lead << 8) | trail);
    }
  }
  table = built;
  return built;
}

export interface GbkEncoding {
  bytes: Uint8Array;
  /** Characters GBK cannot represent; each was written as '?'. */
  unmappable: string[];
}

/** Encodes text as GBK; characters outside GBK become '?' and are listed. */
export function encodeGbk(text: string): GbkEncoding {
  const codes = gbkTable();
  const out: number[] = [];
  const unmappable: string[] = [];
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    if (code === 0x20ac) {
      out.push(0x80); // € is GBK's one single byte above ASCII
      continue;
    }
    const pair = codes.get(code);
    if (pair === undefined) {
      unmappable.push(character);
      out.push(0x3f);
    } else {
      out.push(pair >> 8, pair & 0xff);
    }
  }
  return { bytes: Uint8Array.from(out), unmappable };
}
