import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../rpc/core';
import { ADMIN_PASSWORD, tempDir, TEST_KDF, TEST_THROTTLE, unwrap } from '../testing/fixtures';
import { DEMO_ORGANISATION } from '../identity/session';
import { generateDemoCases } from './demo';
import { findDuplicates } from './caseQueries';
import { findRecord } from './caseRecords';
import { viewerOf } from './access';
import { probeOf } from './registration';
import {
  comparedPerson,
  displayName,
  duplicateScore,
  foldText,
  isFlagged,
  nameSimilarity,
  searchKey,
  sortedKey,
  trigrams,
  type CaseRecord,
  type DuplicateProbe,
} from '../../shared/domain/cases';
import type { StoredRecord } from './caseRecords';
import type { DuplicateCandidate } from '../../shared/contract/cases';

/**
 * The duplicate check finds candidates through the trigram index instead of scoring every case. Its
 * guarantee (electron/cases/duplicateSearch.ts): the ten best flagged cases, with the scores scoring
 * every case gives, among the cases sharing an identifier with the probe or whose name similarity is
 * reached by a findable pair of names — sharing an unpadded trigram, as written, or with parts sorted
 * for the display name when the index holds every trigram of its sorted key.
 * Here it is compared with that brute force on a workspace of demo cases plus near-duplicates made by
 * hand: typos, given and family name swapped, a name in another script, a middle name added.
 */

const CASES = 2500;
const TODAY = '2025-06-30';

type Person = StoredRecord<CaseRecord>;
let core: Core;
let people: Person[];
let indexedNames: Map<string, string>;
/** Indexes into `people` of the crowded clusters: a person registered again and again with small changes. */
let clustered: number[];

