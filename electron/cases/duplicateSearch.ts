import type { DuplicateCandidate } from '../../shared/contract/cases';
import {
  ageOn,
  charLength,
  comparedPerson,
  countTrigrams,
  diceOf,
  displayName,
  DUPLICATE_WEIGHTS,
  duplicateScore,
  FLAG_THRESHOLD,
  gendersDiffer,
  isFlagged,
  NAME_FLOOR,
  OTHER_GENDER,
  searchKey,
  sortedKey,
  trigrams,
  type DuplicateProbe,
  type DuplicateScore,
  type Gender,
  type TrigramCounts,
} from '../../shared/domain/cases';
import { cached, type Db } from '../store/database';
import { mayOpen, type Viewer } from './access';
import { findRecord } from './caseRecords';

/**
 * Search-before-create over the trigram index (case_search), exact for the ten best.
 *
 * A case's name similarity to the probe is the best Dice coefficient of padded character trigrams
 * between a probe name and a case name, each as written or with its parts sorted
 * (shared/domain/cases/duplicates.ts). For a key of n padded trigrams, a similarity of at least τ
 * needs at least s(n, τ) trigrams in common; at most 4 of them are padding (which the index does not
 * hold), so at least c = s − 4 (at least 1) of the key's unpadded trigrams must be in the case's
 * indexed names. A case lacking at most m = (unpadded trigrams) − c of them holds every trigram of
 * at least one of m + 1 disjoint groups: one FTS5 query (an AND) per group.
 *
 * GUARANTEE: the result is the ten best flagged cases (by score, as scoring every case would rank
 * them; cases with the same score may differ at the tenth place) among the cases sharing an
 * identifier with the probe or having a *findable* name similarity: one reached by a pair of a probe
 * name and a case name that share at least one unpadded trigram, compared as written (any case
 * name), or with parts sorted when the case name is the display name and its sorted key has all its
 * unpadded trigrams in the case's indexed names (true when that order is indexed, e.g. given and
 * family name swapped). An alias matching only with its parts reordered is not promised.
 *
 * The search runs in rounds of decreasing name similarity τ; after a round every such case with a
 * name similarity of at least τ has been looked at, so when the tenth best score already reaches what
 * a name below τ could score, the rest cannot change the result. Each case found is bounded first by
 * its index row (gender, citizenship, age at registration, with the best name), then by its display
 * name and indexed names, and its record is read and scored only when that bound could still enter
 * the ten best.
 */

export const DUPLICATES_SHOWN = 10;
/** The padding characters of shared/domain/cases/searchText.ts `trigrams`. */
const PADDING = /[\u0002\u0003]/u; // eslint-disable-line no-control-regex -- the padding is made of control characters

/** One probe name as the score compares it: a key, its padded trigram count, its unpadded trigrams with their multiplicity. */
export type ProbeKey = { key: string; padded: number; grams: Map<string, number>; unpadded: number };

function probeKey(key: string): ProbeKey {
  const all = trigrams(key);
  const grams = new Map<string, number>();
  for (const t of all) if (!PADDING.test(t)) grams.set(t, (grams.get(t) ?? 0) + 1);
  return { key, padded: all.length, grams, unpadded: [...grams.values()].reduce((a, b) => a + b, 0) };
}

/** Every key the score compares a probe name by: as written and with its parts sorted. */
export function probeKeys(names: readonly string[]): ProbeKey[] {
  const keys = new Set(names.flatMap((n) => [searchKey(n), sortedKey(n)]).filter((k) => charLength(k) > 0));
  return [...keys].map(probeKey);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The fewest trigrams in common for a (rounded) Dice coefficient of at least `tau` with a key of `padded` trigrams; null if none reaches it. */
export function minShared(padded: number, tau: number): number | null {
  // The other key's length is at least the number in common; the coefficient is highest when it is exactly that.
  for (let s = 1; s <= padded; s++) if (round3((2 * s) / (padded + s)) >= tau) return s;
  return null;
}

/** Unpadded trigrams of `k` a case must hold in its indexed names to reach `tau` through this key; null when it cannot. */
export function neededGrams(k: ProbeKey, tau: number): number | null {
  const s = minShared(k.padded, tau);
  if (s === null) return null;
  return Math.min(k.unpadded, Math.max(1, s - (k.padded - k.unpadded)));
}

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/** At most this many queries per key and round when groups are every set of the trigrams a case must hold. */
const MAX_SUBSETS = 36;
const binomial = (n: number, k: number): number => (k === 0 ? 1 : (binomial(n - 1, k - 1) * n) / k);
function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, i) => subsets(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]));
}

