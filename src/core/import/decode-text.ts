// Text decoding for the encodings Chinese GIS files come in. UTF-8 (with or without BOM) is tried
// strictly first; text that is not valid UTF-8 is read as GBK (what Excel and ArcGIS write on
// Chinese Windows; the WHATWG 'gbk' decoder is GB18030-compatible, so it also reads GB2312).

export type TextEncodingName = 'utf-8' | 'gbk' | 'utf-16le' | 'utf-16be' | string;

/** Maps the spellings found in .cpg files, CLI flags and UI choices to a TextDecoder label. */
export function normalizeEncodingLabel(label: string): TextEncodingName | undefined {
  const value = label.replace(/\0/g, '').trim().toLowerCase();
  if (!value) return undefined;
  if (/^(utf-?8|65001|utf8)$/.test(value)) return 'utf-8';
  if (/^(gbk|gb2312|gb_2312|cp936|936|ansi 936|ms936|windows-936|x-gbk|euc-cn)$/.test(value)) return 'gbk';
  if (/^(gb18030|54936)$/.test(value)) return 'gb18030';
  if (/^(big5|950|cp950|ansi 950)$/.test(value)) return 'big5';
  if (/^(1252|ansi 1252|cp1252|windows-1252|latin1|iso-8859-1)$/.test(value)) return 'windows-1252';
  try {
    return new TextDecoder(value).encoding;
  } catch {
    return undefined;
  }
}

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * True when the bytes are valid UTF-8: the well-formed byte sequences of the Unicode standard
 * (Table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF, no sequence cut short),
 * which is what a fatal TextDecoder accepts (test/import/decode-text.test.ts compares the two).
 * Checked byte by byte rather than by decoding: decoding made a string of every chunk only to
 * throw it away, 0.1–0.4 s on the 35 MB of a 1 M-point region's files, mostly for ASCII.
 * Runs of ASCII are passed four bytes at a time (a 32-bit word with no high bit set): a 100 MB
 * GeoJSON is checked in a third of the time of a byte loop.
 */
export function isValidUtf8(bytes: Uint8Array): boolean {
  const n = bytes.length;
  // Words over the 4-byte-aligned part of the bytes: word w holds bytes skew + 4w … skew + 4w + 3.
  const skew = (4 - (bytes.byteOffset & 3)) & 3;
  const words = n > skew ? new Uint32Array(bytes.buffer, bytes.byteOffset + skew, (n - skew) >>> 2) : new Uint32Array(0);
  const wordCount = words.length;
  let i = 0;
  while (i < n) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      if (((i - skew) & 3) === 0 && i >= skew) {
        let w = (i - skew) >>> 2;
        while (w < wordCount && (words[w] & 0x80808080) === 0) w++;
        i = skew + (w << 2);
      }
      continue;
    }
    // The second byte's range depends on the lead (E0, ED, F0, F4 narrow it); later ones are 80..BF.
    let length: number, low = 0x80, high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      else if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      else if (lead === 0xf4) high = 0x8f;
    } else return false;
    if (i + length > n) return false;
    const second = bytes[i + 1];
    if (second < low || second > high) return false;
    for (let k = 2; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return false;
    i += length;
  }
  return true;
}

/** Detects the encoding: a BOM wins, then strict UTF-8, else GBK. */
export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  const utf16 = utf16Bom(bytes);
  if (utf16) return utf16;
  if (hasUtf8Bom(bytes)) return 'utf-8';
  return isValidUtf8(bytes) ? 'utf-8' : 'gbk';
}

/** Decodes with a known encoding, dropping a BOM. Invalid sequences become U+FFFD. */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName): string {
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  return decoder.decode(bytes);
}

export function countReplacementCharacters(text: string, limit = 1000): number {
  let count = 0;
  for (let index = text.indexOf('\uFFFD'); index !== -1 && count < limit; index = text.indexOf('\uFFFD', index + 1)) count++;
  return count;
}
