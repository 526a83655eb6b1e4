import {
  ageBand,
  ageOn,
  displayName,
  eventCountries,
  exploitationMonths,
  followUpOpen,
  isChild,
  reintegrationPlanDue,
  traffickingScope,
  type AgeBand,
  type CaseRecord,
  type ExploitationType,
  type FullScreening,
  type RiskLevel,
  type ScreeningOutcome,
  type TraffickingScope,
} from '../../shared/domain/cases';
import type { CaseChildren, StoredRecord } from './caseRecords';

/** What follows from a case's records (shared by the list index and the case view): pure. */
export type CaseFacts = {
  displayName: string;
  ageNow: number | null;
  ageAtRegistration: number | null;
  ageBand: AgeBand | null;
  child: boolean;
  scope: TraffickingScope;
  countries: { origin: string[]; transit: string[]; exploitation: string[] };
  exploitationMonths: number | null;
  exploitation: ExploitationType[];
  screeningOutcome: ScreeningOutcome | null;
  riskLevel: RiskLevel | null;
  reintegrationPlan: { dueOn: string | null; overdue: boolean; late: boolean };
  nextDue: string | null;
  overdueItems: number;
  closurePending: boolean;
  possibleDuplicate: boolean;
  latestComposite: number | null;
};

const latest = <T>(items: T[], key: (t: T) => string): T | undefined => [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).at(-1);

export function latestFullScreening(children: CaseChildren): StoredRecord<FullScreening> | undefined {
  const full = children.screening.filter((s): s is StoredRecord<FullScreening> => s.kind === 'full');
  return latest(full, (s) => `${s.screenedOn}|${s.updatedAt}`);
}

/** The day the person arrived back, from the latest return that was not cancelled. */
export function returnedOn(children: CaseChildren): string | null {
  const returns = children.return_plan.filter((r) => !r.cancelled && r.actualReturnDate);
  return latest(returns, (r) => r.actualReturnDate!)?.actualReturnDate ?? null;
}

export function deriveCase(c: CaseRecord, children: CaseChildren, today: string): CaseFacts {
  const full = latestFullScreening(children);
  const events = full?.events ?? [];
  const risk = latest(children.risk_assessment, (r) => `${r.assessedOn}|${r.updatedAt}`);
  const plan = latest(children.reintegration_plan, (p) => p.planDate);
  const back = returnedOn(children);
  const planDue = reintegrationPlanDue(back, plan?.planDate ?? null, today);
  const open = c.stage !== 'closed';
  const due: string[] = [];
  if (open) {
    for (const t of children.case_task) if (!t.doneOn) due.push(t.dueDate);
    for (const f of children.followup) if (followUpOpen(f)) due.push(f.dueDate);
    if (planDue.dueOn && !plan) due.push(planDue.dueOn);
  }
  due.sort();
  const scored = children.followup.filter((f) => f.composite !== undefined && f.visitDate);
  const registeredOn = c.registeredAt.slice(0, 10);
  const ageAtRegistration = ageOn(c, registeredOn);
  return {
    displayName: displayName(c),
    ageNow: ageOn(c, today),
    ageAtRegistration,
    ageBand: ageBand(ageAtRegistration),
    child: isChild(ageOn(c, today)),
    scope: traffickingScope(c.prs_Citizenship, events, c.identificationCountry),
    countries: eventCountries(events),
    exploitationMonths: exploitationMonths(events, today),
    exploitation: full?.vic_TypeOfExploitation ?? [],
    screeningOutcome: full?.outcome ?? null,
    riskLevel: risk?.overallLevel ?? null,
    reintegrationPlan: planDue,
    nextDue: due[0] ?? null,
    overdueItems: due.filter((d) => d < today).length,
    closurePending: c.closure?.approval.decision === 'pending',
    possibleDuplicate: c.possibleDuplicates.some((d) => d.resolution === 'open'),
    latestComposite: latest(scored, (f) => f.visitDate!)?.composite ?? null,
  };
}
