import { CounterpartError } from '../../shared/contract/errors';
import { cached, type Db } from '../store/database';
import { CASE_CHILD_TYPES, type CaseChildType, type CaseRecordType, type RecordData } from './recordTypes';

/**
 * Reads of case records straight from `records` (writes go through the write path, `Records`).
 * Stored data was validated when written, so it is typed here without parsing again.
 */

export type StoredRecord<T> = T & { id: string; ownerOrg: string; updatedAt: string; updatedBy: string };

type Row = { id: string; type: string; owner_org: string; updated_at: string; updated_by: string; deleted: number; data: string };

/**
 * A case that came from another office may lack the fields a bundle's profile left out; the lists
 * those fields default to are filled in, so every reader sees a complete shape.
 */
const CASE_DEFAULTS = { aliases: [], prs_Citizenship: [], otherLanguages: [], trustedContacts: [], possibleDuplicates: [], stateless: false, demo: false };

const toStored = <T>(row: Row): StoredRecord<T> => ({
  ...(row.type === 'case' ? CASE_DEFAULTS : {}),
  ...(JSON.parse(row.data) as T),
  id: row.id,
  ownerOrg: row.owner_org,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});

/** A live record of the given type, or null. */
export function findRecord<T extends CaseRecordType>(db: Db, type: T, id: string): StoredRecord<RecordData<T>> | null {
  const row = cached(db, 'SELECT id, type, owner_org, updated_at, updated_by, deleted, data FROM records WHERE id = @id').get({ id }) as Row | undefined;
  return row && row.type === type && row.deleted === 0 ? toStored<RecordData<T>>(row) : null;
}

const WHAT: Record<CaseRecordType, string> = {
  case: 'case',
  screening: 'screening',
  risk_assessment: 'risk assessment',
  consent: 'consent',
  transition: 'referral or handover',
  assistance: 'assistance entry',
  return_plan: 'return plan',
  reintegration_plan: 'reintegration plan',
  followup: 'follow-up',
  case_note: 'note',
  case_task: 'task',
  attachment: 'attachment',
  service_provider: 'service provider',
};

export function getRecord<T extends CaseRecordType>(db: Db, type: T, id: string): StoredRecord<RecordData<T>> {
  const found = findRecord(db, type, id);
  if (!found) throw new CounterpartError('NOT_FOUND', `There is no ${WHAT[type]} with id ${id}.`, { type, id });
  return found;
}

export type CaseChildren = { [T in CaseChildType]: StoredRecord<RecordData<T>>[] };

/** Every live child record of a case, by type, oldest first. */
export function childrenOf(db: Db, caseId: string): CaseChildren {
  const out = Object.fromEntries(CASE_CHILD_TYPES.map((t) => [t, []])) as unknown as Record<CaseChildType, unknown[]>;
  const rows = cached(
    db,
    `SELECT id, type, owner_org, updated_at, updated_by, deleted, data FROM records
      WHERE json_extract(data, '$.caseId') = @caseId AND deleted = 0 ORDER BY id`,
  ).all({ caseId }) as Row[];
  for (const row of rows) {
    const list = out[row.type as CaseChildType];
    if (list) list.push(toStored(row));
  }
  return out as CaseChildren;
}

/**
 * Several cases with their live children, read in one statement (lists that show many cases at once,
 * such as the due list): the cases by id, the children through `records_by_case`. Cases that are gone
 * are left out. (The unary + keeps SQLite off the (type, deleted) index, which would read every case.)
 */
export function casesWithChildren(db: Db, caseIds: readonly string[]): Map<string, { record: StoredRecord<RecordData<'case'>>; children: CaseChildren }> {
  const out = new Map<string, { record: StoredRecord<RecordData<'case'>>; children: CaseChildren }>();
  if (caseIds.length === 0) return out;
  const rows = cached(
    db,
    `SELECT id, type, owner_org, updated_at, updated_by, deleted, data, id AS case_id FROM records
      WHERE id IN (SELECT value FROM json_each(@ids)) AND +type = 'case' AND +deleted = 0
     UNION ALL
     SELECT id, type, owner_org, updated_at, updated_by, deleted, data, json_extract(data, '$.caseId') AS case_id FROM records
      WHERE json_extract(data, '$.caseId') IN (SELECT value FROM json_each(@ids)) AND json_extract(data, '$.caseId') IS NOT NULL AND deleted = 0`,
  ).all({ ids: JSON.stringify(caseIds) }) as (Row & { case_id: string })[];
  const kids = new Map<string, Record<CaseChildType, unknown[]>>();
  for (const row of rows) {
    if (row.type === 'case') {
      const children = Object.fromEntries(CASE_CHILD_TYPES.map((t) => [t, []])) as unknown as Record<CaseChildType, unknown[]>;
      kids.set(row.id, children);
      out.set(row.id, { record: toStored<RecordData<'case'>>(row), children: children as CaseChildren });
    }
  }
  // Oldest first, as childrenOf gives them (UUIDv7 ids sort by time); sorted here rather than by SQL, which would sort the whole read.
  const children = rows.filter((row) => row.type !== 'case').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const row of children) kids.get(row.case_id)?.[row.type as CaseChildType]?.push(toStored(row));
  return out;
}

/** The case a child record belongs to. */
export function caseIdOf(db: Db, type: CaseChildType, id: string): string {
  return getRecord(db, type, id).caseId;
}
