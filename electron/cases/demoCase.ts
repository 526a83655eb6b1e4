import {
  addDays,
  compositeScore,
  EQUAL_WEIGHTS,
  RAPID_INDICATORS,
  suggestRiskLevel,
  type CaseRecord,
  type ClosureReason,
  type RiskFactor,
  type ScreeningOutcome,
  type ServiceProvider,
  type Stage,
  type StepValue,
  type TimelineKind,
} from '../../shared/domain/cases';
import type { Unlocked } from '../identity/session';
import type { Db } from '../store/database';
import type { Envelope } from '../store/records';
import { refreshCase, type KnownCase } from './caseIndex';
import type { CaseChildren, StoredRecord } from './caseRecords';
import { PROFILES, genderFor, pick, weighted, type Exploitation, type Profile, type Rng } from './demoProfiles';
import { CASE_CHILD_TYPES, type CaseChildType, type CaseRecordType, type RecordData } from './recordTypes';
import { nextCaseNumber } from './registration';
import { recordHistory, type HistoryStep, type StepDetails } from './steps';

/**
 * One synthetic demo case (electron/cases/demo.ts runs the generator): a person drawn from the
 * profiles of demoProfiles.ts, then the SOP phases their stage implies — screening, consent, risk,
 * referral and assistance, return and handover, reintegration and follow-ups, tasks, closure — each
 * written through the write path, with its steps kept as the case's history.
 */

export type DemoContext = {
  u: Unlocked;
  db: Db;
  asOf: string;
  orgCode: string;
  orgCountry: string;
  providers: { id: string; p: ServiceProvider }[];
  assignee: string;
  steps: HistoryStep[];
  /** What the current case's writes stored, newest last: its index is built from these, not read back. */
  written: Envelope[];
};

/** Who the person is and how far their case has come. */
type DemoPerson = {
  caseId: string;
  profile: Profile;
  exp: Exploitation;
  age: number;
  country: string;
  stage: Stage;
  /** The last working stage reached (for a closed case, the one it was closed from). */
  reached: Stage;
  level: number;
  international: boolean;
  goesHome: boolean;
  identifiedOn: string;
  registeredOn: string;
  assignee: string | undefined;
};

/** Where the story has got to, as the phases write it. */
type DemoPath = { day: string; outcome: ScreeningOutcome | null; returnedOn: string | null };

type AssistanceKind = RecordData<'assistance'>['type'];

