import { describe, expect, it } from 'vitest';
import { daysBetween, quarterOf, type Kpis, type ReportFilters } from '../../shared/domain/reports';
import { productionRegistry } from '../rpc/recordTypes';
import type { Db } from '../store/database';
import { childrenOf } from '../cases/caseRecords';
import { syncCaseIndex } from '../cases/caseIndex';
import { AUNG_KYAW_MOE, caseOffice, daysFromToday, today } from '../cases/testkit';
import { newOffice, OFFICES, pair, sendCaseUpdate, type Office } from '../exchange/testkit';
import { createCore } from '../rpc/core';
import { ADMIN_PASSWORD, TEST_KDF, unwrap } from '../testing/fixtures';
import { kpiQueries, storeKpis } from './kpiStore';
import { kpisByDerivation } from './reportFacts';

/**
 * The KPIs from the facts kept in the store (migration 008, `storeKpis`) must be the KPIs derived from
 * the records (`kpisByDerivation`: every referral and follow-up read from `records`, the reference),
 * and the kept rows must be what the live records give, after every kind of write, deletions (through
 * the services, tombstones, bundles from another office) and an upgrade from schema 7.
 */

const dbOf = (o: { core: Office['core'] }): Db => o.core.session.requireUnlocked().workspace.db;

type Req = { filters: ReportFilters; k: number; round: boolean };

/** Filters over the registration days and stages of the cases held, and today moved around (overdue follow-ups). */
function requests(db: Db): { req: Req; today: string }[] {
  const days = (db.prepare('SELECT substr(registered_at, 1, 10) FROM case_index ORDER BY 1').pluck().all() as string[]) ?? [];
  const at = (q: number) => days[Math.floor(q * Math.max(0, days.length - 1))] ?? today();
  const orgs = db.prepare('SELECT DISTINCT owner_org FROM case_index').pluck().all() as string[];
  const filterSets: ReportFilters[] = [
    {},
    { from: at(0.2), to: at(0.8) },
    { from: at(0.5) },
    { to: at(0.4) },
    { from: at(0.5), to: at(0.5) },
    { stage: ['closed', 'assistance'] },
    { stage: ['identification', 'reintegration'], from: at(0.1) },
    { organisation: orgs },
    { organisation: ['NO-SUCH-ORG'] },
    { from: '1990-01-01', to: '1990-12-31' },
  ];
  const out: { req: Req; today: string }[] = [];
  for (const filters of filterSets)
    for (const [k, round] of [
      [3, false],
      [5, true],
      [11, false],
    ] as const)
      out.push({ req: { filters, k, round }, today: today() });
  for (const day of [daysFromToday(-400), daysFromToday(-30), daysFromToday(90)]) out.push({ req: { filters: {}, k: 3, round: false }, today: day });
  return out;
}

/** Same figures both ways for every request shape; returns the unfiltered KPIs (k = 3, exact). */
function expectSameKpis(db: Db): Kpis {
  for (const { req, today: day } of requests(db)) expect(storeKpis(db, req, { today: day }), JSON.stringify({ req, day })).toEqual(kpisByDerivation(db, req, day));
  return storeKpis(db, { filters: {}, k: 3, round: false });
}

/** The kept KPI rows equal the indexed cases and their live referrals and follow-ups; returns how many referrals and follow-ups. */
function expectRowsMatchRecords(db: Db): { referrals: number; followUps: number } {
  syncCaseIndex(db, today());
  const index = db.prepare('SELECT rowid, case_id, substr(registered_at, 1, 10) AS registered_on, stage, owner_org, assignee, identified_on FROM case_index ORDER BY rowid').all() as {
    rowid: number;
    case_id: string;
    registered_on: string;
    stage: string;
    owner_org: string;
    assignee: string | null;
    identified_on: string;
  }[];
  const cases: unknown[] = [];
  const followUps: { record_id: string; case_rowid: number }[] = [];
  let referralCount = 0;
  for (const ci of index) {
    const children = childrenOf(db, ci.case_id);
    const referrals = children.transition.filter((t) => t.kind === 'referral');
    referralCount += referrals.length;
    const first = referrals.map((r) => r.cas_OutgoingReferralDate).sort()[0];
    const cell = { registered_on: ci.registered_on, stage: ci.stage, owner_org: ci.owner_org };
    cases.push({
      case_rowid: ci.rowid,
      ...cell,
      assignee: ci.assignee,
      referral_days: first === undefined ? null : Math.max(0, daysBetween(ci.identified_on, first)),
      referrals_decided: referrals.filter((r) => ['accepted', 'done', 'rejected'].includes(r.status)).length,
      referrals_accepted: referrals.filter((r) => ['accepted', 'done'].includes(r.status)).length,
    });
    for (const f of children.followup)
      followUps.push({
        case_rowid: ci.rowid,
        record_id: f.id,
        ...cell,
        due_date: f.dueDate,
        visit_date: f.visitDate ?? null,
        cancelled: f.cancelled ? 1 : 0,
        composite: f.composite ?? null,
        visit_quarter: f.visitDate && f.composite !== undefined ? quarterOf(f.visitDate) : null,
      } as never);
  }
  expect(db.prepare('SELECT * FROM kpi_cases ORDER BY case_rowid').all()).toEqual(cases);
  expect(db.prepare('SELECT * FROM kpi_followups ORDER BY case_rowid, record_id').all()).toEqual(followUps.sort((a, b) => a.case_rowid - b.case_rowid || (a.record_id < b.record_id ? -1 : 1)));
  return { referrals: referralCount, followUps: followUps.length };
}