/**
 * FTS5 queries (trigrams ANDed) and how many of them a case must match to reach `tau` through key
 * `k` (findably). A case missing at most m trigram occurrences lacks at most m distinct trigrams; with
 * the distinct trigrams dealt into g disjoint groups, at most m groups are broken, so it matches at
 * least g − m of them whole. Trigrams are dealt by position (first, (g+1)th, ...), so a group spans
 * the name, not one common fragment of it; g is about twice m + 1, so that counting the matches
 * filters (reading which cases match a query costs far less than reading a case's index row).
 * (One query per group: FTS5 runs an OR of ANDs many times slower than its parts.)
 */
export function trigramGroups(k: ProbeKey, tau: number): { groups: string[]; hits: number } {
  const none = { groups: [], hits: 1 };
  const need = neededGrams(k, tau);
  if (need === null) return none;
  const allowedMissing = k.unpadded - need;
  const distinct = [...k.grams.keys()];
  if (distinct.length === 0) return none;
  // When the groups would be single trigrams (a short key, a low tau) but a case must hold several,
  // every set of `need` trigrams is a group instead: a case holding `need` distinct ones holds one
  // such set whole, and each set matches far fewer cases than one trigram does.
  if (need >= 2 && k.unpadded === distinct.length && allowedMissing + 1 >= distinct.length / 1.5 && binomial(distinct.length, need) <= MAX_SUBSETS) {
    return { groups: subsets(distinct, need).map((g) => g.map(quote).join(' AND ')), hits: 1 };
  }
  if (allowedMissing + 1 > distinct.length) {
    // Fewer distinct trigrams than groups: a case holds at least one of those left after dropping
    // the most repeated ones, as long as the dropped occurrences stay below `need`.
    const byCount = [...k.grams.entries()].sort((a, b) => b[1] - a[1]);
    let dropped = 0;
    const kept = byCount.filter(([, count]) => {
      if (dropped + count <= need - 1) {
        dropped += count;
        return false;
      }
      return true;
    });
    return { groups: kept.map(([t]) => quote(t)), hits: 1 };
  }
  const count = Math.min(distinct.length, 2 * (allowedMissing + 1));
  const groups: string[][] = Array.from({ length: count }, () => []);
  distinct.forEach((t, i) => groups[i % count]!.push(quote(t)));
  return { groups: groups.map((g) => g.join(' AND ')), hits: count - allowedMissing };
}

/**
 * A quick upper bound of the similarity of every findable pair: through each probe key, at most the
 * padding plus the key's unpadded trigrams that occur anywhere in the indexed names are in common.
 */
export function trigramBound(keys: readonly ProbeKey[], indexedNames: string): number {
  let best = 0;
  for (const k of keys) {
    let shared = k.padded - k.unpadded;
    for (const [t, count] of k.grams) if (indexedNames.includes(t)) shared += count;
    best = Math.max(best, (2 * shared) / (k.padded + shared));
  }
  return round3(best);
}

type Counted = TrigramCounts;
const counted = (key: string): Counted => countTrigrams(trigrams(key));
/** The Dice coefficient of shared/domain/cases/duplicates.ts, with one side counted beforehand. */
const dice = (a: Counted, key: string): number => diceOf(a, trigrams(key));

/** The probe's names, normalised and counted once per check. */
export type ProbeNames = { key: string; straight: Counted; sorted: Counted }[];
export const probeNames = (names: readonly string[]): ProbeNames =>
  names.flatMap((n) => {
    const key = searchKey(n);
    return key ? [{ key, straight: counted(key), sorted: counted(sortedKey(n)) }] : [];
  });

/**
 * The case's name similarity as far as the index tells it: exact for its display name (the index
 * keeps it as written; compared as written and with parts sorted), and for every key of its indexed
 * names (aliases; family name before given name) as written. At least the similarity of every pair
 * the guarantee covers.
 */
export function indexedNameSimilarity(probe: ProbeNames, displayName: string, indexedNames: string): number {
  const display = searchKey(displayName);
  const displaySorted = sortedKey(displayName);
  const others = indexedNames.split(' ').filter((k) => k && k !== display);
  let best = 0;
  for (const x of probe) {
    if (x.key === display || others.includes(x.key)) return 1;
    if (display) best = Math.max(best, dice(x.straight, display), dice(x.sorted, displaySorted));
    for (const k of others) best = Math.max(best, dice(x.straight, k));
  }
  return round3(best);
}

type Scored = { rowid: number; record: NonNullable<ReturnType<typeof findRecord<'case'>>>; score: DuplicateScore };
/** What the case index holds of a case that bounds its score (written from the case record by caseIndex.ts). */
type Indexed = { rowid: number; display_name: string; gender: Gender | null; citizenships: string; age: number | null; registered_at: string };

const W = DUPLICATE_WEIGHTS;

