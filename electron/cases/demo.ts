import { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import {
  addDays,
  compositeScore,
  EQUAL_WEIGHTS,
  isoDay,
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
import { cached, type Db } from '../store/database';
import { markIndexed, refreshCase } from './caseIndex';
import { PROFILES, genderFor, pick, weighted, type Rng } from './demoProfiles';
import type { CaseRecordType, RecordData } from './recordTypes';
import { nextCaseNumber } from './registration';
import { recordHistory, type HistoryStep, type StepDetails } from './steps';

/**
 * Synthetic demonstration cases (`counterpart demo`, the first-run demo workspace): realistic people,
 * paths and records across every stage, written through the one write path (records, change log,
 * audit, timeline steps) in chunks of one transaction each. Each case is marked `demo: true`, and the
 * workspace remembers in `meta` ('cases.demo') how many were made from which seed. The content of case
 * number i depends only on the seed, i and the reference day, so a seed reproduces the same caseload.
 * Demo cases go only into a workspace without real cases.
 */

export type DemoOptions = {
  cases: number;
  seed: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, label: string) => void;
  /** The reference day the caseload is built around (default today). */
  asOf?: string;
  chunkSize?: number;
};

const DemoState = z.object({ seed: z.number().int(), generated: z.number().int().min(0), asOf: z.string() });
const META_KEY = 'cases.demo';

/** A small fast PRNG (mulberry32), seeded per case so chunking never changes the output. */
function rngFor(seed: number, index: number): Rng {
  let a = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const between = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

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

const DEMO_PROVIDERS: ServiceProvider[] = [
  { org_Name: 'Samut Sakhon Protection Shelter', org_Type: 'CentralGovernmentOrganisation', services: ['shelter', 'psychosocial', 'education'], org_ShippingCountry: 'THA', org_ShippingState: 'Samut Sakhon', active: true },
  { org_Name: 'Ranong Migrant Health Clinic', org_Type: 'HealthServiceOrganisation', services: ['medical', 'psychosocial'], org_ShippingCountry: 'THA', org_ShippingState: 'Ranong', active: true },
  { org_Name: 'Mekong Legal Aid Network', org_Type: 'LegalService', services: ['legal_aid', 'documentation'], org_ShippingCountry: 'THA', org_ShippingState: 'Bangkok', active: true },
  { org_Name: 'Bright Futures Livelihood Programme', org_Type: 'NGO', services: ['livelihood', 'education', 'financial'], org_ShippingCountry: 'THA', org_ShippingState: 'Chiang Mai', active: true },
  { org_Name: 'Family Tracing Desk, Mae Sot', org_Type: 'NGO', services: ['family_tracing', 'documentation'], org_ShippingCountry: 'THA', org_ShippingState: 'Tak', active: true },
  { org_Name: 'Yangon Reintegration Support Centre', org_Type: 'NGO', orgCode: 'MM-YRSC', services: ['livelihood', 'psychosocial', 'shelter'], org_ShippingCountry: 'MMR', org_ShippingState: 'Yangon', active: true },
  { org_Name: 'Centre d’accueil de Bukavu', org_Type: 'NGO', services: ['shelter', 'medical', 'psychosocial'], org_ShippingCountry: 'COD', org_ShippingState: 'Sud-Kivu', active: true },
  { org_Name: 'Casa de Acogida San Salvador', org_Type: 'NGO', services: ['shelter', 'legal_aid', 'psychosocial'], org_ShippingCountry: 'SLV', active: true },
];

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

type AssistanceKind = RecordData<'assistance'>['type'];

type Ctx = { u: Unlocked; db: Db; asOf: string; orgCode: string; orgCountry: string; providers: { id: string; p: ServiceProvider }[]; assignee: string; steps: HistoryStep[] };

const at = (date: string, hour = 9) => `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;

function create<T extends CaseRecordType>(ctx: Ctx, type: T, data: RecordData<T>): string {
  return ctx.u.records.create(type, data).id;
}

/** Steps of a demo case are written together, as one history entry, when the case is complete. */
function step(ctx: Ctx, _caseId: string, kind: TimelineKind, occurredAt: string, recordType?: string, recordId?: string, details?: StepDetails): void {
  const by = kind === 'handover_decided' || kind === 'closure_decided' ? 'supervisor' : ctx.assignee;
  ctx.steps.push({ kind, occurredAt, by, recordType, recordId, details: Object.fromEntries(Object.entries(details ?? {}).filter(([, v]) => v !== undefined)) as Record<string, StepValue> });
}

/** Writes one synthetic case with the records its stage implies. */
function writeDemoCase(ctx: Ctx, rng: Rng): void {
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
  step(ctx, caseId, 'registered', identifiedOn, 'case', caseId, { caseNumber, assignee: caseRecord.assignee ?? null, possibleDuplicates: [] });

  let day = addDays(registeredOn, between(rng, 0, 2));
  let outcome: ScreeningOutcome | null = null;
  if (level >= 1) {
    const answers = Object.fromEntries(RAPID_INDICATORS.map((k) => [k, rng() < 0.45 ? 'yes' : rng() < 0.8 ? 'no' : 'unknown'] as const));
    const id = create(ctx, 'screening', { kind: 'rapid', caseId, screenedOn: day, screenedBy: ctx.assignee, interpreterUsed: rng() < 0.6, answers, fullScreeningNeeded: true });
    step(ctx, caseId, 'screened_rapid', day, 'screening', id, { indicatorsYes: Object.values(answers).filter((a) => a === 'yes').length, fullScreeningNeeded: true });
  }
  if (level >= 2 || (level === 1 && rng() < 0.6)) {
    day = addDays(day, between(rng, 2, 12));
    outcome = level >= 2 ? (rng() < 0.85 ? 'presumed_victim' : 'at_risk') : stage === 'closed' ? 'not_a_victim' : weighted(rng, [['presumed_victim', 6], ['at_risk', 2], ['undetermined', 2]] as const);
    const months = between(rng, 1, 40);
    const startOfExploitation = addDays(identifiedOn, -months * 30);
    const events = [
      { hte_Type: 'Recruitment' as const, hte_Country: profile.citizenship, hte_Date: addDays(startOfExploitation, -between(rng, 5, 60)) },
      ...(international && rng() < 0.6 ? [{ hte_Type: 'Transit' as const, hte_Country: profile.citizenship, hte_Date: addDays(startOfExploitation, -between(rng, 1, 4)) }] : []),
      { hte_Type: 'Exploitation' as const, hte_Country: country, hte_Date: startOfExploitation, endDate: identifiedOn },
    ];
    const control = exp.control.filter(() => rng() < 0.55);
    const id = create(ctx, 'screening', {
      kind: 'full',
      caseId,
      screenedOn: day,
      screenedBy: ctx.assignee,
      interviewLanguage: profile.language,
      interpreterUsed: rng() < 0.6,
      recruitmentIndicators: rng() < 0.7 ? ['deceptive_job_offer'] : ['recruitment_fee_debt'],
      movementIndicators: international ? ['transported_by_recruiter'] : [],
      exploitationIndicators: exp.type === 'ForcedLabour' ? ['excessive_hours', 'unpaid_or_underpaid'] : [],
      vic_MethodOfRecruitment: [weighted(rng, [['ThroughFriendsOrSocialEvents', 4], ['ThroughFamilyOrFamilyEvents', 2], ['ThroughOnlineSocialNetworks', 3], ['AtWork', 1]] as const)],
      vic_RecruitmentWebsitesAndApps: rng() < 0.4 ? [weighted(rng, [['Facebook', 5], ['Line', 2], ['WhatsApp', 2], ['Telegram', 1]] as const)] : [],
      vic_MethodsOfControl: control.length ? control : [exp.control[0]!],
      vic_TypeOfExploitation: [exp.type],
      vic_ForcedLabourIndustry: exp.industry ? [exp.industry] : [],
      vic_TypeOfSexExploitation: exp.sex ? [exp.sex] : [],
      vic_ExploitationWebsitesAndApps: [],
      recruiterRelations: [weighted(rng, profile.recruiter)],
      vic_AgeWhenTrafficked: Math.max(0, age - Math.floor(months / 12)),
      events,
      outcome,
      vic_TraffickingStatus: outcome === 'presumed_victim' ? 'PossibleVictimOfTrafficking' : outcome === 'not_a_victim' ? 'NotAVictimOfTrafficking' : undefined,
    });
    step(ctx, caseId, 'screened_full', day, 'screening', id, { outcome, exploitation: [exp.type], screenedBy: ctx.assignee });
  }

  if (level >= 2) {
    const assistanceConsent = create(ctx, 'consent', { caseId, purpose: 'assistance', con_Consent: true, sharingPurposes: [], takenOn: day, takenBy: ctx.assignee, method: 'written', interpreterUsed: false });
    step(ctx, caseId, 'consent_recorded', day, 'consent', assistanceConsent, { purpose: 'assistance', given: true, recipient: null, sharingPurposes: [] });
    const shelter = pick(rng, ctx.providers.filter((p) => p.p.org_ShippingCountry === ctx.orgCountry));
    const sharing = create(ctx, 'consent', {
      caseId,
      purpose: 'sharing',
      con_Consent: true,
      recipient: { providerId: shelter.id, name: shelter.p.org_Name, code: shelter.p.orgCode },
      sharingPurposes: ['referral'],
      takenOn: day,
      takenBy: ctx.assignee,
      method: 'written',
      interpreterUsed: false,
    });
    step(ctx, caseId, 'consent_recorded', day, 'consent', sharing, { purpose: 'sharing', given: true, recipient: shelter.id, sharingPurposes: ['referral'] });

    const factors = RISK_FACTORS.filter(() => rng() < 0.4);
    const risk = create(ctx, 'risk_assessment', {
      caseId,
      assessedOn: day,
      assessedBy: ctx.assignee,
      factors,
      overallLevel: suggestRiskLevel(factors),
      safetyPlan: { measures: 'Stay at the shelter; no contact with the recruiter; case worker checks in weekly.' },
    });
    step(ctx, caseId, 'risk_assessed', day, 'risk_assessment', risk, { overallLevel: suggestRiskLevel(factors), factors: factors.length, safetyPlan: true });

    const referredOn = addDays(day, between(rng, 0, 3));
    const status = level > 2 || rng() < 0.6 ? 'done' : 'accepted';
    const history = [
      { status: 'in_progress' as const, at: at(referredOn), by: ctx.assignee },
      { status: 'accepted' as const, at: at(addDays(referredOn, 1)), by: ctx.assignee },
      ...(status === 'done' ? [{ status: 'done' as const, at: at(addDays(referredOn, 30)), by: ctx.assignee }] : []),
    ];
    const referral = create(ctx, 'transition', {
      kind: 'referral',
      caseId,
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
    step(ctx, caseId, 'referral_created', referredOn, 'transition', referral, { providerId: shelter.id, provider: shelter.p.org_Name, services: [shelter.p.services[0]!], urgency: 'urgent', consent: 'consent' });
    const given: AssistanceKind[] = ['shelter'];
    if (rng() < 0.6) given.push('medical');
    if (rng() < 0.5) given.push('psychosocial');
    for (const type of given) {
      const start = addDays(referredOn, between(rng, 0, 5));
      const id = create(ctx, 'assistance', {
        caseId,
        type,
        providerId: shelter.id,
        provider: { name: shelter.p.org_Name, code: shelter.p.orgCode },
        referralId: type === 'shelter' ? referral : undefined,
        startDate: start,
        endDate: level > 2 ? addDays(start, between(rng, 10, 60)) : undefined,
        cost: type === 'medical' ? { amount: between(rng, 5, 120) * 100, currency: 'THB' } : undefined,
        recordedBy: ctx.assignee,
      });
      step(ctx, caseId, 'assistance_recorded', start, 'assistance', id, { type, providerId: shelter.id, provider: shelter.p.org_Name, cost: null });
    }
    day = addDays(referredOn, between(rng, 20, 60));
  }

  let returnedOn: string | null = null;
  if (level >= 3 && goesHome) {
    const receiving = profile.receivingOrg;
    const returnConsent = create(ctx, 'consent', { caseId, purpose: 'return', con_Consent: true, sharingPurposes: [], takenOn: day, takenBy: ctx.assignee, method: 'written', interpreterUsed: true });
    step(ctx, caseId, 'consent_recorded', day, 'consent', returnConsent, { purpose: 'return', given: true, recipient: null, sharingPurposes: [] });
    const shareConsent = create(ctx, 'consent', {
      caseId,
      purpose: 'sharing',
      con_Consent: true,
      recipient: { code: receiving.code, name: receiving.name },
      sharingPurposes: ['return', 'case_management'],
      takenOn: day,
      takenBy: ctx.assignee,
      method: 'written',
      interpreterUsed: true,
    });
    step(ctx, caseId, 'consent_recorded', day, 'consent', shareConsent, { purpose: 'sharing', given: true, recipient: receiving.code, sharingPurposes: ['return', 'case_management'] });
    const planned = addDays(day, between(rng, 14, 45));
    const completed = level >= 4;
    returnedOn = completed ? planned : null;
    const plan = create(ctx, 'return_plan', {
      caseId,
      destinationCountry: profile.citizenship,
      plannedDate: planned,
      actualReturnDate: returnedOn ?? undefined,
      route: [{ from: 'Bangkok', to: 'border crossing', mode: 'road', borderCrossing: profile.citizenship === 'MMR' ? 'Mae Sot – Myawaddy' : undefined }],
      escortRequired: true,
      escortOrganisation: ctx.u.organisation.name,
      travelDocuments: [{ type: 'CertificateOfIdentity', status: completed ? 'issued' : 'applied' }],
      receivingOrganisation: receiving,
      familyAssessmentDone: completed,
      caseConferences: [{ date: addDays(day, 3), participants: 'Case worker, receiving organisation, shelter', notes: 'Return route and family situation discussed.' }],
      cancelled: false,
    });
    step(ctx, caseId, 'return_planned', day, 'return_plan', plan, { destination: profile.citizenship, plannedDate: planned, actualReturnDate: returnedOn, crossBorder: true, receivingOrg: receiving.code, cancelled: false });
    if (completed || rng() < 0.5) {
      const approved = completed || rng() < 0.5;
      const handover = create(ctx, 'transition', {
        kind: 'handover',
        caseId,
        returnId: plan,
        status: completed ? 'done' : 'in_progress',
        receivingOrganisation: receiving,
        crossBorder: true,
        approval: approved
          ? { decision: 'approved', requestedBy: ctx.assignee, requestedAt: at(day), decidedBy: 'supervisor', decidedAt: at(addDays(day, 2)) }
          : { decision: 'pending', requestedBy: ctx.assignee, requestedAt: at(day) },
        requestedBy: ctx.assignee,
        requestedAt: at(day),
        consentBasis: { kind: 'consent', consentIds: [returnConsent, shareConsent] },
        history: [{ status: 'in_progress', at: at(day), by: ctx.assignee }, ...(completed ? [{ status: 'done' as const, at: at(planned), by: ctx.assignee }] : [])],
      });
      step(ctx, caseId, 'handover_requested', day, 'transition', handover, { returnId: plan, destination: profile.citizenship, receivingOrg: receiving.code, crossBorder: true, consent: 'consent' });
      if (approved) step(ctx, caseId, 'handover_decided', addDays(day, 2), 'transition', handover, { decision: 'approved' });
      if (completed) step(ctx, caseId, 'handover_status', planned, 'transition', handover, { from: 'in_progress', to: 'done' });
    }
  }

  if (level >= 4) {
    const base = returnedOn ?? day;
    const planDate = addDays(base, rng() < 0.8 ? between(rng, 5, 28) : between(rng, 31, 70));
    const plan = create(ctx, 'reintegration_plan', {
      caseId,
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
    step(ctx, caseId, 'reintegration_planned', planDate, 'reintegration_plan', plan, { goals: 3, dimensions: ['economic', 'social', 'psychosocial'], late: returnedOn !== null && planDate > addDays(returnedOn, 30) });
    let visit = planDate;
    let level3 = { economic: 0.2 + rng() * 0.3, social: 0.3 + rng() * 0.3, psychosocial: 0.2 + rng() * 0.3 };
    for (let n = 0; n < 4; n++) {
      visit = addDays(visit, between(rng, 60, 100));
      const open = visit > ctx.asOf;
      const scores = { economic: round2(level3.economic), social: round2(level3.social), psychosocial: round2(level3.psychosocial) };
      const composite = compositeScore(scores, EQUAL_WEIGHTS);
      const id = create(ctx, 'followup', {
        caseId,
        kind: 'home_visit',
        dueDate: visit,
        scheduledBy: ctx.assignee,
        visitDate: open ? undefined : visit,
        visitedBy: open ? undefined : ctx.assignee,
        scores: open ? undefined : scores,
        composite: open ? undefined : composite,
        weightsVersion: open ? undefined : EQUAL_WEIGHTS.version,
        cancelled: stage === 'closed' && open,
      });
      if (open) {
        step(ctx, caseId, 'followup_scheduled', visit, 'followup', id, { kind: 'home_visit', dueDate: visit });
        break;
      }
      step(ctx, caseId, 'followup_recorded', visit, 'followup', id, { ...scores, composite, weightsVersion: EQUAL_WEIGHTS.version });
      level3 = { economic: Math.min(1, level3.economic + rng() * 0.2), social: Math.min(1, level3.social + rng() * 0.15), psychosocial: Math.min(1, level3.psychosocial + rng() * 0.2) };
    }
  }

  if (stage !== 'closed' && rng() < 0.35) {
    const due = addDays(ctx.asOf, between(rng, -20, 30));
    const id = create(ctx, 'case_task', { caseId, title: pick(rng, ['Call the family', 'Collect the medical report', 'Renew the certificate of identity', 'Book the interpreter', 'Prepare the case conference']), dueDate: due, assignee: caseRecord.assignee, createdBy: ctx.assignee });
    step(ctx, caseId, 'task_added', addDays(due, -7) < registeredOn ? registeredOn : addDays(due, -7), 'case_task', id, { dueDate: due, assignee: caseRecord.assignee ?? null });
  }

  if (stage === 'closed') {
    const reason: ClosureReason = outcome === 'not_a_victim' ? 'not_a_victim' : reached === 'reintegration' ? weighted(rng, [['reintegrated', 7], ['lost_contact', 2], ['moved_away', 1]] as const) : weighted(rng, [['declined_assistance', 2], ['lost_contact', 2], ['referred_elsewhere', 1]] as const);
    const closedOn = addDays(day, between(rng, 30, 400));
    const closedDay = closedOn > ctx.asOf ? ctx.asOf : closedOn;
    ctx.u.records.update('case', caseId, {
      cas_Status: reason === 'referred_elsewhere' ? 'ClosedReferred' : 'Closed',
      closure: {
        reason,
        cas_ReasonForCaseClosure: 'Closed at the case conference (demo).',
        approval: { decision: 'approved', requestedBy: ctx.assignee, requestedAt: at(closedDay), decidedBy: 'supervisor', decidedAt: at(closedDay, 15) },
      },
    });
    step(ctx, caseId, 'closure_requested', closedDay, undefined, undefined, { reason });
    step(ctx, caseId, 'closure_decided', closedDay, undefined, undefined, { decision: 'approved', reason });
  }
  recordHistory(ctx.u, caseId, ctx.steps.splice(0));
  refreshCase(ctx.db, caseId);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function readState(db: Db): z.infer<typeof DemoState> | null {
  const raw = cached(db, 'SELECT value FROM meta WHERE key = @key').pluck().get({ key: META_KEY }) as string | undefined;
  const parsed = raw ? DemoState.safeParse(JSON.parse(raw)) : null;
  return parsed?.success ? parsed.data : null;
}

function ensureProviders(ctx: Pick<Ctx, 'u' | 'db'>): { id: string; p: ServiceProvider }[] {
  const existing = cached(ctx.db, `SELECT id, data FROM records WHERE type = 'service_provider' AND deleted = 0`).all() as { id: string; data: string }[];
  if (existing.length > 0) return existing.map((r) => ({ id: r.id, p: JSON.parse(r.data) as ServiceProvider }));
  return DEMO_PROVIDERS.map((p) => ({ id: ctx.u.records.create('service_provider', p).id, p }));
}

/**
 * Adds `cases` demo cases. Reports progress after each chunk and stops between chunks when the
 * signal is aborted (the chunks already written stay: they are complete cases).
 */
export async function generateDemoCases(u: Unlocked, opts: DemoOptions): Promise<{ created: number; totalDemoCases: number }> {
  const db = u.workspace.db;
  const real = cached(db, 'SELECT count(*) FROM case_index WHERE demo = 0').pluck().get() as number;
  if (real > 0) throw new CounterpartError('CONFLICT', 'This workspace holds real cases. Demo cases go only into a workspace of their own, so that they never mix with real files.');
  const state = readState(db);
  const asOf = state?.asOf ?? opts.asOf ?? isoDay(new Date());
  const seed = state?.seed ?? opts.seed;
  const start = state?.generated ?? 0;
  const chunk = opts.chunkSize ?? 200;
  const base = { u, db, asOf, orgCode: u.organisation.code, orgCountry: u.organisation.country, assignee: u.user.username };
  const providers = u.transaction(() => ensureProviders(base));
  const ctx: Ctx = { ...base, providers, steps: [] };
  // Chunks touch many index pages at once: a larger page cache for the run spares re-reading (and
  // re-decrypting) them. Restored afterwards.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -65536');
  let done = 0;
  try {
    opts.onProgress?.(0, opts.cases, 'demo cases');
    while (done < opts.cases) {
      if (opts.signal?.aborted) throw new CounterpartError('CANCELLED', `Stopped after ${done} demo cases; those are kept.`, { created: done });
      const n = Math.min(chunk, opts.cases - done);
      const from = start + done;
      u.transaction(() => {
        for (let i = 0; i < n; i++) writeDemoCase(ctx, rngFor(seed, from + i));
        markIndexed(db);
        cached(db, 'INSERT INTO meta (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run({
          key: META_KEY,
          value: JSON.stringify({ seed, generated: from + n, asOf }),
        });
      });
      done += n;
      opts.onProgress?.(done, opts.cases, 'demo cases');
      // Let progress events and a cancel request through between chunks.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
  u.audit.append({ actor: u.actor, action: 'demo.generate', outcome: 'ok', details: { cases: done, seed, asOf } });
  return { created: done, totalDemoCases: cached(db, 'SELECT count(*) FROM case_index WHERE demo = 1').pluck().get() as number };
}

/** How many cases the first-run demo workspace (`workspace.openDemo`) starts with. */
export const DEMO_WORKSPACE_CASES = 300;

/** The `onDemoCreated` hook of the session: a new demo workspace is filled with demo cases. */
export async function fillDemoWorkspace(u: Unlocked): Promise<void> {
  await generateDemoCases(u, { cases: DEMO_WORKSPACE_CASES, seed: 20240601 });
}
