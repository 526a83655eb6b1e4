import type { CaseView } from '../../shared/contract/cases';
import type { TimelineEntry } from '../../shared/domain/cases';
import { requireCaseAccess } from './access';
import { childrenOf, getRecord } from './caseRecords';
import { consentView } from './consents';
import { deriveCase } from './derive';
import { noteView } from './notesAndTasks';
import type { Operation } from './operation';
import { auditCaseView, readTimeline } from './steps';

/** The whole case file for one person, as the case page shows it; each opening is audited. */
export function getCaseView(o: Operation, caseId: string): CaseView {
  const access = requireCaseAccess(o.u, caseId, o.viewer);
  const c = getRecord(o.db, 'case', caseId);
  const children = childrenOf(o.db, caseId);
  const facts = deriveCase(c, children, o.today);
  const writable = access.stage !== 'closed';
  const byDate = <T>(items: T[], key: (t: T) => string) => [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  auditCaseView(o.u, 'file', [caseId]);
  return {
    case: c,
    derived: {
      displayName: facts.displayName,
      ageNow: facts.ageNow,
      ageAtRegistration: facts.ageAtRegistration,
      ageBand: facts.ageBand,
      child: facts.child,
      scope: facts.scope,
      countries: facts.countries,
      exploitationMonths: facts.exploitationMonths,
      screeningOutcome: facts.screeningOutcome,
      riskLevel: facts.riskLevel,
      reintegrationPlan: facts.reintegrationPlan,
      nextDue: facts.nextDue,
      overdueItems: facts.overdueItems,
      closurePending: facts.closurePending,
      latestComposite: facts.latestComposite,
    },
    permissions: {
      write: writable,
      assign: o.viewer.supervisor,
      approve: o.viewer.supervisor,
      overrideConsent: o.viewer.supervisor,
      reopen: o.viewer.supervisor && !writable,
      readConfidentialNotes: o.viewer.supervisor,
    },
    screenings: byDate(children.screening, (s) => s.screenedOn),
    riskAssessments: byDate(children.risk_assessment, (r) => r.assessedOn),
    consents: byDate(children.consent, (x) => x.takenOn).map((x) => consentView(x, o.today)),
    referrals: children.transition.filter((t) => t.kind === 'referral'),
    handovers: children.transition.filter((t) => t.kind === 'handover'),
    assistance: byDate(children.assistance, (a) => a.startDate),
    returns: children.return_plan,
    reintegrationPlans: byDate(children.reintegration_plan, (p) => p.planDate),
    followups: byDate(children.followup, (f) => f.dueDate),
    notes: byDate(children.case_note, (n) => n.writtenAt).map((n) => noteView(n, o.viewer)),
    tasks: byDate(children.case_task, (t) => t.dueDate),
    attachments: children.attachment,
  };
}

export function caseTimeline(o: Operation, caseId: string): { entries: TimelineEntry[] } {
  requireCaseAccess(o.u, caseId, o.viewer);
  auditCaseView(o.u, 'timeline', [caseId]);
  return { entries: readTimeline(o.db, caseId) };
}