/** Whole years from `from` to `to`, negative when `to` is earlier. */
function signedYears(from: string, to: string): number {
  const [early, late, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  const [fy, fm, fd] = early.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = late.split('-').map(Number) as [number, number, number];
  return sign * (ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0));
}

/**
 * The highest birth similarity a case of age `age` at its registration can have with the probe
 * (shared/domain/cases/duplicates.ts birthSimilarity):
 *  - both birth dates: the case's birth year is the registration year minus the age, or one before;
 *  - otherwise ages today are compared; the case's is its age at registration moved by the years
 *    since, give or take one (an age never moves below what it was estimated at: ages stop at 0).
 */
function birthBound(probe: DuplicateProbe, c: Indexed, today: string): number {
  if (c.age === null) return 1;
  const registered = c.registered_at.slice(0, 10);
  let birthdates = 1;
  if (probe.prs_Birthdate && c.age > 0) {
    const year = Number(registered.slice(0, 4));
    const probeYear = Number(probe.prs_Birthdate.slice(0, 4));
    const apart = Math.max(0, year - c.age - 1 - probeYear, probeYear - (year - c.age));
    birthdates = apart === 0 ? 1 : apart === 1 ? 0.4 : 0;
  }
  const probeAge = ageOn(probe, today);
  let ages = 0.7;
  if (probeAge !== null) {
    const moved = signedYears(registered, today);
    const [low, high] = [c.age + Math.min(moved, 0) - 1, c.age + Math.max(moved, 0) + 1];
    const gap = Math.max(0, low - probeAge, probeAge - high);
    ages = gap <= 1 ? 0.7 : gap <= 3 ? 0.4 : gap <= 5 ? 0.2 : 0;
  }
  return probe.prs_Birthdate ? Math.max(birthdates, ages) : ages;
}

/**
 * The highest score a case with this name similarity and index row can reach: duplicateScore's
 * arithmetic, in the same order and with the same rounding, on the best each other part can be.
 */
function scoreBound(probe: DuplicateProbe, name: number, c: Indexed, today: string): number {
  // Below the name floor a case is flagged only by an identifier in common, and those are scored apart.
  if (name < NAME_FLOOR) return 0;
  let sum = name * W.name;
  let weight = W.name;
  if ((probe.prs_Birthdate || probe.estimatedAge !== undefined) && c.age !== null) {
    sum += birthBound(probe, c, today) * W.birth;
    weight += W.birth;
  }
  const citizenships = JSON.parse(c.citizenships) as string[];
  if (probe.citizenship.length > 0 && citizenships.length > 0) {
    sum += (probe.citizenship.some((x) => citizenships.includes(x)) ? 1 : 0) * W.citizenship;
    weight += W.citizenship;
  }
  let score = sum / weight;
  if (gendersDiffer(probe.gender, c.gender ?? undefined)) score *= OTHER_GENDER;
  return round3(score);
}

