// Which characters the report font can show: its code points as sorted [first, last] ranges (written
// by scripts/build-fonts.ts), the characters of a report's texts that fall outside them and the texts
// holding them, so a report names what it could not print instead of printing empty boxes silently;
// and the printable form of a text: invisible format characters (zero-width spaces, direction marks,
// variation selectors) dropped, a character the font lacks written as its code point, [U+2348D].

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

export function coversCodePoint(ranges: CodePointRanges, code: number): boolean {
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

const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;

/** A character nothing is drawn for: controls (line breaks, tabs) and default-ignorable code points. */
function isInvisible(character: string): boolean {
  return (character.codePointAt(0) as number) < 0x20 || INVISIBLE.test(character);
}

export function codePointLabel(character: string): string {
  return `U+${(character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
}

export interface MissingGlyphs {
  /** Distinct characters the font lacks, in order of first use. */
  characters: string[];
  /** Distinct texts holding at least one of them, in order of first use. */
  texts: string[];
}

/** The characters of the texts the font lacks, and the texts they occur in. */
export function findMissingGlyphs(ranges: CodePointRanges, texts: Iterable<string>): MissingGlyphs {
  const characters = new Set<string>();
  const holding = new Set<string>();
  for (const text of texts) {
    for (const character of text) {
      if (isInvisible(character) || coversCodePoint(ranges, character.codePointAt(0) as number)) continue;
      characters.add(character);
      holding.add(text);
    }
  }
  return { characters: [...characters], texts: [...holding] };
}

/** Distinct characters of the texts the font lacks. */
export function missingCharacters(ranges: CodePointRanges, texts: Iterable<string>): string[] {
  return findMissingGlyphs(ranges, texts).characters;
}

/** The text as the report prints it: invisible format characters dropped, missing ones as [U+XXXX]. */
export function printableText(ranges: CodePointRanges, text: string): string {
  let out = '';
  for (const character of text) {
    if (character === '\n' || character === '\t') out += character;
    else if (isInvisible(character)) continue;
    else out += coversCodePoint(ranges, character.codePointAt(0) as number) ? character : `[${codePointLabel(character)}]`;
  }
  return out;
}
