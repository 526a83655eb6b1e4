import { CounterpartError } from '../../shared/contract/errors';
import type { CaseRow } from '../../shared/contract/cases';
import { advanceTo, checkStageMove, closedStatusFor, statusForStage, type ClosureReason, type Stage } from '../../shared/domain/cases';
import { CASE_STAFF } from '../../shared/contract/cases';
import type { Role } from '../../shared/domain/roles';
import { requireSupervisor } from './access';
import { childrenOf, getRecord } from './caseRecords';
import { caseRowById } from './caseQueries';
import { latestFullScreening } from './derive';
import { onCase, updateRecord, type Operation } from './operation';
import { recordStep } from './steps';

/** Assignment, stage moves, closure with approval, reopening, duplicate resolution. */

const row = (o: Operation, caseId: string): CaseRow => caseRowById(o.db, caseId, true, o.today);

/** The assignee must be an enabled user who works on cases. */
export function requireAssignable(o: Operation, username: string): void {
  const user = o.u.users.find(username);
  if (!user || user.disabled || !(CASE_STAFF as readonly Role[]).includes(user.role)) {
    throw new CounterpartError('VALIDATION', `${username} cannot be given cases: choose an active case worker or case manager.`, { assignee: username });
  }
}

export function assignees(o: Operation): { username: string; displayName: string; role: (typeof CASE_STAFF)[number] }[] {
  return o.u.users
    .list()
    .filter((u) => !u.disabled && (CASE_STAFF as readonly Role[]).includes(u.role))
    .map((u) => ({ username: u.username, displayName: u.displayName, role: u.role as (typeof CASE_STAFF)[number] }));
}

export function assignCase(o: Operation, caseId: string, assignee: string | null): CaseRow {
  requireSupervisor(o.viewer, 'assign cases');
  if (assignee) requireAssignable(o, assignee);
  onCase(o, caseId, () => {
    const before = getRecord(o.db, 'case', caseId).assignee ?? null;
    if (before === assignee) return;
    updateRecord(o, 'case', caseId, { assignee: assignee ?? undefined });
    recordStep(o.u, caseId, 'assigned', { details: { from: before, to: assignee } });
  });
  return row(o, caseId);
}

const screeningOutcome = (o: Operation, caseId: string) => latestFullScreening(childrenOf(o.db, caseId))?.outcome ?? null;

export function setStage(o: Operation, caseId: string, stage: Stage, reason?: string): CaseRow {
  onCase(o, caseId, () => {
    const c = getRecord(o.db, 'case', caseId);
    if (c.stage === stage) return;
    const check = checkStageMove(c.stage, stage, { screeningOutcome: screeningOutcome(o, caseId) });
    if (!check.ok) {
      const why =
        check.reason === 'screening_outcome'
          ? 'Assistance starts after a full screening found a presumed victim or a person at risk.'
          : `A case cannot move from ${c.stage} to ${stage}${stage === 'closed' ? '; ask for closure instead' : ''}.`;
      throw new CounterpartError('INVALID_TRANSITION', why, { from: c.stage, to: stage, reason: check.reason });
    }
    updateRecord(o, 'case', caseId, { stage, cas_Status: statusForStage(stage) });
    recordStep(o.u, caseId, 'stage_changed', { details: { from: c.stage, to: stage, automatic: false, reason: reason ? 'given' : undefined } });
  });
  return row(o, caseId);
}

/**
 * Moves the case forward when a step implies it (a rapid screening starts screening, a return plan
 * starts return...). Never backwards, never past a rule, never on a case another office owns.
 */
export function advanceCase(o: Operation, caseId: string, target: Stage): void {
  const c = getRecord(o.db, 'case', caseId);
  if (c.ownerOrg !== o.u.organisation.code) return;
  const next = advanceTo(c.stage, target, { screeningOutcome: screeningOutcome(o, caseId) });
  if (next === c.stage) return;
  updateRecord(o, 'case', caseId, { stage: next, cas_Status: statusForStage(next) });
  recordStep(o.u, caseId, 'stage_changed', { details: { from: c.stage, to: next, automatic: true } });
}

