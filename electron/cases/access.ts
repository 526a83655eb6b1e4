import { CounterpartError } from '../../shared/contract/errors';
import { CASE_STAFF, SUPERVISORS } from '../../shared/contract/cases';
import type { Role } from '../../shared/domain/roles';
import type { Unlocked } from '../identity/session';
import { cached, type Db } from '../store/database';
import { readCaseSettings } from './settings';
import { findRecord } from './caseRecords';
import { refreshCase } from './caseIndex';

/**
 * Who may see and change which case (docs/cases.md §Permissions). The dispatcher has already checked
 * the role may call the method; these are the per-case checks, always made in the core.
 *
 *  - admin and case_manager: every case, with names; they also approve, assign, reopen, override consent;
 *  - case_worker: the cases assigned to them (or every case when `caseWorkerScope` is 'organisation');
 *  - me_officer, exchange_officer: lists without names, contacts or exact age; never a case file;
 *  - viewer: aggregates only.
 */

export type Viewer = {
  username: string;
  role: Role;
  /** May see names and contacts (and open case files). */
  seesNames: boolean;
  supervisor: boolean;
  /** Sees only the cases assigned to them. */
  onlyAssigned: boolean;
};

const isStaff = (role: Role): boolean => (CASE_STAFF as readonly Role[]).includes(role);
export const isSupervisor = (role: Role): boolean => (SUPERVISORS as readonly Role[]).includes(role);

export function viewerOf(u: Unlocked): Viewer {
  const role = u.user.role;
  return {
    username: u.user.username,
    role,
    seesNames: isStaff(role),
    supervisor: isSupervisor(role),
    onlyAssigned: role === 'case_worker' && readCaseSettings(u.workspace.db).caseWorkerScope === 'assigned',
  };
}

export type CaseAccessRow = { case_id: string; assignee: string | null; stage: string; owner_org: string };

function indexRow(db: Db, caseId: string): CaseAccessRow | undefined {
  return cached(db, 'SELECT case_id, assignee, stage, owner_org FROM case_index WHERE case_id = @caseId').get({ caseId }) as CaseAccessRow | undefined;
}

export const mayOpen = (viewer: Viewer, row: { assignee: string | null }): boolean => viewer.seesNames && (!viewer.onlyAssigned || row.assignee === viewer.username);

/**
 * The case, if this user may open it; FORBIDDEN (and a `denied` audit entry naming the case) if not.
 * Call outside the write transaction, so the denial stays in the log.
 */
export function requireCaseAccess(u: Unlocked, caseId: string, viewer: Viewer = viewerOf(u)): CaseAccessRow {
  const db = u.workspace.db;
  let row = indexRow(db, caseId);
  if (!row && findRecord(db, 'case', caseId)) {
    // A case that arrived by bundle before its index row was built.
    u.transaction(() => refreshCase(db, caseId));
    row = indexRow(db, caseId);
  }
  if (!row) throw new CounterpartError('NOT_FOUND', 'There is no such case.', { caseId });
  if (!mayOpen(viewer, row)) {
    u.audit.append({ actor: u.actor, action: 'case.access', recordType: 'case', recordId: caseId, outcome: 'denied', details: { reason: viewer.seesNames ? 'not_assigned' : 'role' } });
    throw new CounterpartError(
      'FORBIDDEN',
      viewer.seesNames ? 'This case is not assigned to you. Ask a case manager to assign it to you if you need to work on it.' : 'Your role does not open case files; it sees lists without names and statistics.',
      { caseId },
    );
  }
  return row;
}

/** Changes to a closed case wait for it to be reopened (notes excepted). */
export function requireOpenCase(row: CaseAccessRow): void {
  if (row.stage === 'closed') throw new CounterpartError('INVALID_TRANSITION', 'This case is closed. Ask a case manager to reopen it before changing it.', { caseId: row.case_id });
}

export function requireSupervisor(viewer: Viewer, what: string): void {
  if (!viewer.supervisor) throw new CounterpartError('FORBIDDEN', `Only a case manager can ${what}.`);
}
