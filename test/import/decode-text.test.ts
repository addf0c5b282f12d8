// isValidUtf8 (a byte-by-byte check, ASCII runs a word at a time) against the WHATWG decoder with fatal: true: the same verdict
// on every lead byte with every second byte, on the edge cases of the standard's table of
// well-formed sequences (overlong forms, surrogates, above U+10FFFF, cut short), on real text, and
// on seeded random bytes biased towards multi-byte sequences.
import { describe, expect, it } from 'vitest';
import { detectEncoding, isValidUtf8 } from '../../src/core/import/decode-text.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';

const fatal = new TextDecoder('utf-8', { fatal: true });
function decoderSays(bytes: Uint8Array): boolean {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('isValidUtf8', () => {
  it('agrees with the fatal decoder on every lead and second byte, with valid and invalid continuations after', () => {
    let compared = 0;
    for (let lead = 0; lead < 256; lead++) {
      for (let second = 0; second < 256; second++) {
        for (const tail of [[0x80, 0xbf], [0x41, 0x80], [0xbf, 0xc0]]) {
          const bytes = Uint8Array.from([0x61, lead, second, ...tail]);
          if (isValidUtf8(bytes) !== decoderSays(bytes)) expect([lead, second, ...tail, isValidUtf8(bytes)]).toEqual([lead, second, ...tail, decoderSays(bytes)]);
          compared++;
        }
      }
    }
    expect(compared).toBe(256 * 256 * 3);
  });

  it('agrees on the edges of the table of well-formed sequences', () => {
    const cases: Array<[number[], boolean]> = [
      [[0xc0, 0x80], false], // overlong NUL
      [[0xc2, 0x80], true],
      [[0xe0, 0x9f, 0xbf], false], // overlong
      [[0xe0, 0xa0, 0x80], true],
      [[0xed, 0x9f, 0xbf], true], // U+D7FF
      [[0xed, 0xa0, 0x80], false], // a surrogate
      [[0xef, 0xbf, 0xbf], true],
      [[0xf0, 0x8f, 0xbf, 0xbf], false], // overlong
      [[0xf0, 0x90, 0x80, 0x80], true], // U+10000
      [[0xf4, 0x8f, 0xbf, 0xbf], true], // U+10FFFF
      [[0xf4, 0x90, 0x80, 0x80], false], // above U+10FFFF
      [[0xf5, 0x80, 0x80, 0x80], false],
      [[0xe4, 0xb8], false], // cut short at the end
      [[0xef, 0xbb, 0xbf, 0x41], true], // a BOM
      [[], true],
    ];
    for (const [bytes, valid] of cases) {
      expect(isValidUtf8(Uint8Array.from(bytes)), bytes.join(' ')).toBe(valid);
      expect(decoderSays(Uint8Array.from(bytes)), bytes.join(' ')).toBe(valid);
    }
  });

  it('accepts Chinese text and refuses the same text in GBK', () => {
    const text = '玉溪市红塔区玉兴街道,托育机构,经度,纬度\n😀 é ß';
    expect(isValidUtf8(new TextEncoder().encode(text))).toBe(true);
    const gbk = Uint8Array.from([0xd3, 0xf1, 0xcf, 0xaa, 0xca, 0xd0]); // 玉溪市 in GBK
    expect(isValidUtf8(gbk)).toBe(false);
    expect(detectEncoding(gbk)).toBe('gbk');
  });

  it('agrees with the decoder on seeded random bytes', () => {
    const random = createRandom(5);
    const pick = [0x41, 0x80, 0xbf, 0xc2, 0xdf, 0xe0, 0xe4, 0xed, 0xef, 0xf0, 0xf4, 0x90, 0xa0, 0x9f, 0x8f];
    for (let trial = 0; trial < 20_000; trial++) {
      const length = 1 + Math.floor(random.next() * 12);
      const bytes = Uint8Array.from({ length }, () => (random.next() < 0.7 ? pick[Math.floor(random.next() * pick.length)] : Math.floor(random.next() * 256)));
      if (isValidUtf8(bytes) !== decoderSays(bytes)) expect([...bytes]).toEqual('agreement');
    }
  });

  it('agrees in long ASCII runs (read a word at a time) at every alignment, a bad byte anywhere in them', () => {
    const random = createRandom(6);
    const buffer = new Uint8Array(80);
    for (let trial = 0; trial < 4000; trial++) {
      // A view that starts at any offset of its buffer, so the words are aligned differently.
      const offset = random.int(0, 7);
      const bytes = buffer.subarray(offset, offset + random.int(0, 72));
      bytes.fill(0x61);
      for (let k = random.int(0, 2); k > 0 && bytes.length > 0; k--) bytes[random.int(0, bytes.length - 1)] = random.pick([0x80, 0xc2, 0xe4, 0xf0, 0xff, 0xb8]);
      if (isValidUtf8(bytes) !== decoderSays(bytes)) expect([offset, ...bytes]).toEqual('agreement');
    }
  });
});