export function requestClosure(o: Operation, caseId: string, reason: ClosureReason, text: string): CaseRow {
  onCase(o, caseId, () => {
    const c = getRecord(o.db, 'case', caseId);
    if (c.closure?.approval.decision === 'pending') throw new CounterpartError('INVALID_TRANSITION', 'Closure of this case was already asked for and waits for a case manager.');
    updateRecord(o, 'case', caseId, {
      closure: { reason, cas_ReasonForCaseClosure: text, approval: { decision: 'pending', requestedBy: o.viewer.username, requestedAt: o.now } },
    });
    recordStep(o.u, caseId, 'closure_requested', { details: { reason } });
  });
  return row(o, caseId);
}

/** A case manager other than the one who asked decides; approval closes the case. */
export function approveClosure(o: Operation, caseId: string, decision: 'approve' | 'reject', comment?: string): CaseRow {
  requireSupervisor(o.viewer, 'approve the closure of a case');
  onCase(o, caseId, () => {
    const c = getRecord(o.db, 'case', caseId);
    const closure = c.closure;
    if (!closure || closure.approval.decision !== 'pending') throw new CounterpartError('INVALID_TRANSITION', 'No closure of this case waits for approval.');
    if (closure.approval.requestedBy === o.viewer.username) {
      throw new CounterpartError('APPROVAL_REQUIRED', 'Closure needs the approval of another case manager than the person who asked for it.');
    }
    const approval = { ...closure.approval, decision: decision === 'approve' ? ('approved' as const) : ('rejected' as const), decidedBy: o.viewer.username, decidedAt: o.now, comment };
    if (decision === 'approve') {
      updateRecord(o, 'case', caseId, { closure: { ...closure, approval }, stage: 'closed', stageBeforeClosure: c.stage, cas_Status: closedStatusFor(closure.reason) });
    } else {
      updateRecord(o, 'case', caseId, { closure: { ...closure, approval } });
    }
    recordStep(o.u, caseId, 'closure_decided', { details: { decision: approval.decision, reason: closure.reason } });
  });
  return row(o, caseId);
}

export function reopenCase(o: Operation, caseId: string, reason: string): CaseRow {
  requireSupervisor(o.viewer, 'reopen a case');
  onCase(
    o,
    caseId,
    () => {
      const c = getRecord(o.db, 'case', caseId);
      if (c.stage !== 'closed') throw new CounterpartError('INVALID_TRANSITION', 'This case is not closed.');
      const back = c.stageBeforeClosure ?? 'assistance';
      updateRecord(o, 'case', caseId, { stage: back, stageBeforeClosure: undefined, closure: undefined, cas_Status: statusForStage(back) });
      recordStep(o.u, caseId, 'reopened', { details: { to: back, reasonLength: reason.length } });
      o.u.records.create('case_note', { caseId, cco_CaseComment: `Case reopened: ${reason}`, confidential: false, authoredBy: o.viewer.username, writtenAt: o.now });
    },
    { closedOk: true },
  );
  return row(o, caseId);
}

export function resolveDuplicate(o: Operation, caseId: string, otherCaseId: string, resolution: 'not_duplicate' | 'duplicate'): CaseRow {
  requireSupervisor(o.viewer, 'resolve possible duplicates');
  onCase(
    o,
    caseId,
    () => {
      const c = getRecord(o.db, 'case', caseId);
      if (!c.possibleDuplicates.some((d) => d.caseId === otherCaseId)) throw new CounterpartError('NOT_FOUND', 'That case is not listed as a possible duplicate of this one.');
      const next = c.possibleDuplicates.map((d) => (d.caseId === otherCaseId ? { ...d, resolution, resolvedBy: o.viewer.username } : d));
      updateRecord(o, 'case', caseId, { possibleDuplicates: next });
      recordStep(o.u, caseId, 'duplicate_resolved', { details: { otherCaseId, resolution } });
    },
    { closedOk: true },
  );
  return row(o, caseId);
}
