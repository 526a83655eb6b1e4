import { isoDay } from '../../shared/domain/cases';
import type { Unlocked } from '../identity/session';
import type { Db } from '../store/database';
import { requireCaseAccess, requireOpenCase, viewerOf, type CaseAccessRow, type Viewer } from './access';
import { markIndexed, refreshCase, syncCaseIndex } from './caseIndex';
import { getRecord, type StoredRecord } from './caseRecords';
import type { CaseRecordType, RecordData } from './recordTypes';

/**
 * One call into case management: who is acting, on which database, and what day it is. `onCase`
 * is the shape of every change to a case: per-case access check (outside the transaction, so a denial
 * stays audited), then the change, the index refresh and the audit step in one transaction.
 */
export type Operation = { u: Unlocked; db: Db; viewer: Viewer; today: string; now: string };

export function operation(u: Unlocked): Operation {
  const now = new Date();
  const today = isoDay(now);
  syncCaseIndex(u.workspace.db, today);
  return { u, db: u.workspace.db, viewer: viewerOf(u), today, now: now.toISOString() };
}

export function onCase<T>(o: Operation, caseId: string, change: (row: CaseAccessRow) => T, opts: { closedOk?: boolean } = {}): T {
  const row = requireCaseAccess(o.u, caseId, o.viewer);
  if (!opts.closedOk) requireOpenCase(row);
  return o.u.transaction(() => {
    const out = change(row);
    refreshCase(o.db, caseId, o.today);
    markIndexed(o.db);
    return out;
  });
}

/** Creates a child record through the write path and returns it as stored. */
export function createRecord<T extends CaseRecordType>(o: Operation, type: T, data: RecordData<T>): StoredRecord<RecordData<T>> {
  const env = o.u.records.create(type, data);
  return getRecord(o.db, type, env.id);
}

export function updateRecord<T extends CaseRecordType>(o: Operation, type: T, id: string, patch: Partial<RecordData<T>>): StoredRecord<RecordData<T>> {
  o.u.records.update(type, id, patch as Record<string, unknown>);
  return getRecord(o.db, type, id);
}

/**
 * Writes a whole new version of a record (a form that sends every field): the fields the new version
 * leaves out are removed, where `updateRecord` (a patch) would keep them from the version before.
 */
export function replaceRecord<T extends CaseRecordType>(o: Operation, type: T, id: string, data: RecordData<T>): StoredRecord<RecordData<T>> {
  const before = o.u.records.get(type, id)?.data ?? {};
  const left = Object.fromEntries(Object.keys(before).filter((k) => !(k in data)).map((k) => [k, undefined]));
  return updateRecord(o, type, id, { ...left, ...data } as Partial<RecordData<T>>);
}
