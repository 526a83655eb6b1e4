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

/** The case a child record belongs to. */
export function caseIdOf(db: Db, type: CaseChildType, id: string): string {
  return getRecord(db, type, id).caseId;
}
