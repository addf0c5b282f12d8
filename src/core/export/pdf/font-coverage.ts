// Which characters the report font can show: its code points as sorted [first, last] ranges (written
// by scripts/build-fonts.ts), and the characters of a report's texts that fall outside them, so a
// report names what it could not print instead of printing empty boxes silently.

export type CodePointRanges = [number, number][];

export function compressRanges(sorted: number[]): CodePointRanges {
  const ranges: CodePointRanges = [];
  for (const code of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && code === last[1] + 1) last[1] = code;
    else if (!last || code > last[1]) ranges.push([code, code]);
  }
  return ranges;
}

function covers(ranges: CodePointRanges, code: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (code < ranges[middle][0]) high = middle - 1;
    else if (code > ranges[middle][1]) low = middle + 1;
    else return true;
  }
  return false;
}

/** Distinct characters of the texts the font lacks (line breaks and tabs are not characters to draw). */
export function missingCharacters(ranges: CodePointRanges, texts: Iterable<string>): string[] {
  const missing = new Set<string>();
  for (const text of texts) {
    for (const character of text) {
      const code = character.codePointAt(0) as number;
      if (code >= 0x20 && !covers(ranges, code)) missing.add(character);
    }
  }
  return [...missing];
}