const between = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const at = (date: string, hour = 9) => `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;
const round2 = (n: number) => Math.round(n * 100) / 100;

const STAGE_MIX: readonly (readonly [Stage, number])[] = [
  ['identification', 8],
  ['screening', 12],
  ['assistance', 25],
  ['return', 12],
  ['reintegration', 23],
  ['closed', 20],
];
/** How long ago (days) a case at each stage was registered. */
const AGE_OF_CASE: Record<Stage, [number, number]> = { identification: [0, 20], screening: [3, 45], assistance: [15, 240], return: [30, 300], reintegration: [90, 900], closed: [120, 2000] };

const RISK_FACTORS: readonly RiskFactor[] = [
  { level: 'individual', kind: 'risk', factor: 'Debt to the recruiter still owed', severity: 'high' },
  { level: 'individual', kind: 'risk', factor: 'No identity documents', severity: 'medium' },
  { level: 'individual', kind: 'protective', factor: 'Completed lower secondary school', severity: 'low' },
  { level: 'individual', kind: 'risk', factor: 'Symptoms of trauma, poor sleep', severity: 'medium' },
  { level: 'household', kind: 'risk', factor: 'Household has no regular income', severity: 'high' },
  { level: 'household', kind: 'protective', factor: 'Supportive mother and siblings', severity: 'medium' },
  { level: 'household', kind: 'risk', factor: 'Violence in the household', severity: 'high' },
  { level: 'community', kind: 'risk', factor: 'Recruiter lives in the home village', severity: 'high' },
  { level: 'community', kind: 'protective', factor: 'Village women’s group active', severity: 'low' },
  { level: 'community', kind: 'risk', factor: 'Stigma towards returnees', severity: 'medium' },
  { level: 'structural', kind: 'risk', factor: 'Armed conflict in the area of origin', severity: 'high' },
  { level: 'structural', kind: 'risk', factor: 'Few jobs for young people in the district', severity: 'medium' },
];

function create<T extends CaseRecordType>(ctx: DemoContext, type: T, data: RecordData<T>): string {
  const written = ctx.u.records.create(type, data);
  ctx.written.push(written);
  return written.id;
}

const stored = <T>(e: Envelope): StoredRecord<T> => ({ ...(e.data as T), id: e.id, ownerOrg: e.ownerOrg, updatedAt: e.updatedAt, updatedBy: e.updatedBy });

/** The case and its children as the index reads them from `records` (latest version of each, children in id order). */
function knownCase(caseId: string, written: Envelope[]): KnownCase {
  const latest = new Map<string, Envelope>();
  for (const e of written) latest.set(e.id, e);
  const children = Object.fromEntries(CASE_CHILD_TYPES.map((t) => [t, []])) as unknown as Record<CaseChildType, unknown[]>;
  for (const e of [...latest.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (e.id !== caseId && !e.deleted) children[e.type as CaseChildType].push(stored(e));
  }
  return { case: stored<CaseRecord>(latest.get(caseId)!), children: children as CaseChildren };
}

/** Steps of a demo case are written together, as one history entry, when the case is complete. */
function step(ctx: DemoContext, kind: TimelineKind, occurredAt: string, recordType?: string, recordId?: string, details?: StepDetails): void {
  const by = kind === 'handover_decided' || kind === 'closure_decided' ? 'supervisor' : ctx.assignee;
  const kept: Record<string, StepValue> = {};
  if (details) for (const k in details) if (details[k] !== undefined) kept[k] = details[k];
  ctx.steps.push({ kind, occurredAt, by, recordType, recordId, details: kept });
}

/** Writes one synthetic case with the records its stage implies. */
export function writeDemoCase(ctx: DemoContext, rng: Rng): void {
  const p = registerPerson(ctx, rng);
  const path: DemoPath = { day: addDays(p.registeredOn, between(rng, 0, 2)), outcome: null, returnedOn: null };
  screen(ctx, rng, p, path);
  if (p.level >= 2) assist(ctx, rng, p, path);
  if (p.level >= 3 && p.goesHome) returnHome(ctx, rng, p, path);
  if (p.level >= 4) reintegrate(ctx, rng, p, path);
  if (p.stage !== 'closed' && rng() < 0.35) addTask(ctx, rng, p);
  if (p.stage === 'closed') close(ctx, rng, p, path);
  recordHistory(ctx.u, p.caseId, ctx.steps.splice(0));
  refreshCase(ctx.db, p.caseId, undefined, knownCase(p.caseId, ctx.written.splice(0)));
}

function registerPerson(ctx: DemoContext, rng: Rng): DemoPerson {
  const profile = weighted(rng, PROFILES.map((p) => [p, p.weight] as const));
  const exp = weighted(rng, profile.exploitation);
  const gender = genderFor(rng, exp.female);
  const female = gender === 'Feminine' || gender === 'TransgenderFeminine';
  const age = between(rng, exp.ages[0], exp.ages[1]);
  const country = weighted(rng, exp.where);
  const stage = weighted(rng, STAGE_MIX);
  const [minBack, maxBack] = AGE_OF_CASE[stage];
  const registeredOn = addDays(ctx.asOf, -between(rng, minBack, maxBack));
  const identifiedOn = addDays(registeredOn, -between(rng, 0, 3));
  const international = country !== profile.citizenship;
  const identificationCountry = international && rng() < 0.85 ? country : profile.citizenship;
  const name = profile.names(rng, female);
  const birthKnown = rng() < 0.55;
  const birthYear = Number(identifiedOn.slice(0, 4)) - age;
  const caseNumber = nextCaseNumber(ctx.db, ctx.orgCode, Number(registeredOn.slice(0, 4)));
  // A closed case was closed from one of the working stages.
  const reached: Stage = stage === 'closed' ? weighted(rng, [['screening', 2], ['assistance', 3], ['reintegration', 5]] as const) : stage;
  const level = ['identification', 'screening', 'assistance', 'return', 'reintegration'].indexOf(reached);
  const goesHome = international && identificationCountry !== profile.citizenship;

  const caseRecord: CaseRecord = {
    prs_FirstName: name.first,
    prs_MiddleName: name.middle,
    prs_SecondName: name.second,
    aliases: name.alias ? [name.alias] : [],
    prs_Gender: gender,
    prs_Birthdate: birthKnown ? `${birthYear}-${String(between(rng, 1, 12)).padStart(2, '0')}-${String(between(rng, 1, 28)).padStart(2, '0')}` : undefined,
    estimatedAge: birthKnown ? undefined : age,
    estimatedAgeOn: birthKnown ? undefined : identifiedOn,
    prs_Citizenship: [profile.citizenship],
    stateless: false,
    prs_PrimaryLanguage: profile.language,
    otherLanguages: [],
    prs_MobilePhone: rng() < 0.5 ? `${profile.phonePrefix}${between(rng, 1000000, 9999999)}` : undefined,
    trustedContacts: [],
    caseNumber,
    stage: stage === 'closed' ? 'closed' : stage,
    stageBeforeClosure: stage === 'closed' ? reached : undefined,
    cas_Status: stage === 'closed' ? 'Closed' : stage === 'reintegration' ? 'FollowUp' : 'Active',
    assignee: rng() < 0.7 ? ctx.assignee : undefined,
    cas_CaseOwner: ctx.assignee,
    registeredAt: at(registeredOn, 8),
    identificationDate: identifiedOn,
    identificationCountry,
    identificationSource: weighted(rng, [['Police', 30], ['LabourInspection', 15], ['NGO', 25], ['Hotline', 10], ['Immigration', 10], ['SelfIdentified', 10]] as const),
    possibleDuplicates: [],
    demo: true,
  };
  const caseId = create(ctx, 'case', caseRecord);
  step(ctx, 'registered', identifiedOn, 'case', caseId, { caseNumber, assignee: caseRecord.assignee ?? null, possibleDuplicates: [] });

  return { caseId, profile, exp, age, country, stage, reached, level, international, goesHome, identifiedOn, registeredOn, assignee: caseRecord.assignee };
}

/** Rapid screening, then (for most) the full screening with the trafficking events and an outcome. */
function screen(ctx: DemoContext, rng: Rng, p: DemoPerson, path: DemoPath): void {
  if (p.level >= 1) {
    const answers = Object.fromEntries(RAPID_INDICATORS.map((k) => [k, rng() < 0.45 ? 'yes' : rng() < 0.8 ? 'no' : 'unknown'] as const));
    const id = create(ctx, 'screening', { kind: 'rapid', caseId: p.caseId, screenedOn: path.day, screenedBy: ctx.assignee, interpreterUsed: rng() < 0.6, answers, fullScreeningNeeded: true });
    step(ctx, 'screened_rapid', path.day, 'screening', id, { indicatorsYes: Object.values(answers).filter((a) => a === 'yes').length, fullScreeningNeeded: true });
  }
  if (p.level >= 2 || (p.level === 1 && rng() < 0.6)) {
    path.day = addDays(path.day, between(rng, 2, 12));
    path.outcome = p.level >= 2 ? (rng() < 0.85 ? 'presumed_victim' : 'at_risk') : p.stage === 'closed' ? 'not_a_victim' : weighted(rng, [['presumed_victim', 6], ['at_risk', 2], ['undetermined', 2]] as const);
    const months = between(rng, 1, 40);
    const startOfExploitation = addDays(p.identifiedOn, -months * 30);
    const events = [
      { hte_Type: 'Recruitment' as const, hte_Country: p.profile.citizenship, hte_Date: addDays(startOfExploitation, -between(rng, 5, 60)) },
      ...(p.international && rng() < 0.6 ? [{ hte_Type: 'Transit' as const, hte_Country: p.profile.citizenship, hte_Date: addDays(startOfExploitation, -between(rng, 1, 4)) }] : []),
      { hte_Type: 'Exploitation' as const, hte_Country: p.country, hte_Date: startOfExploitation, endDate: p.identifiedOn },
    ];
    const control = p.exp.control.filter(() => rng() < 0.55);
    const id = create(ctx, 'screening', {
      kind: 'full',
      caseId: p.caseId,
      screenedOn: path.day,
      screenedBy: ctx.assignee,
      interviewLanguage: p.profile.language,
      interpreterUsed: rng() < 0.6,
      recruitmentIndicators: rng() < 0.7 ? ['deceptive_job_offer'] : ['recruitment_fee_debt'],
      movementIndicators: p.international ? ['transported_by_recruiter'] : [],
      exploitationIndicators: p.exp.type === 'ForcedLabour' ? ['excessive_hours', 'unpaid_or_underpaid'] : [],
      vic_MethodOfRecruitment: [weighted(rng, [['ThroughFriendsOrSocialEvents', 4], ['ThroughFamilyOrFamilyEvents', 2], ['ThroughOnlineSocialNetworks', 3], ['AtWork', 1]] as const)],
      vic_RecruitmentWebsitesAndApps: rng() < 0.4 ? [weighted(rng, [['Facebook', 5], ['Line', 2], ['WhatsApp', 2], ['Telegram', 1]] as const)] : [],
      vic_MethodsOfControl: control.length ? control : [p.exp.control[0]!],
      vic_TypeOfExploitation: [p.exp.type],
      vic_ForcedLabourIndustry: p.exp.industry ? [p.exp.industry] : [],
      vic_TypeOfSexExploitation: p.exp.sex ? [p.exp.sex] : [],
      vic_ExploitationWebsitesAndApps: [],
      recruiterRelations: [weighted(rng, p.profile.recruiter)],
      vic_AgeWhenTrafficked: Math.max(0, p.age - Math.floor(months / 12)),
      events,
      outcome: path.outcome,
      vic_TraffickingStatus: path.outcome === 'presumed_victim' ? 'PossibleVictimOfTrafficking' : path.outcome === 'not_a_victim' ? 'NotAVictimOfTrafficking' : undefined,
    });
    step(ctx, 'screened_full', path.day, 'screening', id, { outcome: path.outcome, exploitation: [p.exp.type], screenedBy: ctx.assignee });
  }
}

/** Consent, risk assessment, referral to a shelter of the directory and the assistance given. */
function assist(ctx: DemoContext, rng: Rng, p: DemoPerson, path: DemoPath): void {
  const assistanceConsent = create(ctx, 'consent', { caseId: p.caseId, purpose: 'assistance', con_Consent: true, sharingPurposes: [], takenOn: path.day, takenBy: ctx.assignee, method: 'written', interpreterUsed: false });
  step(ctx, 'consent_recorded', path.day, 'consent', assistanceConsent, { purpose: 'assistance', given: true, recipient: null, sharingPurposes: [] });
  const shelter = pick(rng, ctx.providers.filter((p) => p.p.org_ShippingCountry === ctx.orgCountry));
  const sharing = create(ctx, 'consent', {
    caseId: p.caseId,
    purpose: 'sharing',
    con_Consent: true,
    recipient: { providerId: shelter.id, name: shelter.p.org_Name, code: shelter.p.orgCode },
    sharingPurposes: ['referral'],
    takenOn: path.day,
    takenBy: ctx.assignee,
    method: 'written',
    interpreterUsed: false,
  });
  step(ctx, 'consent_recorded', path.day, 'consent', sharing, { purpose: 'sharing', given: true, recipient: shelter.id, sharingPurposes: ['referral'] });

  const factors = RISK_FACTORS.filter(() => rng() < 0.4);
  const risk = create(ctx, 'risk_assessment', {
    caseId: p.caseId,
    assessedOn: path.day,
    assessedBy: ctx.assignee,
    factors,
    overallLevel: suggestRiskLevel(factors),
    safetyPlan: { measures: 'Stay at the shelter; no contact with the recruiter; case worker checks in weekly.' },
  });
  step(ctx, 'risk_assessed', path.day, 'risk_assessment', risk, { overallLevel: suggestRiskLevel(factors), factors: factors.length, safetyPlan: true });

  const referredOn = addDays(path.day, between(rng, 0, 3));
  const status = p.level > 2 || rng() < 0.6 ? 'done' : 'accepted';
  const history = [
    { status: 'in_progress' as const, at: at(referredOn), by: ctx.assignee },
    { status: 'accepted' as const, at: at(addDays(referredOn, 1)), by: ctx.assignee },
    ...(status === 'done' ? [{ status: 'done' as const, at: at(addDays(referredOn, 30)), by: ctx.assignee }] : []),
  ];
  const referral = create(ctx, 'transition', {
    kind: 'referral',
    caseId: p.caseId,
    status,
    requestedBy: ctx.assignee,
    requestedAt: at(referredOn),
    consentBasis: { kind: 'consent', consentIds: [sharing] },
    history,
    providerId: shelter.id,
    cas_ReferredOrganisation: { name: shelter.p.org_Name, code: shelter.p.orgCode },
    services: [shelter.p.services[0]!],
    urgency: 'urgent',
    cas_ReasonForOutgoingReferral: 'AdditionalServicesRequired',
    cas_OutgoingReferralDate: referredOn,
  });
  step(ctx, 'referral_created', referredOn, 'transition', referral, { providerId: shelter.id, provider: shelter.p.org_Name, services: [shelter.p.services[0]!], urgency: 'urgent', consent: 'consent' });
  const given: AssistanceKind[] = ['shelter'];
  if (rng() < 0.6) given.push('medical');
  if (rng() < 0.5) given.push('psychosocial');
  for (const type of given) {
    const start = addDays(referredOn, between(rng, 0, 5));
    const id = create(ctx, 'assistance', {
      caseId: p.caseId,
      type,
      providerId: shelter.id,
      provider: { name: shelter.p.org_Name, code: shelter.p.orgCode },
      referralId: type === 'shelter' ? referral : undefined,
      startDate: start,
      endDate: p.level > 2 ? addDays(start, between(rng, 10, 60)) : undefined,
      cost: type === 'medical' ? { amount: between(rng, 5, 120) * 100, currency: 'THB' } : undefined,
      recordedBy: ctx.assignee,
    });
    step(ctx, 'assistance_recorded', start, 'assistance', id, { type, providerId: shelter.id, provider: shelter.p.org_Name, cost: null });
  }
  path.day = addDays(referredOn, between(rng, 20, 60));
}

/** Consent to return, the return plan, and the cross-border handover with its approval. */
function returnHome(ctx: DemoContext, rng: Rng, p: DemoPerson, path: DemoPath): void {
  const receiving = p.profile.receivingOrg;
  const returnConsent = create(ctx, 'consent', { caseId: p.caseId, purpose: 'return', con_Consent: true, sharingPurposes: [], takenOn: path.day, takenBy: ctx.assignee, method: 'written', interpreterUsed: true });
  step(ctx, 'consent_recorded', path.day, 'consent', returnConsent, { purpose: 'return', given: true, recipient: null, sharingPurposes: [] });
  const shareConsent = create(ctx, 'consent', {
    caseId: p.caseId,
    purpose: 'sharing',
    con_Consent: true,
    recipient: { code: receiving.code, name: receiving.name },
    sharingPurposes: ['return', 'case_management'],
    takenOn: path.day,
    takenBy: ctx.assignee,
    method: 'written',
    interpreterUsed: true,
  });
  step(ctx, 'consent_recorded', path.day, 'consent', shareConsent, { purpose: 'sharing', given: true, recipient: receiving.code, sharingPurposes: ['return', 'case_management'] });
  const planned = addDays(path.day, between(rng, 14, 45));
  const completed = p.level >= 4;
  path.returnedOn = completed ? planned : null;
  const plan = create(ctx, 'return_plan', {
    caseId: p.caseId,
    destinationCountry: p.profile.citizenship,
    plannedDate: planned,
    actualReturnDate: path.returnedOn ?? undefined,
    route: [{ from: 'Bangkok', to: 'border crossing', mode: 'road', borderCrossing: p.profile.citizenship === 'MMR' ? 'Mae Sot – Myawaddy' : undefined }],
    escortRequired: true,
    escortOrganisation: ctx.u.organisation.name,
    travelDocuments: [{ type: 'CertificateOfIdentity', status: completed ? 'issued' : 'applied' }],
    receivingOrganisation: receiving,
    familyAssessmentDone: completed,
    caseConferences: [{ date: addDays(path.day, 3), participants: 'Case worker, receiving organisation, shelter', notes: 'Return route and family situation discussed.' }],
    cancelled: false,
  });
  step(ctx, 'return_planned', path.day, 'return_plan', plan, { destination: p.profile.citizenship, plannedDate: planned, actualReturnDate: path.returnedOn, crossBorder: true, receivingOrg: receiving.code, cancelled: false });
  if (completed || rng() < 0.5) {
    const approved = completed || rng() < 0.5;
    const handover = create(ctx, 'transition', {
      kind: 'handover',
      caseId: p.caseId,
      returnId: plan,
      status: completed ? 'done' : 'in_progress',
      receivingOrganisation: receiving,
      crossBorder: true,
      approval: approved
        ? { decision: 'approved', requestedBy: ctx.assignee, requestedAt: at(path.day), decidedBy: 'supervisor', decidedAt: at(addDays(path.day, 2)) }
        : { decision: 'pending', requestedBy: ctx.assignee, requestedAt: at(path.day) },
      requestedBy: ctx.assignee,
      requestedAt: at(path.day),
      consentBasis: { kind: 'consent', consentIds: [returnConsent, shareConsent] },
      history: [{ status: 'in_progress', at: at(path.day), by: ctx.assignee }, ...(completed ? [{ status: 'done' as const, at: at(planned), by: ctx.assignee }] : [])],
    });
    step(ctx, 'handover_requested', path.day, 'transition', handover, { returnId: plan, destination: p.profile.citizenship, receivingOrg: receiving.code, crossBorder: true, consent: 'consent' });
    if (approved) step(ctx, 'handover_decided', addDays(path.day, 2), 'transition', handover, { decision: 'approved' });
    if (completed) step(ctx, 'handover_status', planned, 'transition', handover, { from: 'in_progress', to: 'done' });
  }
}

/** The reintegration plan and follow-up visits whose scores improve over time. */
function reintegrate(ctx: DemoContext, rng: Rng, p: DemoPerson, path: DemoPath): void {
  const base = path.returnedOn ?? path.day;
  const planDate = addDays(base, rng() < 0.8 ? between(rng, 5, 28) : between(rng, 31, 70));
  const plan = create(ctx, 'reintegration_plan', {
    caseId: p.caseId,
    planDate,
    spl_Objectives: 'Stable income, safe housing with family, and recovery from trauma.',
    goals: [
      { dimension: 'economic', goal: 'Start a small business or vocational training', status: 'open' },
      { dimension: 'social', goal: 'Rejoin family and community life', status: 'open' },
      { dimension: 'psychosocial', goal: 'Monthly counselling sessions', status: 'open' },
    ],
    agreedWithPerson: true,
    plannedBy: ctx.assignee,
  });
  step(ctx, 'reintegration_planned', planDate, 'reintegration_plan', plan, { goals: 3, dimensions: ['economic', 'social', 'psychosocial'], late: path.returnedOn !== null && planDate > addDays(path.returnedOn, 30) });
  let visit = planDate;
  let level3 = { economic: 0.2 + rng() * 0.3, social: 0.3 + rng() * 0.3, psychosocial: 0.2 + rng() * 0.3 };
  for (let n = 0; n < 4; n++) {
    visit = addDays(visit, between(rng, 60, 100));
    const open = visit > ctx.asOf;
    const scores = { economic: round2(level3.economic), social: round2(level3.social), psychosocial: round2(level3.psychosocial) };
    const composite = compositeScore(scores, EQUAL_WEIGHTS);
    const id = create(ctx, 'followup', {
      caseId: p.caseId,
      kind: 'home_visit',
      dueDate: visit,
      scheduledBy: ctx.assignee,
      visitDate: open ? undefined : visit,
      visitedBy: open ? undefined : ctx.assignee,
      scores: open ? undefined : scores,
      composite: open ? undefined : composite,
      weightsVersion: open ? undefined : EQUAL_WEIGHTS.version,
      cancelled: p.stage === 'closed' && open,
    });
    if (open) {
      step(ctx, 'followup_scheduled', visit, 'followup', id, { kind: 'home_visit', dueDate: visit });
      break;
    }
    step(ctx, 'followup_recorded', visit, 'followup', id, { ...scores, composite, weightsVersion: EQUAL_WEIGHTS.version });
    level3 = { economic: Math.min(1, level3.economic + rng() * 0.2), social: Math.min(1, level3.social + rng() * 0.15), psychosocial: Math.min(1, level3.psychosocial + rng() * 0.2) };
  }
}

function addTask(ctx: DemoContext, rng: Rng, p: DemoPerson): void {
  const due = addDays(ctx.asOf, between(rng, -20, 30));
  const id = create(ctx, 'case_task', { caseId: p.caseId, title: pick(rng, ['Call the family', 'Collect the medical report', 'Renew the certificate of identity', 'Book the interpreter', 'Prepare the case conference']), dueDate: due, assignee: p.assignee, createdBy: ctx.assignee });
  step(ctx, 'task_added', addDays(due, -7) < p.registeredOn ? p.registeredOn : addDays(due, -7), 'case_task', id, { dueDate: due, assignee: p.assignee ?? null });
}

/** Closure with reason, approved by a supervisor. */
function close(ctx: DemoContext, rng: Rng, p: DemoPerson, path: DemoPath): void {
  const reason: ClosureReason = path.outcome === 'not_a_victim' ? 'not_a_victim' : p.reached === 'reintegration' ? weighted(rng, [['reintegrated', 7], ['lost_contact', 2], ['moved_away', 1]] as const) : weighted(rng, [['declined_assistance', 2], ['lost_contact', 2], ['referred_elsewhere', 1]] as const);
  const closedOn = addDays(path.day, between(rng, 30, 400));
  const closedDay = closedOn > ctx.asOf ? ctx.asOf : closedOn;
  const closed = ctx.u.records.update('case', p.caseId, {
    cas_Status: reason === 'referred_elsewhere' ? 'ClosedReferred' : 'Closed',
    closure: {
      reason,
      cas_ReasonForCaseClosure: 'Closed at the case conference (demo).',
      approval: { decision: 'approved', requestedBy: ctx.assignee, requestedAt: at(closedDay), decidedBy: 'supervisor', decidedAt: at(closedDay, 15) },
    },
  });
  ctx.written.push(closed);
  step(ctx, 'closure_requested', closedDay, undefined, undefined, { reason });
  step(ctx, 'closure_decided', closedDay, undefined, undefined, { decision: 'approved', reason });
}
