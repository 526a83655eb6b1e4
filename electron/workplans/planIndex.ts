import { cached, type Db } from '../store/database';
import { NPA_RECORD_TYPES, NPA_TYPES, type NpaData, type NpaRecordType } from './recordTypes';

/**
 * npa_index (migration 004): one row per live NPA record with what lookups need (plan, parent, code,
 * agency, period). It follows the change log, so records written by any path — these services, a
 * bundle import, a conflict resolution — are indexed: services call `syncNpaIndex` inside their write
 * transaction, reads call it before they look.
 */

type RecordRow = { id: string; type: string; owner_org: string; deleted: number; data: string; updated_at: string; updated_by: string };

export type Stored<T> = T & { id: string; ownerOrg: string; updatedAt: string; updatedBy: string };

const isNpaType = (type: string): type is NpaRecordType => Object.prototype.hasOwnProperty.call(NPA_RECORD_TYPES, type);

/** What the index keeps of one record. */
function indexRow(type: NpaRecordType, id: string, data: Record<string, unknown>): { planId: string; parentId: string | null; code: string | null; agency: string | null; period: string | null } | null {
  const s = (key: string): string | null => (typeof data[key] === 'string' ? (data[key] as string) : null);
  const planId = type === 'npa_plan' ? id : s('planId');
  if (!planId) return null;
  switch (type) {
    case 'npa_plan':
      return { planId, parentId: null, code: null, agency: null, period: null };
    case 'npa_pillar':
      return { planId, parentId: planId, code: s('code'), agency: null, period: null };
    case 'npa_outcome':
      return { planId, parentId: s('pillarId'), code: s('code'), agency: null, period: null };
    case 'npa_output':
      return { planId, parentId: s('outcomeId'), code: s('code'), agency: null, period: null };
    case 'npa_activity':
      return { planId, parentId: s('outputId'), code: s('code'), agency: s('leadAgency'), period: typeof data.workplanYear === 'number' ? String(data.workplanYear) : null };
    case 'npa_indicator':
      return { planId, parentId: s('resultId'), code: s('code'), agency: s('responsibleAgency'), period: null };
    case 'npa_workplan':
      return { planId, parentId: planId, code: null, agency: null, period: typeof data.year === 'number' ? String(data.year) : null };
    case 'npa_progress':
      return { planId, parentId: planId, code: null, agency: s('agency'), period: s('period') };
    case 'npa_review':
      return { planId, parentId: s('progressId'), code: null, agency: s('agency'), period: s('period') };
  }
}

/** Rebuilds the index row of one record (removes it when the record is gone or deleted). */
export function refreshNpaRecord(db: Db, id: string): void {
  const row = cached(db, 'SELECT id, type, owner_org, deleted, data, updated_at, updated_by FROM records WHERE id = @id').get({ id }) as RecordRow | undefined;
  const entry = row && row.deleted === 0 && isNpaType(row.type) ? indexRow(row.type, row.id, JSON.parse(row.data) as Record<string, unknown>) : null;
  if (!row || !entry) {
    cached(db, 'DELETE FROM npa_index WHERE record_id = @id').run({ id });
    return;
  }
  cached(
    db,
    `INSERT INTO npa_index (record_id, type, plan_id, parent_id, code, agency, period, owner_org)
     VALUES (@id, @type, @planId, @parentId, @code, @agency, @period, @ownerOrg)
     ON CONFLICT (record_id) DO UPDATE SET type = excluded.type, plan_id = excluded.plan_id, parent_id = excluded.parent_id,
       code = excluded.code, agency = excluded.agency, period = excluded.period, owner_org = excluded.owner_org`,
  ).run({ id, type: row.type, ownerOrg: row.owner_org, ...entry });
}

/** Brings npa_index up to the change log. Call inside a transaction. */
export function syncNpaIndex(db: Db): void {
  const from = cached(db, 'SELECT change_log_seq FROM npa_index_state WHERE id = 1').pluck().get() as number;
  const to = (cached(db, 'SELECT coalesce(max(seq), 0) FROM change_log').pluck().get() as number) ?? 0;
  if (to <= from) return;
  const ids = cached(db, `SELECT DISTINCT record_id FROM change_log WHERE seq > @from AND seq <= @to AND record_type LIKE 'npa\\_%' ESCAPE '\\'`)
    .pluck()
    .all({ from, to }) as string[];
  for (const id of ids) refreshNpaRecord(db, id);
  cached(db, 'UPDATE npa_index_state SET change_log_seq = @to WHERE id = 1').run({ to });
}

function parse<T extends NpaRecordType>(type: T, row: RecordRow): Stored<NpaData<T>> | null {
  const parsed = NPA_RECORD_TYPES[type].safeParse(JSON.parse(row.data));
  if (!parsed.success) {
    // A record from a newer Counterpart, or damaged: it is left out of views and said so in the log.
    console.warn(`[counterpart] ${type} ${row.id} does not fit this version's schema and is not shown.`);
    return null;
  }
  return { ...(parsed.data as NpaData<T>), id: row.id, ownerOrg: row.owner_org, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

const present = <T>(v: T | null): v is T => v !== null;

/** One live NPA record of a type, or null. */
export function findNpa<T extends NpaRecordType>(db: Db, type: T, id: string): Stored<NpaData<T>> | null {
  const row = cached(db, 'SELECT id, type, owner_org, deleted, data, updated_at, updated_by FROM records WHERE id = @id').get({ id }) as RecordRow | undefined;
  if (!row || row.deleted !== 0 || row.type !== type) return null;
  return parse(type, row);
}

/** Every live record of a type in a plan, optionally of one agency and/or period. */
export function listNpa<T extends NpaRecordType>(db: Db, type: T, planId: string, filter: { agency?: string; period?: string; parentId?: string } = {}): Stored<NpaData<T>>[] {
  const rows = cached(
    db,
    `SELECT r.id, r.type, r.owner_org, r.deleted, r.data, r.updated_at, r.updated_by
       FROM npa_index i JOIN records r ON r.id = i.record_id
      WHERE i.plan_id = @planId AND i.type = @type
        AND (@agency IS NULL OR i.agency = @agency)
        AND (@period IS NULL OR i.period = @period)
        AND (@parentId IS NULL OR i.parent_id = @parentId)
      ORDER BY i.code, r.id`,
  ).all({ planId, type, agency: filter.agency ?? null, period: filter.period ?? null, parentId: filter.parentId ?? null }) as RecordRow[];
  return rows.map((r) => parse(type, r)).filter(present);
}

/** Live plans. */
export function listPlans(db: Db): Stored<NpaData<'npa_plan'>>[] {
  const rows = cached(
    db,
    `SELECT r.id, r.type, r.owner_org, r.deleted, r.data, r.updated_at, r.updated_by
       FROM npa_index i JOIN records r ON r.id = i.record_id WHERE i.type = 'npa_plan' ORDER BY r.id`,
  ).all() as RecordRow[];
  return rows.map((r) => parse('npa_plan', r)).filter(present);
}

/** Ids of live records of a type whose parent is the given record. */
export const childIds = (db: Db, parentId: string, type: NpaRecordType): string[] =>
  cached(db, 'SELECT record_id FROM npa_index WHERE parent_id = @parentId AND type = @type').pluck().all({ parentId, type }) as string[];

/** How many live records a plan holds besides the plan itself. */
export const planRecordCount = (db: Db, planId: string): number =>
  cached(db, `SELECT count(*) FROM npa_index WHERE plan_id = @planId AND type != 'npa_plan'`).pluck().get({ planId }) as number;

export { NPA_TYPES };
