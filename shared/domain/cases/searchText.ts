/**
 * Search normalisation that works without ICU or word segmentation, for names in any script
 * (Burmese, Thai, Khmer and Lao are written without spaces between words; the same Burmese name is
 * typed with and without spaces and with stray zero-width characters):
 *  1. NFKC (compatibility forms: full-width digits, Thai SARA AM written as two characters),
 *  2. remove zero-width and other invisible format characters,
 *  3. remove Latin diacritics (José = Jose, Nguyễn = Nguyen) — only the combining marks of the Latin
 *     block, so Burmese, Thai and Khmer vowel signs stay,
 *  4. lower case,
 *  5. remove spaces and punctuation, so that "အောင် ကျော်" = "အောင်ကျော်" and TH-ATTF-2025-00042 = thattf202500042.
 * Search then matches character trigrams (FTS5 `trigram` tokenizer) of these keys: any fragment of
 * three or more characters finds the name, in any script.
 */

/** Invisible format characters (zero-width space and joiners, BOM, bidi marks, variation selectors...). */
const INVISIBLE: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
];
/** Combining marks used with Latin letters (acute, tilde, hook above...): Burmese, Thai, Khmer marks are elsewhere. */
const LATIN_MARKS: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
];
const SPACE_AND_PUNCTUATION = /[\s\p{P}\p{S}]/gu;

/** One character class of the ranges, matching every such character (global). */
const charClass = (ranges: readonly (readonly [number, number])[]): RegExp =>
  new RegExp(`[${ranges.map(([lo, hi]) => `\\u{${lo.toString(16)}}-\\u{${hi.toString(16)}}`).join('')}]`, 'gu');
const INVISIBLE_CHARS = charClass(INVISIBLE);
const LATIN_MARK_CHARS = charClass(LATIN_MARKS);
/** ASCII is its own NFKC, NFD and NFC and holds no invisible format character or combining mark. */
const NON_ASCII = /[^\u0000-\u007f]/; // eslint-disable-line no-control-regex -- the range is all of ASCII, controls included

/** Steps 1-4: the text as compared, with its spaces kept (for splitting into tokens). Called for every name and number a case is indexed by. */
export function foldText(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKC').replace(INVISIBLE_CHARS, '').normalize('NFD').replace(LATIN_MARK_CHARS, '').normalize('NFC').toLowerCase();
}

/** Steps 1-5: the key that is indexed and searched. */
export const searchKey = (text: string): string => foldText(text).replace(SPACE_AND_PUNCTUATION, '');

/** The shortest fragment the trigram index can find. */
export const MIN_FRAGMENT = 3;

/** Code points, not UTF-16 units: a Burmese or Thai character is one code point. */
export const charLength = (s: string): number => [...s].length;

/**
 * A typed query as search keys: split on spaces, each part folded. Parts shorter than three
 * characters are dropped when longer parts exist (they cannot narrow a trigram search).
 */
export function queryKeys(query: string): { keys: string[]; short: string | null } {
  const parts = foldText(query)
    .split(/\s+/u)
    .map(searchKey)
    .filter((p) => p.length > 0);
  const long = parts.filter((p) => charLength(p) >= MIN_FRAGMENT);
  if (long.length > 0) return { keys: [...new Set(long)], short: null };
  const joined = parts.join('');
  return joined.length > 0 ? { keys: [], short: joined } : { keys: [], short: null };
}

/** Character trigrams of a key, padded at both ends so short names still compare. */
export function trigrams(key: string): string[] {
  const chars = ['\u0002', '\u0002', ...key, '\u0003', '\u0003'];
  const out: string[] = [];
  for (let i = 0; i + 3 <= chars.length; i++) out.push(chars.slice(i, i + 3).join(''));
  return out;
}

/** Unpadded trigrams, as the FTS5 trigram tokenizer indexes them. */
export function indexTrigrams(key: string): string[] {
  const chars = [...key];
  const out = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  return [...out];
}
