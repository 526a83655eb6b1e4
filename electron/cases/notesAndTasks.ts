import type { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import type { casesContract, DueItem, NoteView } from '../../shared/contract/cases';
import { followUpOpen, type CaseNote, type CaseTask } from '../../shared/domain/cases';
import { cached } from '../store/database';
import { casesWithChildren, getRecord, type StoredRecord } from './caseRecords';
import { NO_DUE } from './caseIndex';
import { deriveCase } from './derive';
import { requireAssignable } from './lifecycle';
import { createRecord, onCase, updateRecord, type Operation } from './operation';
import { auditCaseView, recordStep } from './steps';
import type { Viewer } from './access';

/** Append-only notes (with the confidential flag) and tasks with due dates. */

type Input<M extends keyof typeof casesContract> = z.output<(typeof casesContract)[M]['input']>;

/** Confidential notes are read by their author and by case managers; others see that one exists. */
export function noteView(n: StoredRecord<CaseNote>, viewer: Viewer): NoteView {
  const withheld = n.confidential && !viewer.supervisor && n.authoredBy !== viewer.username;
  return {
    id: n.id,
    ownerOrg: n.ownerOrg,
    updatedAt: n.updatedAt,
    updatedBy: n.updatedBy,
    caseId: n.caseId,
    cco_CaseComment: withheld ? null : n.cco_CaseComment,
    confidential: n.confidential,
    withheld,
    authoredBy: n.authoredBy,
    writtenAt: n.writtenAt,
  };
}

/** Notes may be added to closed cases too (a late call, a document that arrives after closure). */
export function addNote(o: Operation, input: Input<'notes.add'>): NoteView {
  return onCase(
    o,
    input.caseId,
    () => {
      const n = createRecord(o, 'case_note', { ...input, authoredBy: o.viewer.username, writtenAt: o.now });
      recordStep(o.u, input.caseId, 'note_added', { recordType: 'case_note', recordId: n.id, details: { confidential: input.confidential } });
      return noteView(n, o.viewer);
    },
    { closedOk: true },
  );
}

export function addTask(o: Operation, input: Input<'tasks.add'>): StoredRecord<CaseTask> {
  if (input.assignee) requireAssignable(o, input.assignee);
  return onCase(o, input.caseId, () => {
    const t = createRecord(o, 'case_task', { ...input, createdBy: o.viewer.username });
    recordStep(o.u, input.caseId, 'task_added', { recordType: 'case_task', recordId: t.id, details: { dueDate: input.dueDate, assignee: input.assignee ?? null } });
    return t;
  });
}

export function completeTask(o: Operation, id: string, doneOn?: string): StoredRecord<CaseTask> {
  const task = getRecord(o.db, 'case_task', id);
  return onCase(o, task.caseId, () => {
    if (task.doneOn) throw new CounterpartError('INVALID_TRANSITION', 'This task is already done.');
    const t = updateRecord(o, 'case_task', id, { doneOn: doneOn ?? o.today, doneBy: o.viewer.username });
    recordStep(o.u, task.caseId, 'task_done', { recordType: 'case_task', recordId: id, occurredAt: t.doneOn });
    return t;
  });
}

/**
 * What is due, soonest first: open tasks, follow-up visits, and reintegration plans due after a
 * return — for my cases (or every case I may open). Uses the index's next due date to find cases.
 */
export function dueItems(o: Operation, input: Input<'tasks.due'>): DueItem[] {
  const mine = input.mine || o.viewer.onlyAssigned;
  const cases = cached(
    o.db,
    `SELECT case_id, case_number, assignee FROM case_index
      WHERE next_due < @until AND (@me IS NULL OR assignee = @me) ORDER BY next_due LIMIT @limit`,
  ).all({ until: input.overdueOnly ? o.today : NO_DUE, me: mine ? o.viewer.username : null, limit: input.limit }) as { case_id: string; case_number: string; assignee: string | null }[];
  const items: DueItem[] = [];
  // The listed cases and their children in one read, not two per case.
  const found = casesWithChildren(o.db, cases.map((c) => c.case_id));
  for (const c of cases) {
    const listed = found.get(c.case_id);
    if (!listed) continue;
    const { record, children } = listed;
    const push = (kind: DueItem['kind'], recordId: string | null, title: string | null, dueDate: string, assignee: string | null) => {
      if (!input.overdueOnly || dueDate < o.today) items.push({ caseId: c.case_id, caseNumber: c.case_number, kind, recordId, title, dueDate, assignee, overdue: dueDate < o.today });
    };
    for (const t of children.case_task) if (!t.doneOn) push('task', t.id, t.title, t.dueDate, t.assignee ?? c.assignee);
    for (const f of children.followup) if (followUpOpen(f)) push('followup', f.id, null, f.dueDate, c.assignee);
    const plan = deriveCase(record, children, o.today).reintegrationPlan;
    if (plan.dueOn && children.reintegration_plan.length === 0) push('reintegration_plan', null, null, plan.dueOn, c.assignee);
  }
  const shown = [...new Set(items.filter((i) => i.title !== null).map((i) => i.caseId))];
  if (shown.length > 0) auditCaseView(o.u, 'list', shown, { list: 'due' });
  return items.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0)).slice(0, input.limit);
}
