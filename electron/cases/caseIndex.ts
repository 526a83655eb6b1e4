import { isoDay, riskRank, searchKey, type CaseRecord } from '../../shared/domain/cases';
import { cached, type Db } from '../store/database';
import { childrenOf, findRecord, type CaseChildren, type StoredRecord } from './caseRecords';
import { CASE_CHILD_TYPES } from './recordTypes';
import { deriveCase } from './derive';
import { writeKpiFacts, writeReportFacts } from '../reports/factsStore';

/**
 * The side tables of migration 003 (case_index, case_citizenship, case_exploitation, case_search),
 * rebuilt for one case from its records. Every service write calls `refreshCase` inside its own
 * transaction; the exchange import calls it for each case whose records a bundle changed.
 */

export const NO_DUE = '9999-12-31';

const keysOf = (values: (string | undefined)[]): string => [...new Set(values.filter((v): v is string => !!v).map(searchKey).filter((k) => k.length > 0))].join(' ');

/** The normalised keys the full-text index holds for a case (shared/domain/cases/searchText.ts). */
export function searchKeysOf(c: CaseRecord): { names: string; identifiers: string } {
  return {
    names: keysOf([[c.prs_FirstName, c.prs_MiddleName, c.prs_SecondName].filter(Boolean).join(''), c.prs_SecondName ? `${c.prs_SecondName}${c.prs_FirstName}` : undefined, ...c.aliases]),
    identifiers: keysOf([c.caseNumber, c.prs_MobilePhone, c.prs_HomePhone, c.prs_IdentityNumber]),
  };
}

/**
 * The live records of a case as its writer holds them right after writing them (the demo generator):
 * the index is built from these instead of reading them back. They must be exactly what `records`
 * holds (the validated data of each write).
 */
export type KnownCase = { case: StoredRecord<CaseRecord>; children: CaseChildren };

/** Rebuilds the index rows of one case (or removes them when the case is gone). Call inside a transaction. */
export function refreshCase(db: Db, caseId: string, today: string = isoDay(new Date()), known?: KnownCase): void {
  const c = known ? known.case : findRecord(db, 'case', caseId);
  const existing = cached(db, 'SELECT rowid FROM case_index WHERE case_id = ?').pluck().get(caseId) as number | undefined;
  if (!c) {
    if (existing !== undefined) {
      cached(db, 'DELETE FROM case_search WHERE rowid = @rowid').run({ rowid: existing });
      cached(db, 'DELETE FROM case_index WHERE rowid = @rowid').run({ rowid: existing });
    }
    return;
  }
  writeIndex(db, c, known ? known.children : childrenOf(db, c.id), today, existing === undefined);
}

const localOrg = (db: Db): string => cached(db, 'SELECT code FROM organisation WHERE id = 1').pluck().get() as string;

/** `fresh`: the case has no index rows yet, so there are no side-table or search rows to remove first. */
function writeIndex(db: Db, c: StoredRecord<CaseRecord>, children: CaseChildren, today: string, fresh: boolean): void {
  const facts = deriveCase(c, children, today);
  // Assignment means something only at the office that owns the case (user names are per office).
  const assignee = c.ownerOrg === localOrg(db) ? (c.assignee ?? null) : null;
  const lastChange = [c.updatedAt, ...Object.values(children).flatMap((list) => list.map((r) => r.updatedAt))].sort().at(-1)!;
  // Positional parameters throughout: binding named ones looks every name up on the object (µs per statement, many statements per case).
  const rowid = cached(
    db,
    `INSERT INTO case_index (case_id, case_number, owner_org, display_name, stage, status, assignee, risk_level, risk_rank, screening,
        gender, age, citizenships, exploitation, scope, registered_at, identified_on, updated_at, next_due, closure_pending, duplicate_open, demo)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (case_id) DO UPDATE SET case_number = excluded.case_number, owner_org = excluded.owner_org, display_name = excluded.display_name,
        stage = excluded.stage, status = excluded.status, assignee = excluded.assignee, risk_level = excluded.risk_level, risk_rank = excluded.risk_rank,
        screening = excluded.screening, gender = excluded.gender, age = excluded.age, citizenships = excluded.citizenships,
        exploitation = excluded.exploitation, scope = excluded.scope, registered_at = excluded.registered_at, identified_on = excluded.identified_on,
        updated_at = excluded.updated_at, next_due = excluded.next_due, closure_pending = excluded.closure_pending,
        duplicate_open = excluded.duplicate_open, demo = excluded.demo
     RETURNING rowid`,
  )
    .pluck()
    .get(
      c.id,
      c.caseNumber,
      c.ownerOrg,
      facts.displayName,
      c.stage,
      c.cas_Status,
      assignee,
      facts.riskLevel,
      riskRank(facts.riskLevel),
      facts.screeningOutcome,
      c.prs_Gender,
      facts.ageAtRegistration,
      JSON.stringify(c.prs_Citizenship),
      JSON.stringify(facts.exploitation),
      facts.scope,
      c.registeredAt,
      c.identificationDate,
      lastChange,
      facts.nextDue ?? NO_DUE,
      facts.closurePending ? 1 : 0,
      facts.possibleDuplicate ? 1 : 0,
      c.demo ? 1 : 0,
    ) as number;
  if (!fresh) cached(db, 'DELETE FROM case_citizenship WHERE case_rowid = ?').run(rowid);
  for (const country of new Set(c.prs_Citizenship)) cached(db, 'INSERT INTO case_citizenship (case_rowid, country) VALUES (?, ?)').run(rowid, country);
  if (!fresh) cached(db, 'DELETE FROM case_exploitation WHERE case_rowid = ?').run(rowid);
  for (const type of new Set(facts.exploitation)) cached(db, 'INSERT INTO case_exploitation (case_rowid, type) VALUES (?, ?)').run(rowid, type);
  if (!fresh) cached(db, 'DELETE FROM case_search WHERE rowid = ?').run(rowid);
  const keys = searchKeysOf(c);
  cached(db, 'INSERT INTO case_search (rowid, names, identifiers) VALUES (?, ?, ?)').run(rowid, keys.names, keys.identifiers);
  writeReportFacts(db, rowid, c, children, facts, fresh);
  writeKpiFacts(db, rowid, { registeredAt: c.registeredAt, stage: c.stage, ownerOrg: c.ownerOrg, assignee, identifiedOn: c.identificationDate }, children, fresh);
  mapChildren(db, c.id, children);
}

