import { describe, expect, it } from 'vitest';
import { computeKpis, DemographicRequest, demographicReport, DIMENSIONS, matchesFilters, type DemographicReport, type ReportCase, type ReportFilters } from '../../shared/domain/reports';
import { productionRegistry } from '../rpc/recordTypes';
import type { Db } from '../store/database';
import { childrenOf, findRecord } from '../cases/caseRecords';
import { deriveCase } from '../cases/derive';
import { rebuildCaseIndex, syncCaseIndex } from '../cases/caseIndex';
import { AUNG_KYAW_MOE, caseOffice, today, type CaseOffice } from '../cases/testkit';
import { newOffice, OFFICES, outDir, pair, sendCaseUpdate } from '../exchange/testkit';
import { ensureReportFacts, MAX_PAIRS, pairSql, reportFactsOf, type Pairable } from './factsStore';
import { demographicsOf } from './reportCounts';
import { loadFollowUps, loadKpiCases, loadReferrals, loadReportCases } from './reportFacts';

/**
 * The demographic report from the facts kept in the store must be the report computed the old way
 * (every case and its latest full screening read and derived again: `loadReportCases`, kept as the
 * reference), and the kept facts must be what a full recomputation from the records gives, after
 * every kind of write.
 */

const dbOf = (o: { core: CaseOffice['core'] }): Db => o.core.session.requireUnlocked().workspace.db;

const reference = (cases: readonly ReportCase[], req: unknown): DemographicReport => demographicReport(cases, DemographicRequest.parse(req));
const kept = (db: Db, req: unknown): DemographicReport => demographicsOf(db, DemographicRequest.parse(req));

type Row = Record<string, unknown>;