const unpadded = (key: string) => trigrams(key).filter((t) => !/[\u0002\u0003]/u.test(t)); // eslint-disable-line no-control-regex -- the padding of `trigrams`
const round3 = (x: number) => Math.round(x * 1000) / 1000;
function dice(a: string[], b: string[]): number {
  const counts = new Map<string, number>();
  for (const t of a) counts.set(t, (counts.get(t) ?? 0) + 1);
  let shared = 0;
  for (const t of b) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(t, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
}

/** The name similarity through findable pairs only (the premise of the guarantee), written out from its definition. */
function findableNameSimilarity(probeNames: readonly string[], caseNames: readonly string[], indexed: string): number {
  let best = 0;
  for (const x of probeNames) {
    for (const [i, y] of caseNames.entries()) {
      if (!searchKey(x) || !searchKey(y)) continue;
      if (searchKey(x) === searchKey(y)) return 1;
      // As written: any case name (its key is in the index as it is).
      if (unpadded(searchKey(y)).some((t) => unpadded(searchKey(x)).includes(t))) best = Math.max(best, dice(trigrams(searchKey(x)), trigrams(searchKey(y))));
      // Parts sorted: the display name (the first), when the index holds every trigram of that order.
      const [sx, sy] = [sortedKey(x), sortedKey(y)];
      if (i === 0 && unpadded(sy).every((t) => indexed.includes(t)) && unpadded(sy).some((t) => unpadded(sx).includes(t))) best = Math.max(best, dice(trigrams(sx), trigrams(sy)));
    }
  }
  return round3(best);
}

const asProbe = (c: Person): DuplicateProbe => comparedPerson(c);

/** Scores every case; `covered` says whether the guarantee promises the case (its name similarity comes from a findable pair, or it shares an identifier). */
function bruteForce(probe: DuplicateProbe) {
  return people.flatMap((c) => {
    const score = duplicateScore(probe, asProbe(c), TODAY);
    if (!isFlagged(score)) return [];
    const covered = score.sameIdentifier || findableNameSimilarity(probe.names, asProbe(c).names, indexedNames.get(c.id) ?? '') === nameSimilarity(probe.names, asProbe(c).names);
    return [{ caseId: c.id, score, covered }];
  });
}

/** The guarantee, as assertions: right scores, best first, at most ten, and no covered flagged case left out that belongs among them. */
function expectGuarantee(found: DuplicateCandidate[], probe: DuplicateProbe) {
  const reference = bruteForce(probe);
  const byId = new Map(reference.map((r) => [r.caseId, r]));
  expect(found.length).toBeLessThanOrEqual(10);
  for (const d of found) expect(d.score, `${d.caseId} is flagged with the score scoring every case gives`).toBe(byId.get(d.caseId)?.score.score);
  expect(found.map((d) => d.score)).toEqual([...found.map((d) => d.score)].sort((a, b) => b - a));
  const shown = new Set(found.map((d) => d.caseId));
  const tenth = found.length < 10 ? -1 : found[9]!.score;
  const missed = reference.filter((r) => r.covered && !shown.has(r.caseId) && r.score.score > tenth);
  expect(missed, `flagged cases left out of ${JSON.stringify(probe.names)}`).toEqual([]);
  return reference;
}

/** Deterministic edits of a name: one letter changed, one dropped, one doubled. */
function typo(name: string, at: number, kind: number): string {
  const chars = [...name];
  const i = at % chars.length;
  if (kind === 0) chars[i] = chars[i] === 'a' ? 'e' : 'a';
  else if (kind === 1 && chars.length > 3) chars.splice(i, 1);
  else chars.splice(i, 0, chars[i]!);
  return chars.join('');
}

beforeAll(async () => {
  const dir = join(tempDir(), 'dups');
  core = createCore(dir, { kdf: TEST_KDF, throttle: TEST_THROTTLE, idleCheckMs: 0 });
  unwrap(await core.dispatcher.dispatch('workspace.create', { organisation: DEMO_ORGANISATION, admin: { username: 'admin', displayName: 'Admin', password: ADMIN_PASSWORD } }));
  const u = core.session.requireUnlocked();
  await generateDemoCases(u, { cases: CASES, seed: 11, asOf: TODAY });
  const db = u.workspace.db;
  const demo = (db.prepare(`SELECT id FROM records WHERE type = 'case' AND deleted = 0 ORDER BY id`).pluck().all() as string[]).map((id) => findRecord(db, 'case', id)!);
  const identification = { identificationDate: TODAY, identificationCountry: 'THA', identificationSource: 'Police' };
  // Near-duplicates of every 50th demo case, registered as real cases through the service.
  for (const [n, c] of demo.filter((_, i) => i % 50 === 0).entries()) {
    const base = { prs_Gender: c.prs_Gender, prs_Birthdate: c.prs_Birthdate, estimatedAge: c.estimatedAge, estimatedAgeOn: c.estimatedAgeOn, prs_Citizenship: c.prs_Citizenship };
    const variants = [
      { prs_FirstName: typo(c.prs_FirstName, n, n % 3), prs_MiddleName: c.prs_MiddleName, prs_SecondName: c.prs_SecondName },
      c.prs_SecondName ? { prs_FirstName: c.prs_SecondName, prs_SecondName: c.prs_FirstName } : { prs_FirstName: `${c.prs_FirstName} ${typo(c.prs_FirstName, n + 1, 2)}` },
      c.aliases[0] ? { prs_FirstName: c.aliases[0], aliases: [displayName(c)] } : { prs_FirstName: c.prs_FirstName, prs_MiddleName: 'Maria', prs_SecondName: c.prs_SecondName },
    ];
    for (const v of variants) unwrap(await core.dispatcher.dispatch('cases.register', { person: { ...base, ...v }, identification }));
  }
  // Crowds: four persons registered fourteen more times each, with typos and other birth dates, so
  // that a probe has more flagged cases than are shown and the ten best must be told apart.
  const crowd = new Set<string>();
  for (const c of demo.filter((p) => p.prs_SecondName).slice(0, 4)) {
    crowd.add(c.id);
    for (let k = 0; k < 14; k++) {
      const person = {
        prs_FirstName: k % 2 ? typo(c.prs_FirstName, k, k % 3) : c.prs_FirstName,
        prs_SecondName: k % 3 ? c.prs_SecondName : typo(c.prs_SecondName!, k, (k + 1) % 3),
        prs_Gender: c.prs_Gender,
        prs_Birthdate: k % 4 ? `${1980 + k}-0${1 + (k % 9)}-1${k % 10}` : c.prs_Birthdate,
        prs_Citizenship: k % 5 ? c.prs_Citizenship : ['LAO'],
      };
      crowd.add((unwrap(await core.dispatcher.dispatch('cases.register', { person, identification })) as { caseId: string }).caseId);
    }
  }
  people = (db.prepare(`SELECT id FROM records WHERE type = 'case' AND deleted = 0 ORDER BY id`).pluck().all() as string[]).map((id) => findRecord(db, 'case', id)!);
  clustered = people.flatMap((p, i) => (crowd.has(p.id) ? [i] : []));
  indexedNames = new Map(
    (db.prepare('SELECT ci.case_id AS id, s.names AS names FROM case_index ci JOIN case_search s ON s.rowid = ci.rowid').all() as { id: string; names: string }[]).map((r) => [r.id, r.names]),
  );
}, 600_000);

describe('the duplicate check over thousands of cases', () => {
  it('finds the same ten best as scoring every case, for demo persons, their near-duplicates and edited names', () => {
    const u = core.session.requireUnlocked();
    const viewer = viewerOf(u);
    let flaggedSomewhere = 0;
    let crowded = 0;
    fc.assert(
      fc.property(
        fc.oneof(fc.nat(people.length - 1), fc.constantFrom(...clustered)),
        fc.constantFrom('same', 'typo', 'twoTypos', 'swapped', 'alias', 'nameOnly', 'otherBirth', 'phone'),
        fc.nat(40),
        (i, edit, at) => {
          const c = people[i]!;
          let probe = asProbe(c);
          if (edit === 'typo') probe = { ...probe, names: probe.names.map((n, j) => (j === 0 ? typo(n, at, at % 3) : n)) };
          // Two edits far apart: a name similarity near the floor, where the candidate query is tightest.
          if (edit === 'twoTypos') probe = { names: [typo(typo(probe.names[0]!, at, at % 3), at + 5, (at + 1) % 3)], citizenship: [] };
          if (edit === 'swapped') probe = { ...probe, names: [foldText(displayName(c)).split(/\s+/u).reverse().join(' ')] };
          if (edit === 'alias') probe = { ...probe, names: c.aliases.length > 0 ? c.aliases : probe.names };
          if (edit === 'nameOnly') probe = { names: probe.names, citizenship: [] };
          if (edit === 'otherBirth') probe = { ...probe, prs_Birthdate: undefined, estimatedAge: 20 + (at % 25), estimatedAgeOn: TODAY, gender: undefined };
          if (edit !== 'phone') probe = { ...probe, identifiers: [] };
          const found = findDuplicates(u.workspace.db, probe, viewer, TODAY);
          const reference = expectGuarantee(found, probe);
          if (reference.length > 0) flaggedSomewhere++;
          if (reference.length > 10) crowded++;
        },
      ),
      { numRuns: 200, seed: 20261124 },
    );
    // The probes exercised both sides: ones with a few candidates and ones with more than ten.
    expect(flaggedSomewhere).toBeGreaterThan(100);
    expect(crowded).toBeGreaterThan(5);
  }, 600_000);

  it('finds a case by its identity number or phone alone, wherever the key stands among its indexed keys, and not by a fragment of one', () => {
    const u = core.session.requireUnlocked();
    const viewer = viewerOf(u);
    const stranger = { names: ['Qqxz Vvwj'], citizenship: [] };
    const withId = people.filter((p) => p.prs_IdentityNumber && searchKey(p.prs_IdentityNumber).length >= 4).slice(0, 5);
    const withPhone = people.filter((p) => p.prs_MobilePhone && searchKey(p.prs_MobilePhone).length >= 4).slice(0, 5);
    expect(withId.length + withPhone.length).toBeGreaterThan(0);
    // The identity number is the last indexed key when the case has one, a phone sits before it.
    for (const [c, identifier] of [...withId.map((c) => [c, c.prs_IdentityNumber!] as const), ...withPhone.map((c) => [c, c.prs_MobilePhone!] as const)]) {
      const probe = { ...stranger, identifiers: [identifier] };
      const found = findDuplicates(u.workspace.db, probe, viewer, TODAY);
      expectGuarantee(found, probe);
      expect(found.map((d) => d.caseId), identifier).toContain(c.id);
    }
    // A fragment of many keys (case numbers hold the year) is no identifier in common.
    const fragment = { ...stranger, identifiers: [TODAY.slice(0, 4)] };
    expect(findDuplicates(u.workspace.db, fragment, viewer, TODAY)).toEqual([]);
    expectGuarantee([], fragment);
  });

  it('through the service: a registration form with a typo finds the person it was typed from', async () => {
    const c = people.find((p) => p.prs_SecondName && p.prs_FirstName.length > 4 && !p.demo)!;
    const input = { prs_FirstName: typo(c.prs_FirstName, 2, 0), prs_SecondName: c.prs_SecondName, prs_Gender: c.prs_Gender, prs_Citizenship: c.prs_Citizenship };
    const found = unwrap(await core.dispatcher.dispatch('cases.duplicates', input)) as DuplicateCandidate[];
    expectGuarantee(found, probeOf(input));
    expect(found.length).toBeGreaterThan(0);
  });
});
