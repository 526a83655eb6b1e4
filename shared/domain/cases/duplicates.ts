import { foldText, searchKey, trigrams } from './searchText';
import { ageOn, displayName, type Person } from './person';
import type { Gender } from './vocabulary';

/**
 * Duplicate scoring for search-before-create. Pure: the core finds candidates with the trigram index
 * and scores each with these rules; the UI may show the parts.
 *
 *  - name: the best match between any spelling of one (full name, aliases) and any of the other, as
 *    the Dice coefficient of character trigrams of the normalised key — so it works for Burmese and
 *    Thai written without spaces — also with the name parts sorted (given and family name swapped);
 *  - birth: same date 1; same year and month, or day and month swapped 0.8; same year 0.6; one year
 *    apart 0.4; with an estimated age, ages within 1, 3, 5 years give 0.7, 0.4, 0.2;
 *  - citizenship: any in common 1, both known and none in common 0.
 * Unknown parts are left out of the weighted mean (name 0.6, birth 0.25, citizenship 0.15); two
 * different known genders multiply the score by 0.85.
 */

export type DuplicateProbe = {
  names: string[];
  gender?: Gender;
  prs_Birthdate?: string;
  estimatedAge?: number;
  estimatedAgeOn?: string;
  citizenship: string[];
  /** Exact identifiers: an identity number or phone in common is a strong sign on its own. */
  identifiers?: string[];
};

export type DuplicateScore = { score: number; name: number; birth: number | null; citizenship: number | null; sameIdentifier: boolean };

export const DUPLICATE_WEIGHTS = { name: 0.6, birth: 0.25, citizenship: 0.15 };
/** Below this name similarity a record is not a candidate at all. */
export const NAME_FLOOR = 0.5;
/** At or above this score a candidate is flagged as a possible duplicate. */
export const FLAG_THRESHOLD = 0.65;

/** A registered person as the score compares them: every spelling of the name, and every identifier the case holds. */
export const comparedPerson = (c: Pick<Person, 'prs_FirstName' | 'prs_MiddleName' | 'prs_SecondName' | 'aliases' | 'prs_Gender' | 'prs_Birthdate' | 'estimatedAge' | 'estimatedAgeOn' | 'prs_Citizenship' | 'prs_IdentityNumber' | 'prs_MobilePhone' | 'prs_HomePhone'>): DuplicateProbe => ({
  names: [displayName(c), ...c.aliases],
  gender: c.prs_Gender,
  prs_Birthdate: c.prs_Birthdate,
  estimatedAge: c.estimatedAge,
  estimatedAgeOn: c.estimatedAgeOn,
  citizenship: c.prs_Citizenship,
  identifiers: [c.prs_IdentityNumber, c.prs_MobilePhone, c.prs_HomePhone].filter((v): v is string => !!v),
});

/** A name's trigrams counted, for comparing one name with many (electron/cases/duplicateSearch.ts). */
export type TrigramCounts = { counts: Map<string, number>; length: number };
export function countTrigrams(grams: readonly string[]): TrigramCounts {
  const counts = new Map<string, number>();
  for (const t of grams) counts.set(t, (counts.get(t) ?? 0) + 1);
  return { counts, length: grams.length };
}

/** The Dice coefficient of two trigram multisets, one of them counted beforehand. */
export function diceOf(a: TrigramCounts, b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const left = new Map(a.counts);
  let shared = 0;
  for (const t of b) {
    const n = left.get(t) ?? 0;
    if (n > 0) {
      shared++;
      left.set(t, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
}

const dice = (a: string[], b: string[]): number => diceOf(countTrigrams(a), b);

/** A name's key with its parts (split at spaces) sorted: given and family name in either order compare equal. */
export const sortedKey = (name: string): string =>
  foldText(name)
    .split(/\s+/u)
    .map(searchKey)
    .filter(Boolean)
    .sort()
    .join('');

export function nameSimilarity(a: readonly string[], b: readonly string[]): number {
  let best = 0;
  for (const x of a) {
    for (const y of b) {
      const kx = searchKey(x);
      const ky = searchKey(y);
      if (!kx || !ky) continue;
      if (kx === ky) return 1;
      best = Math.max(best, dice(trigrams(kx), trigrams(ky)), dice(trigrams(sortedKey(x)), trigrams(sortedKey(y))));
    }
  }
  return Math.round(best * 1000) / 1000;
}

export function birthSimilarity(a: DuplicateProbe, b: DuplicateProbe, today: string): number | null {
  if (a.prs_Birthdate && b.prs_Birthdate) {
    const [ay, am, ad] = a.prs_Birthdate.split('-');
    const [by, bm, bd] = b.prs_Birthdate.split('-');
    if (a.prs_Birthdate === b.prs_Birthdate) return 1;
    if (ay === by && (am === bm || (am === bd && ad === bm))) return 0.8;
    if (ay === by) return 0.6;
    return Math.abs(Number(ay) - Number(by)) <= 1 ? 0.4 : 0;
  }
  const ageA = ageOn(a, today);
  const ageB = ageOn(b, today);
  if (ageA === null || ageB === null) return null;
  const gap = Math.abs(ageA - ageB);
  return gap <= 1 ? 0.7 : gap <= 3 ? 0.4 : gap <= 5 ? 0.2 : 0;
}

export function citizenshipSimilarity(a: readonly string[], b: readonly string[]): number | null {
  if (a.length === 0 || b.length === 0) return null;
  return a.some((c) => b.includes(c)) ? 1 : 0;
}

const FEMININE: readonly Gender[] = ['Feminine', 'TransgenderFeminine'];
const MASCULINE: readonly Gender[] = ['Masculine', 'TransgenderMasculine'];
/** Two different known genders multiply the score by this. */
export const OTHER_GENDER = 0.85;
export const gendersDiffer = (a?: Gender, b?: Gender): boolean => !!a && !!b && ((FEMININE.includes(a) && MASCULINE.includes(b)) || (MASCULINE.includes(a) && FEMININE.includes(b)));

export function duplicateScore(a: DuplicateProbe, b: DuplicateProbe, today: string): DuplicateScore {
  const name = nameSimilarity(a.names, b.names);
  const birth = birthSimilarity(a, b, today);
  const citizenship = citizenshipSimilarity(a.citizenship, b.citizenship);
  const keys = (p: DuplicateProbe) => (p.identifiers ?? []).map(searchKey).filter((k) => k.length >= 4);
  const sameIdentifier = keys(a).some((k) => keys(b).includes(k));
  let sum = name * DUPLICATE_WEIGHTS.name;
  let weight = DUPLICATE_WEIGHTS.name;
  if (birth !== null) {
    sum += birth * DUPLICATE_WEIGHTS.birth;
    weight += DUPLICATE_WEIGHTS.birth;
  }
  if (citizenship !== null) {
    sum += citizenship * DUPLICATE_WEIGHTS.citizenship;
    weight += DUPLICATE_WEIGHTS.citizenship;
  }
  let score = sum / weight;
  if (gendersDiffer(a.gender, b.gender)) score *= OTHER_GENDER;
  if (sameIdentifier) score = Math.max(score, 0.9);
  return { score: Math.round(score * 1000) / 1000, name, birth, citizenship, sameIdentifier };
}

export const isFlagged = (s: DuplicateScore): boolean => s.sameIdentifier || (s.name >= NAME_FLOOR && s.score >= FLAG_THRESHOLD);