/** What the triggers should have counted: report_counts recomputed in JavaScript from report_facts. */
function countsOf(facts: Row[]): Row[] {
  const counts = new Map<string, number>();
  const add = (f: Row, dimension: string, category: string) => {
    const key = JSON.stringify([String(f.registered_on).slice(0, 7), f.stage, f.owner_org, dimension, category]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  const lists = { citizenship: 'citizenship', countryOfExploitation: 'countries', exploitationType: 'exploitation', labourSector: 'labour', meansOfControl: 'means', recruiterRelation: 'recruiter' };
  for (const f of facts) {
    add(f, 'cases', '');
    add(f, 'gender', f.gender as string);
    add(f, 'age', f.age === null ? '' : String(f.age));
    add(f, 'scope', f.scope as string);
    add(f, 'yearOfRegistration', String(f.registered_on).slice(0, 4));
    for (const [dimension, column] of Object.entries(lists)) {
      const values = [...new Set(JSON.parse(f[column] as string) as string[])];
      if (values.length === 0) add(f, dimension, '');
      for (const v of values) add(f, dimension, v);
    }
  }
  return [...counts]
    .map(([key, n]) => {
      const [month, stage, owner_org, dimension, category] = JSON.parse(key) as string[];
      return { month, stage, owner_org, dimension, category, n };
    })
    .sort((a, b) => {
      for (const k of ['month', 'stage', 'owner_org', 'dimension', 'category'] as const) if (a[k] !== b[k]) return a[k]! < b[k]! ? -1 : 1;
      return 0;
    });
}

/** The kept facts and counts equal a recomputation from the records; returns them keyed by case id. */
function expectFactsMatchRecords(db: Db): { facts: Row[]; counts: Row[] } {
  syncCaseIndex(db, today());
  ensureReportFacts(db, today());
  const stored = db.prepare('SELECT * FROM report_facts ORDER BY case_rowid').all() as Row[];
  const index = db.prepare('SELECT rowid, case_id FROM case_index ORDER BY rowid').all() as { rowid: number; case_id: string }[];
  const recomputed = index.map(({ rowid, case_id }) => {
    const c = findRecord(db, 'case', case_id)!;
    const children = childrenOf(db, c.id);
    return reportFactsOf(rowid, c, children, deriveCase(c, children, today()));
  });
  expect(stored).toEqual(recomputed);
  const counts = db.prepare('SELECT month, stage, owner_org, dimension, category, n FROM report_counts ORDER BY month, stage, owner_org, dimension, category').all() as Row[];
  expect(counts).toEqual(countsOf(stored));
  // Every cross-tab pair kept so far equals the pair counted again over the facts.
  for (const pair of db.prepare('SELECT pair FROM report_pairs').pluck().all() as string[]) {
    const [r, c] = pair.split('|') as [Pairable, Pairable];
    const keptPairs = db.prepare('SELECT month, stage, owner_org, r, c, n FROM report_pair_counts WHERE pair = ? ORDER BY 1, 2, 3, 4, 5').raw().all(pair);
    const recounted = db
      .prepare(`SELECT substr(registered_on, 1, 7), stage, owner_org, ${pairSql(r)}, ${pairSql(c)}, count(*) FROM report_facts GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`)
      .raw()
      .all();
    expect(keptPairs, pair).toEqual(recounted);
  }
  const byCase = db.prepare('SELECT ci.case_id, f.* FROM report_facts f JOIN case_index ci ON ci.rowid = f.case_rowid ORDER BY ci.case_id').all() as Row[];
  return { facts: byCase.map(({ case_rowid: _, ...rest }) => rest), counts };
}

const lastOfMonth = (day: string): string => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** Every request shape the report takes, over the days the cases were registered on. */
function requests(cases: readonly ReportCase[], org: string): unknown[] {
  const days = cases.map((c) => c.registeredOn).sort();
  const at = (q: number) => days[Math.floor(q * (days.length - 1))]!;
  const mid = at(0.5);
  const out: unknown[] = [{}, { k: 3 }, { k: 5, round: true }, { ageBands: [17, 59] }];
  // Every pair of dimensions as a cross-tab, both ways round for a few.
  DIMENSIONS.forEach((rows, i) => DIMENSIONS.slice(i + 1).forEach((columns) => out.push({ crossTab: { rows, columns }, k: 3 })));
  out.push({ crossTab: { rows: 'ageBand', columns: 'gender' }, k: 5, round: true }, { crossTab: { rows: 'meansOfControl', columns: 'citizenship' }, ageBands: [25] });
  const periods = [
    { from: at(0.2), to: at(0.8) },
    { from: mid, to: lastOfMonth(mid) },
    { from: `${mid.slice(0, 7)}-01`, to: mid },
    { from: at(0.3) },
    { to: at(0.6) },
    { from: mid, to: mid },
    { from: '1990-01-01', to: '1990-12-31' },
  ];
  for (const filters of periods) out.push({ filters }, { filters, crossTab: { rows: 'gender', columns: 'ageBand' }, k: 3 }, { filters, crossTab: { rows: 'exploitationType', columns: 'yearOfRegistration' }, k: 3 });
  out.push({ filters: { stage: ['closed', 'assistance'] }, crossTab: { rows: 'scope', columns: 'countryOfExploitation' }, k: 3 });
  out.push({ filters: { stage: ['identification'], from: at(0.1), to: at(0.9) }, k: 3 });
  out.push({ filters: { organisation: [org] }, crossTab: { rows: 'gender', columns: 'labourSector' } });
  out.push({ filters: { organisation: ['NO-SUCH-ORG'] }, crossTab: { rows: 'gender', columns: 'ageBand' } });
  return out;
}

function expectSameReports(db: Db, org: string): number {
  const { cases } = loadReportCases(db);
  const all = requests(cases, org);
  for (const req of all) expect(kept(db, req), JSON.stringify(req)).toEqual(reference(cases, req));
  return all.length;
}

describe('report facts kept in the store', { timeout: 600_000 }, () => {
  it('give the same demographic report as deriving every case again, for every cross-tab, period, stage, organisation, k, rounding and age bands', async () => {
    const office = await caseOffice();
    await office.call('demo.generate', { cases: 300, seed: 11 });
    const db = dbOf(office);
    const report = kept(db, {});
    expect(report.cases).toBe(300);
    // Small cells were hidden, so the comparison covers disclosure control too.
    expect(report.protection.primary).toBeGreaterThan(0);
    expect(expectSameReports(db, 'TH-ATTF')).toBeGreaterThan(60);

    // The KPIs read their cases from the case index: the same cases as the reference keeps, the same figures.
    const { cases, kpiCases } = loadReportCases(db);
    const days = cases.map((c) => c.registeredOn).sort();
    const filterSets: ReportFilters[] = [{}, { stage: ['closed', 'assistance'] }, { from: days[60]!, to: days[240]! }, { organisation: ['TH-ATTF'] }, { organisation: ['NO-SUCH-ORG'] }];
    for (const filters of filterSets) {
      const expected = kpiCases.filter((_, i) => matchesFilters(cases[i]!, filters));
      const got = loadKpiCases(db, filters);
      expect(got, JSON.stringify(filters)).toEqual(expected);
      const common = { referrals: loadReferrals(db), followUps: loadFollowUps(db), today: today(), k: 3, round: false };
      expect(computeKpis({ cases: got, ...common })).toEqual(computeKpis({ cases: expected, ...common }));
    }
    expect(loadKpiCases(db, { stage: ['closed', 'assistance'] }).length).toBeGreaterThan(0);
    expect(loadKpiCases(db, { stage: ['closed', 'assistance'] }).length).toBeLessThan(300);
  });

  it('equal a recomputation from the records after registration, corrections, screenings, a stage change, closure, deletions, an upgrade and a rebuild', async () => {
    const o = await caseOffice();
    await o.call('demo.generate', { cases: 60, seed: 5 });
    let db = dbOf(o);
    expectFactsMatchRecords(db);

    const { caseId } = await o.call('cases.register', AUNG_KYAW_MOE);
    const registered = expectFactsMatchRecords(db);
    expect(registered.facts.find((f) => f.case_id === caseId)).toMatchObject({ gender: 'Masculine', citizenship: '["MMR"]', countries: '["THA"]', exploitation: '[]' });

    await o.call('cases.update', { id: caseId, person: { prs_Citizenship: ['MMR', 'THA'], prs_Gender: 'NonSpecifiedUnknown' } });
    expect(expectFactsMatchRecords(db).facts.find((f) => f.case_id === caseId)).toMatchObject({ gender: '', citizenship: '["MMR","THA"]' });

    await o.call('screening.recordFull', {
      caseId,
      screenedOn: today(),
      outcome: 'presumed_victim',
      vic_TypeOfExploitation: ['ForcedLabour'],
      vic_ForcedLabourIndustry: ['A_AgricultureForestryAndFishing'],
      vic_MethodsOfControl: ['DebtBondage'],
      events: [{ hte_Type: 'Exploitation', hte_Country: 'MYS', hte_Date: '2024-01-10' }],
    });
    expect(expectFactsMatchRecords(db).facts.find((f) => f.case_id === caseId)).toMatchObject({ exploitation: '["ForcedLabour"]', countries: '["MYS"]', exploited_from: '2024-01-10', exploited_ongoing: 1 });
    // A later full screening is the one counted.
    await o.call('screening.recordFull', { caseId, screenedOn: today(), outcome: 'presumed_victim', vic_TypeOfExploitation: ['SexualExploitation'] });
    expect(expectFactsMatchRecords(db).facts.find((f) => f.case_id === caseId)).toMatchObject({ exploitation: '["SexualExploitation"]', countries: '["THA"]' });
    expectSameReports(db, 'TH-ATTF');
    // Every pair of dimensions has been asked for as a cross-tab; the latest ones are kept, and the writes below must keep their counts.
    expect(db.prepare('SELECT count(*) FROM report_pairs').pluck().get()).toBe(MAX_PAIRS);
    expect(db.prepare('SELECT count(DISTINCT pair) FROM report_pair_counts').pluck().get()).toBe(MAX_PAIRS);

    await o.call('cases.setStage', { id: caseId, stage: 'assistance' });
    expect(expectFactsMatchRecords(db).facts.find((f) => f.case_id === caseId)).toMatchObject({ stage: 'assistance' });
    await o.as('somchai');
    await o.call('cases.requestClosure', { id: caseId, reason: 'not_a_victim', cas_ReasonForCaseClosure: 'Screening found a labour dispute, not trafficking.' });
    await o.as('malee');
    await o.call('cases.approveClosure', { id: caseId, decision: 'approve' });
    db = dbOf(o);
    expect(expectFactsMatchRecords(db).facts.find((f) => f.case_id === caseId)).toMatchObject({ stage: 'closed' });

    // A case deleted: its facts and its counts go with its index row.
    const before = (db.prepare(`SELECT n FROM report_counts WHERE dimension = 'cases'`).pluck().all() as number[]).reduce((a, b) => a + b, 0);
    const u2 = o.core.session.requireUnlocked();
    u2.transaction(() => u2.records.remove('case', caseId));
    const afterDelete = expectFactsMatchRecords(db);
    expect(afterDelete.facts.find((f) => f.case_id === caseId)).toBeUndefined();
    expect((db.prepare(`SELECT n FROM report_counts WHERE dimension = 'cases'`).pluck().all() as number[]).reduce((a, b) => a + b, 0)).toBe(before - 1);
    expectSameReports(db, 'TH-ATTF');

    // A workspace upgraded from schema 4 has no facts yet: the first report fills them in.
    db.exec('DELETE FROM report_facts; UPDATE report_facts_state SET complete = 0');
    expect(db.prepare('SELECT count(*) FROM report_counts').pluck().get()).toBe(0);
    expect(kept(db, {}).cases).toBe(60);
    expect(expectFactsMatchRecords(db)).toEqual(afterDelete);

    // A rebuild of the case index gives the same facts and counts.
    rebuildCaseIndex(db);
    expect(expectFactsMatchRecords(db)).toEqual(afterDelete);
    expectSameReports(db, 'TH-ATTF');
  });

  // A tombstone keeps no content: `syncCaseIndex` finds the case of a deleted child record through
  // `case_children` (migration 008), written when the case was indexed with that child.
  it('follow a screening deleted outside the case services (a tombstone)', async () => {
    const o = await caseOffice();
    const db = dbOf(o);
    const { caseId } = await o.call('cases.register', AUNG_KYAW_MOE);
    await o.call('screening.recordFull', { caseId, screenedOn: today(), outcome: 'presumed_victim', vic_TypeOfExploitation: ['ForcedLabour'] });
    const later = await o.call('screening.recordFull', { caseId, screenedOn: today(), outcome: 'presumed_victim', vic_TypeOfExploitation: ['SexualExploitation'] });
    const u = o.core.session.requireUnlocked();
    expect(expectFactsMatchRecords(db).facts.find((f) => f.case_id === caseId)).toMatchObject({ exploitation: '["SexualExploitation"]' });
    u.transaction(() => u.records.remove('screening', later.id));
    expect(expectFactsMatchRecords(db).facts.find((f) => f.case_id === caseId)).toMatchObject({ exploitation: '["ForcedLabour"]' });
    expect(db.prepare('SELECT exploitation FROM case_index WHERE case_id = ?').pluck().get(caseId)).toBe('["ForcedLabour"]');
  });

  it('follow a screening deleted by a bundle from the owning office (its tombstone): case index, facts and report', async () => {
    const th = await newOffice(OFFICES.TH, productionRegistry());
    const mm = await newOffice(OFFICES.MM, productionRegistry());
    await pair(th, mm);
    const { caseId } = await th.call('cases.register', AUNG_KYAW_MOE);
    await th.call('screening.recordFull', { caseId, screenedOn: today(), outcome: 'presumed_victim', vic_TypeOfExploitation: ['ForcedLabour'], vic_MethodsOfControl: ['DebtBondage'] });
    const later = await th.call('screening.recordFull', { caseId, screenedOn: today(), outcome: 'presumed_victim', vic_TypeOfExploitation: ['SexualExploitation'] });
    const send = () => sendCaseUpdate(th, mm, 'Test of the case index after a deletion at the owning office');
    await send();
    const db = mm.core.session.requireUnlocked().workspace.db;
    const exploitation = (d: DemographicReport) => d.tables.find((t) => t.dimension === 'exploitationType')!;
    const before = kept(db, { k: 3 });
    expect(expectFactsMatchRecords(db).facts.find((f) => f.case_id === caseId)).toMatchObject({ exploitation: '["SexualExploitation"]', means: '[]' });
    expect(db.prepare('SELECT exploitation FROM case_index WHERE case_id = ?').pluck().get(caseId)).toBe('["SexualExploitation"]');

    const u = th.core.session.requireUnlocked();
    u.transaction(() => u.records.remove('screening', later.id));
    await send();
    expect(db.prepare('SELECT deleted FROM records WHERE id = ?').pluck().get(later.id)).toBe(1);
    expect(expectFactsMatchRecords(db).facts.find((f) => f.case_id === caseId)).toMatchObject({ exploitation: '["ForcedLabour"]', means: '["DebtBondage"]' });
    expect(db.prepare('SELECT exploitation FROM case_index WHERE case_id = ?').pluck().get(caseId)).toBe('["ForcedLabour"]');
    expect(db.prepare(`SELECT category FROM report_counts WHERE dimension = 'exploitationType'`).pluck().all()).toEqual(['ForcedLabour']);
    const after = kept(db, { k: 3 });
    expect(exploitation(after)).not.toEqual(exploitation(before));
    expectSameReports(db, 'TH-ATTF');
  });

  it('equal a recomputation at an office that received the cases by bundle', async () => {
    const th = await newOffice(OFFICES.TH, productionRegistry());
    const mm = await newOffice(OFFICES.MM, productionRegistry());
    await pair(th, mm);
    const { caseId } = await th.call('cases.register', AUNG_KYAW_MOE);
    await th.call('screening.recordFull', {
      caseId,
      screenedOn: today(),
      outcome: 'presumed_victim',
      vic_TypeOfExploitation: ['ForcedLabour'],
      vic_ForcedLabourIndustry: ['A_AgricultureForestryAndFishing'],
      events: [{ hte_Type: 'Exploitation', hte_Country: 'THA', hte_Date: '2023-05-01', endDate: '2024-02-15' }],
    });
    await th.call('consent.record', {
      caseId,
      purpose: 'sharing',
      con_Consent: true,
      recipient: { code: 'MM-DSW', name: 'Department of Social Welfare, Myanmar' },
      sharingPurposes: ['case_management'],
      takenOn: today(),
      method: 'written',
    });
    const bundle = await th.call('bundles.export', { to: ['MM-DSW'], type: 'case-update', select: { mode: 'ids', ids: [caseId] }, purpose: 'Case management', outDir: outDir() });
    await mm.call('bundles.import', { path: bundle.path });
    const db = mm.core.session.requireUnlocked().workspace.db;
    expect(kept(db, {}).tables[0]!.total).toBeNull();
    const { facts } = expectFactsMatchRecords(db);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ case_id: caseId, owner_org: 'TH-ATTF' });
    expectSameReports(db, 'TH-ATTF');
  });
});