export function findDuplicates(db: Db, probe: DuplicateProbe, viewer: Viewer, today: string, excludeCaseId?: string): DuplicateCandidate[] {
  // The most any case with name similarity n can score: every other part the probe knows equal.
  const known = (probe.prs_Birthdate || probe.estimatedAge !== undefined ? W.birth : 0) + (probe.citizenship.length > 0 ? W.citizenship : 0);
  const bestScoreFor = (name: number) => Math.min(1, (W.name * name + known) / (W.name + known) + 0.001);
  /** The name similarity below which a case cannot reach `score`. */
  const nameFor = (score: number) => (score * (W.name + known) - known) / W.name - 0.002;
  const keys = probeKeys(probe.names);
  const spelled = probeNames(probe.names);
  /** Cases scored, and cases whose bound was looked at in a round (each settled then). */
  const looked = new Set<number>();
  const seen = new Set<number>();
  const flagged: Scored[] = [];
  const tenth = () => (flagged.length < DUPLICATES_SHOWN ? -1 : flagged[DUPLICATES_SHOWN - 1]!.score.score);
  /** Whether a case whose score is at most `bound` could be flagged and shown. */
  const mayEnter = (bound: number) => bound >= FLAG_THRESHOLD && bound > tenth();
  const score = (rowid: number) => {
    looked.add(rowid);
    const caseId = cached(db, 'SELECT case_id FROM case_index WHERE rowid = ?').pluck().get(rowid) as string | undefined;
    if (caseId === undefined || caseId === excludeCaseId) return;
    const c = findRecord(db, 'case', caseId);
    if (!c) return;
    const s = duplicateScore(probe, comparedPerson(c), today);
    if (!isFlagged(s)) return;
    flagged.push({ rowid, record: c, score: s });
    flagged.sort((a, b) => b.score.score - a.score.score);
    if (flagged.length > DUPLICATES_SHOWN) flagged.pop();
  };

  // An identity number or phone in common flags a case on its own: every case holding that key (as a
  // whole, not as a fragment of a longer number) is scored. The indexed identifiers are keys joined by
  // spaces, the case number first; the trigram index holds the spaces, so a key that is a whole key
  // there is found as "key " or " key" (a short key such as "2025" is a fragment of thousands of case
  // numbers, and only a handful of those fragments end at a space). A case whose only key is its case
  // number has no identifier the score compares.
  for (const identifier of probe.identifiers ?? []) {
    const key = searchKey(identifier);
    if (key.length < 4) continue;
    const found = cached(db, 'SELECT rowid, identifiers FROM case_search WHERE case_search MATCH @match').all({ match: `identifiers : (${quote(`${key} `)} OR ${quote(` ${key}`)})` }) as {
      rowid: number;
      identifiers: string;
    }[];
    for (const f of found) if (!looked.has(f.rowid) && f.identifiers.split(' ').includes(key)) score(f.rowid);
  }

  // Below this name similarity no case is flagged.
  const floor = Math.max(NAME_FLOOR, nameFor(FLAG_THRESHOLD));
  let tau = 1;
  for (;;) {
    // Per key: the cases matching at least as many of its groups as a case reaching tau must.
    const matched = new Set<number>();
    const rowidsOf = cached(db, 'SELECT rowid FROM case_search WHERE case_search MATCH @match').pluck();
    for (const k of keys) {
      const { groups, hits } = trigramGroups(k, tau);
      const count = new Map<number, number>();
      for (const group of groups) {
        for (const rowid of rowidsOf.all({ match: `names : (${group})` }) as number[]) {
          if (seen.has(rowid)) continue;
          const n = (count.get(rowid) ?? 0) + 1;
          count.set(rowid, n);
          if (n >= hits) matched.add(rowid);
        }
      }
    }
    if (matched.size > 0) {
      // The index row bounds the score with the name at its best; the indexed names are read only for the cases that still may enter.
      const rows = (
        cached(db, 'SELECT rowid, display_name, gender, citizenships, age, registered_at FROM case_index WHERE rowid IN (SELECT value FROM json_each(@rowids))').all({
          rowids: JSON.stringify([...matched]),
        }) as Indexed[]
      ).filter((r) => {
        seen.add(r.rowid);
        return mayEnter(scoreBound(probe, 1, r, today));
      });
      const names = new Map(
        (
          cached(db, 'SELECT rowid, names FROM case_search WHERE rowid IN (SELECT value FROM json_each(@rowids))').all({ rowids: JSON.stringify(rows.map((r) => r.rowid)) }) as {
            rowid: number;
            names: string;
          }[]
        ).map((r) => [r.rowid, r.names]),
      );
      const bounded = rows
        .flatMap((r) => {
          // The quick bound first; the display name and keys compared only when it leaves the case in.
          const indexed = names.get(r.rowid) ?? '';
          const quick = trigramBound(keys, indexed);
          if (!mayEnter(scoreBound(probe, quick, r, today))) return [];
          return [{ rowid: r.rowid, bound: scoreBound(probe, Math.min(quick, indexedNameSimilarity(spelled, r.display_name, indexed)), r, today) }];
        })
        .sort((a, b) => b.bound - a.bound);
      for (const f of bounded) {
        // Sorted by bound: once one cannot beat the tenth best, none after it can (nor later: the tenth only rises).
        if (!mayEnter(f.bound)) break;
        if (!looked.has(f.rowid)) score(f.rowid);
      }
    }
    // Every case not looked at now has a name similarity below tau: it scores below bestScoreFor(tau).
    if (tau <= floor || tenth() >= bestScoreFor(tau)) break;
    // Next round: down to the name similarity the tenth best leaves, by steps of at most 0.1 (the
    // tenth best may rise on the way, and a lower tau matches many more cases).
    tau = Math.max(floor, tau - 0.1, tenth() >= 0 ? Math.min(tau - 0.01, nameFor(tenth())) : 0);
  }

  return flagged.map(({ record: c, score: s }) => {
    const accessible = mayOpen(viewer, { assignee: c.assignee ?? null });
    return {
      caseId: c.id,
      caseNumber: c.caseNumber,
      score: s.score,
      strong: s.sameIdentifier || s.score >= 0.85,
      parts: { name: s.name, birth: s.birth, citizenship: s.citizenship, sameIdentifier: s.sameIdentifier },
      accessible,
      displayName: accessible ? displayName(c) : null,
      stage: c.stage,
      assignee: c.assignee ?? null,
      registeredAt: c.registeredAt,
    };
  });
}
