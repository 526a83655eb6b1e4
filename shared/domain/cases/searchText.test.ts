import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldText, searchKey } from './searchText';

/** The definition of steps 1–4 as first written: every character walked, whatever the text. */
const INVISIBLE = [[0x00ad, 0x00ad], [0x034f, 0x034f], [0x061c, 0x061c], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180b, 0x180f], [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x206f], [0xfe00, 0xfe0f], [0xfeff, 0xfeff]] as const;
const LATIN_MARKS = [[0x0300, 0x036f], [0x1ab0, 0x1aff], [0x1dc0, 0x1dff]] as const;
const inRanges = (ranges: readonly (readonly [number, number])[]) => (ch: string) => ranges.some(([lo, hi]) => ch.codePointAt(0)! >= lo && ch.codePointAt(0)! <= hi);
const without = (text: string, drop: (ch: string) => boolean) => [...text].filter((ch) => !drop(ch)).join('');
const reference = (text: string) => without(without(text.normalize('NFKC'), inRanges(INVISIBLE)).normalize('NFD'), inRanges(LATIN_MARKS)).normalize('NFC').toLowerCase();

/** Characters the folding treats specially, mixed into any text. */
const special = fc.constantFrom('\u00ad', '\u034f', '\u061c', '\u1160', '\u17b4', '\u180e', '\u200b', '\u200d', '\u202e', '\u2060', '\u206f', '\ufe0f', '\ufeff', '\u0301', '\u0303', '\u0309', '\u1ab0', '\u1dff', 'é', 'ễ', 'ﾀ', '１', 'ำ', 'ော', '\u0e4d\u0e32', 'İ', 'ß', 'Ω', '\u{1F600}', 'A', 'z', ' ', '-');

describe('foldText', () => {
  it('gives the definition’s text for ASCII, any Unicode, and texts full of invisible characters and marks', () => {
    const texts = fc.oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.array(fc.oneof(special, fc.string({ unit: 'grapheme-ascii', maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(texts, (t) => {
        expect(foldText(t)).toBe(reference(t));
      }),
      { numRuns: 20_000 },
    );
  });

  it('folds the documented examples', () => {
    expect(searchKey('José NGUYỄN')).toBe('josenguyen');
    expect(searchKey('TH-ATTF-2025-00042')).toBe('thattf202500042');
    expect(searchKey('အောင်\u200b ကျော်')).toBe(searchKey('အောင်ကျော်'));
    expect(foldText('ＡＢＣ１２３')).toBe('abc123');
  });
});