/**
 * Keeps `case_children` (migration 008): which case each child record the case was indexed with
 * belongs to, so that `syncCaseIndex` finds the case of a child deleted later (a tombstone keeps no
 * `caseId`). Rows already right are left alone.
 */
function mapChildren(db: Db, caseId: string, children: CaseChildren): void {
  const ids = Object.values(children).flatMap((list) => list.map((r) => r.id));
  if (ids.length === 0) return;
  cached(
    db,
    `INSERT INTO case_children (record_id, case_id) SELECT value, ? FROM json_each(?) WHERE true
     ON CONFLICT (record_id) DO UPDATE SET case_id = excluded.case_id WHERE case_id <> excluded.case_id`,
  ).run(caseId, JSON.stringify(ids));
}

const INDEXED_TYPES = JSON.stringify(['case', ...CASE_CHILD_TYPES]);

/**
 * Catches the index up with writes that did not come through the case services (records merged
 * from a bundle, a restored backup, a record removed through the write path): every case-family record
 * in the change log after the index's watermark gets its case refreshed. A child's case is the
 * `caseId` it holds now and the case it was last indexed with (`case_children`): a deleted child (a
 * tombstone, which keeps no data) is found through the latter, a child moved to another case
 * refreshes both. Cheap when there is nothing new (one indexed lookup).
 */
export function syncCaseIndex(db: Db, today: string = isoDay(new Date())): number {
  const from = cached(db, 'SELECT change_seq FROM case_index_state WHERE id = 1').pluck().get() as number;
  const changes = cached(
    db,
    `SELECT c.seq, c.record_type, c.record_id, json_extract(r.data, '$.caseId') AS case_id, m.case_id AS indexed_with FROM change_log c
       LEFT JOIN records r ON r.id = c.record_id
       LEFT JOIN case_children m ON m.record_id = c.record_id
      WHERE c.seq > @from AND c.record_type IN (SELECT value FROM json_each(@types)) ORDER BY c.seq`,
  ).all({ from, types: INDEXED_TYPES }) as { seq: number; record_type: string; record_id: string; case_id: string | null; indexed_with: string | null }[];
  if (changes.length === 0) return 0;
  const cases = new Set(changes.flatMap((c) => (c.record_type === 'case' ? [c.record_id] : [c.case_id, c.indexed_with])).filter((id): id is string => !!id));
  db.transaction(() => {
    for (const id of cases) refreshCase(db, id, today);
    markIndexed(db);
  })();
  return cases.size;
}

/** After the case services refreshed the cases they changed: the index is up to date with the change log. */
export function markIndexed(db: Db): void {
  cached(db, 'UPDATE case_index_state SET change_seq = (SELECT coalesce(max(seq), 0) FROM change_log) WHERE id = 1').run();
}

/** Rebuilds the whole index from the records (after a restore from an old backup, or by hand). */
export function rebuildCaseIndex(db: Db, onProgress?: (done: number, total: number) => void): number {
  const ids = db.prepare(`SELECT id FROM records WHERE type = 'case' AND deleted = 0`).pluck().all() as string[];
  const today = isoDay(new Date());
  db.transaction(() => {
    db.prepare('DELETE FROM case_search').run();
    db.prepare('DELETE FROM case_index').run();
    ids.forEach((id, i) => {
      refreshCase(db, id, today);
      if (i % 1000 === 0) onProgress?.(i, ids.length);
    });
    markIndexed(db);
  })();
  return ids.length;
}