const keptOf = (db: Db, caseId: string) => db.prepare('SELECT k.* FROM kpi_cases k JOIN case_index c ON c.rowid = k.case_rowid WHERE c.case_id = ?').get(caseId) as Record<string, unknown>;

describe('KPIs from the kept facts', { timeout: 600_000 }, () => {
  it('equal the KPIs derived from the records across demo data, periods, stages, organisations, k, rounding and days', async () => {
    const o = await caseOffice();
    await o.call('demo.generate', { cases: 300, seed: 21 });
    const db = dbOf(o);
    const rows = expectRowsMatchRecords(db);
    expect(rows.referrals).toBeGreaterThan(50);
    expect(rows.followUps).toBeGreaterThan(50);
    const kpis = expectSameKpis(db);
    // The comparison covers figures that are not all hidden or empty.
    expect(kpis.caseload.openCases).toBeGreaterThan(0);
    expect(kpis.identificationToReferral.medianDays).not.toBeNull();
    expect(kpis.referrals.decided).toBeGreaterThan(0);
    expect(kpis.followUps.open).toBeGreaterThan(0);
    expect(kpis.reintegration.some((q) => q.meanScore !== null)).toBe(true);
    // Through the dispatcher too.
    expect(await o.call('reports.kpis', { k: 5 })).toEqual(kpisByDerivation(db, { filters: {}, k: 5, round: false }));
  });

  it('follow referrals and follow-ups written, changed, cancelled and deleted, the case deleted, and an upgrade from schema 7', async () => {
    const o = await caseOffice();
    await o.call('demo.generate', { cases: 40, seed: 3 });
    await o.as('somchai');
    const db = dbOf(o);
    const { caseId } = await o.call('cases.register', { ...AUNG_KYAW_MOE, identification: { ...AUNG_KYAW_MOE.identification, identificationDate: daysFromToday(-20) } });
    expectSameKpis(db);
    const rows0 = expectRowsMatchRecords(db);
    const referral = await o.call('referrals.create', {
      caseId,
      providerId: o.shelterId,
      services: ['shelter'],
      cas_OutgoingReferralDate: daysFromToday(-15),
      consentOverride: { reason: 'Emergency: she has nowhere safe to sleep tonight.' },
    });
    let rows = expectRowsMatchRecords(db);
    expect(rows.referrals).toBe(rows0.referrals + 1);
    let kpis = expectSameKpis(db);
    await o.call('referrals.setStatus', { id: referral.id, status: 'accepted' });
    expect(keptOf(db, caseId)).toMatchObject({ referral_days: 5, referrals_decided: 1, referrals_accepted: 1 });
    expectSameKpis(db);

    const due = await o.call('followups.schedule', { caseId, kind: 'home_visit', dueDate: daysFromToday(-3) });
    const later = await o.call('followups.schedule', { caseId, kind: 'home_visit', dueDate: daysFromToday(30) });
    const overdue = (): number => db.prepare(`SELECT count(*) FROM kpi_followups WHERE visit_date IS NULL AND cancelled = 0 AND due_date < ?`).pluck().get(today()) as number;
    const overdueBefore = overdue();
    expect(expectRowsMatchRecords(db).followUps).toBe(rows.followUps + 2);
    expectSameKpis(db);
    await o.call('followups.record', { id: due.id, visitDate: today(), scores: { economic: 0.5, social: 0.75, psychosocial: 1 } });
    expect(overdue()).toBe(overdueBefore - 1);
    expect(db.prepare('SELECT composite FROM kpi_followups WHERE record_id = ?').pluck().get(due.id)).toBeGreaterThan(0);
    expectSameKpis(db);
    await o.call('followups.cancel', { id: later.id, reason: 'Moved away' });
    expect(db.prepare('SELECT cancelled FROM kpi_followups WHERE record_id = ?').pluck().get(later.id)).toBe(1);
    rows = expectRowsMatchRecords(db);
    expectSameKpis(db);

    // Deleted outside the case services (tombstones: no caseId left): the case is still found and refreshed.
    const u = o.core.session.requireUnlocked();
    u.transaction(() => {
      u.records.remove('followup', due.id);
      u.records.remove('transition', referral.id);
    });
    expect(db.prepare('SELECT count(*) FROM kpi_followups WHERE record_id = ?').pluck().get(due.id)).toBe(1); // not yet caught up
    expect(expectRowsMatchRecords(db)).toEqual({ referrals: rows.referrals - 1, followUps: rows.followUps - 1 });
    expect(keptOf(db, caseId)).toMatchObject({ referral_days: null, referrals_decided: 0, referrals_accepted: 0 });
    kpis = expectSameKpis(db);

    // The case deleted: its rows go with its index row.
    u.transaction(() => u.records.remove('case', caseId));
    syncCaseIndex(db, today());
    expect(db.prepare(`SELECT count(*) FROM kpi_followups f JOIN case_index c ON c.rowid = f.case_rowid WHERE c.case_id = ?`).pluck().get(caseId)).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM kpi_followups WHERE record_id = ?`).pluck().get(later.id)).toBe(0);
    rows = expectRowsMatchRecords(db);
    const settled = expectSameKpis(db);
    expect(settled.caseload).not.toEqual(kpis.caseload);

    // Upgrade: a schema-7 workspace (none of migration 008's tables) gets them filled in by the migration.
    const keptRows = { cases: db.prepare('SELECT * FROM kpi_cases ORDER BY case_rowid').all(), followUps: db.prepare('SELECT * FROM kpi_followups ORDER BY case_rowid, record_id').all() };
    const keptChildren = db.prepare('SELECT * FROM case_children WHERE record_id IN (SELECT id FROM records WHERE deleted = 0) ORDER BY record_id').all();
    expect(keptChildren.length).toBeGreaterThan(rows.referrals + rows.followUps);
    db.exec('DROP TABLE kpi_followups; DROP TABLE kpi_cases; DROP TABLE case_children; PRAGMA user_version = 7');
    o.core.session.lock('user');
    const upgraded = createCore(o.dir, { kdf: TEST_KDF, idleCheckMs: 0, registry: productionRegistry() });
    unwrap(await upgraded.dispatcher.dispatch('session.unlock', { username: 'admin', password: ADMIN_PASSWORD }));
    const db2 = dbOf({ core: upgraded });
    expect(db2.pragma('user_version', { simple: true })).toBe(8);
    expect(db2.prepare('SELECT * FROM kpi_cases ORDER BY case_rowid').all()).toEqual(keptRows.cases);
    expect(db2.prepare('SELECT * FROM kpi_followups ORDER BY case_rowid, record_id').all()).toEqual(keptRows.followUps);
    expect(db2.prepare('SELECT * FROM case_children ORDER BY record_id').all()).toEqual(keptChildren);
    expect(expectSameKpis(db2)).toEqual(settled);
    upgraded.session.lock('user');
  });

  it('follow bundles from another office: the cases, referrals and follow-ups received, then their deletions', async () => {
    const th = await newOffice(OFFICES.TH, productionRegistry());
    const mm = await newOffice(OFFICES.MM, productionRegistry());
    await pair(th, mm);
    await th.call('demo.generate', { cases: 40, seed: 8 });
    const send = () => sendCaseUpdate(th, mm, 'Test of the KPI facts on generated demo cases');
    await send();
    const db = dbOf(mm);
    const received = expectRowsMatchRecords(db);
    expect(received.referrals).toBeGreaterThan(0);
    expect(received.followUps).toBeGreaterThan(0);
    const first = expectSameKpis(db);
    expect(first.caseload.openCases).toBeGreaterThan(0);

    // The owner deletes some follow-ups and referrals; the tombstones travel and the receiving office follows.
    const thDb = dbOf(th);
    const followUps = thDb.prepare(`SELECT id FROM records WHERE type = 'followup' AND deleted = 0 ORDER BY id LIMIT 6`).pluck().all() as string[];
    const referrals = thDb.prepare(`SELECT id FROM records WHERE type = 'transition' AND deleted = 0 AND data ->> '$.kind' = 'referral' ORDER BY id LIMIT 4`).pluck().all() as string[];
    const u = th.core.session.requireUnlocked();
    u.transaction(() => {
      for (const id of followUps) u.records.remove('followup', id);
      for (const id of referrals) u.records.remove('transition', id);
    });
    await send();
    expect(db.prepare(`SELECT count(*) FROM records WHERE deleted = 1 AND id IN (SELECT value FROM json_each(?))`).pluck().get(JSON.stringify([...followUps, ...referrals]))).toBe(10);
    expect(expectRowsMatchRecords(db)).toEqual({ referrals: received.referrals - 4, followUps: received.followUps - 6 });
    const after = expectSameKpis(db);
    expect(storeKpis(db, { filters: {}, k: 3, round: false })).not.toEqual(first);
    expect(after).toEqual(storeKpis(db, { filters: {}, k: 3, round: false }));
  });

  it('scan one narrow table each, no record and no join (EXPLAIN QUERY PLAN)', async () => {
    const o = await caseOffice();
    const db = dbOf(o);
    for (const q of kpiQueries({ from: '2024-01-01', stage: ['assistance'] })) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all({ ...q.params, today: today() }) as { detail: string }[]).map((r) => r.detail).join('\n');
      // One narrow table, no join, no record read: each on its covering index, the grouped ones in group order (no sort).
      expect(plan, q.name).toMatch(/^(SCAN|SEARCH) kpi_(cases|followups)\b/);
      expect(plan, q.name).not.toMatch(/\brecords\b|case_index|TEMP B-TREE/);
      expect(plan, q.name).toMatch(/USING COVERING INDEX kpi_(cases_caseload|cases_referrals|followups_open|followups_visits)\b/);
    }
  });
});
