import { z } from 'zod';
import { method, ALL_ROLES } from './define';
import {
  AGE_BANDS,
  Assistance,
  AttachmentMeta,
  CaseRecord,
  CaseStatus,
  CaseTask,
  ClosureReason,
  ConsentRecord,
  CountryCode,
  LanguageCode,
  ExploitationType,
  FollowUp,
  FOLLOWUP_KINDS,
  FullScreening,
  Gender,
  Handover,
  Identification,
  IsoDate,
  Line,
  Money,
  OrganisationRef,
  Person,
  PersonFields,
  RapidScreening,
  Referral,
  ReintegrationPlan,
  ReturnPlan,
  RiskAssessment,
  RiskFactor,
  RiskLevel,
  SafetyPlan,
  Score,
  ScoreWeights,
  Screening,
  ScreeningOutcome,
  ServiceProvider,
  ServiceType,
  SharingPurpose,
  Stage,
  Text,
  TimelineEntry,
  TransitionStatus,
  AssistanceType,
  ConsentRecipient,
  DimensionScores,
  ReferralReason,
  RecordId,
  Username,
  ATTACHMENT_HARD_LIMIT,
  CaseNote,
  patchOf,
} from '../domain/cases';

/**
 * Case management (docs/cases.md): registration with search-before-create, screening, risk, consent,
 * referral and assistance, return and handover, reintegration and follow-up, notes, tasks,
 * attachments, assignment, closure and reopening, lists and search.
 *
 * Who may call what (the dispatcher checks the role; the core also checks each case):
 *  - case staff (admin, case_manager, case_worker) open and change cases; a case_worker only the cases
 *    assigned to them, unless the workspace setting `caseWorkerScope` is 'organisation';
 *  - supervisors (admin, case_manager) also assign, approve closure and cross-border handover, reopen,
 *    and may override a missing consent with a reason;
 *  - me_officer and exchange_officer list cases without names or contacts (pseudonymised rows);
 *  - viewer sees aggregates only (cases.stats).
 */

export const CASE_STAFF = ['admin', 'case_manager', 'case_worker'] as const;
export const SUPERVISORS = ['admin', 'case_manager'] as const;
export const CASE_LISTERS = [...CASE_STAFF, 'me_officer', 'exchange_officer'] as const;

/** The envelope fields every stored record carries, beside its data. */
export const StoredMeta = z.object({ id: RecordId, ownerOrg: z.string(), updatedAt: z.string(), updatedBy: z.string() });
const stored = <S extends z.ZodType>(schema: S) => z.intersection(schema, StoredMeta);

export const StoredCase = stored(CaseRecord);
export const StoredScreening = stored(Screening);
export const StoredRisk = stored(RiskAssessment);
export const StoredConsent = z.intersection(stored(ConsentRecord), z.object({ active: z.boolean() }));
export const StoredReferral = stored(Referral);
export const StoredHandover = stored(Handover);
export const StoredAssistance = stored(Assistance);
export const StoredReturn = stored(ReturnPlan);
export const StoredReintegrationPlan = stored(ReintegrationPlan);
export const StoredFollowUp = stored(FollowUp);
export const StoredTask = stored(CaseTask);
export const StoredAttachment = stored(AttachmentMeta);
export const StoredProvider = stored(ServiceProvider);

/** A note as shown: the text of a confidential note is withheld from those who may not read it. */
export const NoteView = StoredMeta.extend({
  caseId: RecordId,
  cco_CaseComment: z.string().nullable(),
  confidential: z.boolean(),
  withheld: z.boolean(),
  authoredBy: z.string(),
  writtenAt: z.string(),
});
export type NoteView = z.infer<typeof NoteView>;

const AgeBand = z.enum(AGE_BANDS);
export const TraffickingScopeView = z.enum(['international', 'internal', 'unknown']);

/** One row of a case list. `namesHidden` rows (pseudonymised) carry no name and no exact age. */
export const CaseRow = z.object({
  caseId: RecordId,
  caseNumber: z.string(),
  displayName: z.string().nullable(),
  namesHidden: z.boolean(),
  gender: Gender,
  age: z.number().int().nullable(),
  ageBand: AgeBand.nullable(),
  citizenships: z.array(z.string()),
  stage: Stage,
  status: CaseStatus,
  assignee: z.string().nullable(),
  riskLevel: RiskLevel.nullable(),
  screeningOutcome: ScreeningOutcome.nullable(),
  exploitation: z.array(ExploitationType),
  scope: TraffickingScopeView,
  registeredAt: z.string(),
  identifiedOn: z.string(),
  updatedAt: z.string(),
  nextDue: z.string().nullable(),
  overdue: z.boolean(),
  closurePending: z.boolean(),
  possibleDuplicate: z.boolean(),
  demo: z.boolean(),
  ownerOrg: z.string(),
});
export type CaseRow = z.infer<typeof CaseRow>;

export const SORT_FIELDS = ['registered', 'updated', 'identified', 'caseNumber', 'risk', 'due'] as const;

export const CaseListInput = z.object({
  /** all: every case the user may see; mine: assigned to me; overdue: something is past its due date. */
  view: z.enum(['all', 'mine', 'overdue']).default('all'),
  stage: z.array(Stage).max(6).optional(),
  status: z.array(CaseStatus).max(4).optional(),
  risk: z.array(z.union([RiskLevel, z.literal('unassessed')])).max(4).optional(),
  /** A user name, or null for unassigned cases. */
  assignee: z.string().max(64).nullable().optional(),
  citizenship: z.array(CountryCode).max(20).optional(),
  exploitation: z.array(ExploitationType).max(12).optional(),
  gender: z.array(Gender).max(6).optional(),
  screeningOutcome: z.array(ScreeningOutcome).max(4).optional(),
  scope: TraffickingScopeView.optional(),
  registeredFrom: IsoDate.optional(),
  registeredTo: IsoDate.optional(),
  identifiedFrom: IsoDate.optional(),
  identifiedTo: IsoDate.optional(),
  closurePending: z.boolean().optional(),
  possibleDuplicate: z.boolean().optional(),
  demo: z.boolean().optional(),
  /** Free text over names, aliases, case number, phones (staff only). */
  text: z.string().trim().max(200).optional(),
  sort: z.enum(SORT_FIELDS).default('registered'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Count the matching cases too, up to a cap (`totalCapped` says when there are more). */
  withTotal: z.boolean().default(false),
});
export type CaseListInput = z.infer<typeof CaseListInput>;

export const CaseListOutput = z.object({
  rows: z.array(CaseRow),
  nextCursor: z.string().nullable(),
  total: z.number().int().nullable(),
  /** True when more cases match than were counted: `total` is then a lower bound. */
  totalCapped: z.boolean().default(false),
});

/** What the duplicate check compares. */
export const DuplicateProbeInput = z.object({
  prs_FirstName: Line(200),
  prs_MiddleName: Line(200).optional(),
  prs_SecondName: Line(200).optional(),
  aliases: z.array(Line(200)).max(20).default([]),
  prs_Gender: Gender.optional(),
  prs_Birthdate: IsoDate.optional(),
  estimatedAge: z.number().int().min(0).max(120).optional(),
  estimatedAgeOn: IsoDate.optional(),
  prs_Citizenship: z.array(CountryCode).max(5).default([]),
  prs_IdentityNumber: Line(60).optional(),
  prs_MobilePhone: z.string().max(40).optional(),
  /** Leave this case out (checking an existing case against the others). */
  excludeCaseId: RecordId.optional(),
});

export const DuplicateCandidate = z.object({
  caseId: RecordId,
  caseNumber: z.string(),
  score: z.number(),
  strong: z.boolean(),
  parts: z.object({ name: z.number(), birth: z.number().nullable(), citizenship: z.number().nullable(), sameIdentifier: z.boolean() }),
  /** False when the user may not open that case: it is shown without name, so that they ask its case worker. */
  accessible: z.boolean(),
  displayName: z.string().nullable(),
  stage: Stage,
  assignee: z.string().nullable(),
  registeredAt: z.string(),
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;

export const CaseDerived = z.object({
  displayName: z.string(),
  ageNow: z.number().int().nullable(),
  ageAtRegistration: z.number().int().nullable(),
  ageBand: AgeBand.nullable(),
  child: z.boolean(),
  scope: TraffickingScopeView,
  countries: z.object({ origin: z.array(z.string()), transit: z.array(z.string()), exploitation: z.array(z.string()) }),
  exploitationMonths: z.number().int().nullable(),
  screeningOutcome: ScreeningOutcome.nullable(),
  riskLevel: RiskLevel.nullable(),
  reintegrationPlan: z.object({ dueOn: z.string().nullable(), overdue: z.boolean(), late: z.boolean() }),
  nextDue: z.string().nullable(),
  overdueItems: z.number().int(),
  closurePending: z.boolean(),
  latestComposite: Score.nullable(),
});

/** What the current user may do on this case (the core checks again on every call). */
export const CasePermissions = z.object({
  write: z.boolean(),
  assign: z.boolean(),
  approve: z.boolean(),
  overrideConsent: z.boolean(),
  reopen: z.boolean(),
  readConfidentialNotes: z.boolean(),
});

export const CaseView = z.object({
  case: StoredCase,
  derived: CaseDerived,
  permissions: CasePermissions,
  screenings: z.array(StoredScreening),
  riskAssessments: z.array(StoredRisk),
  consents: z.array(StoredConsent),
  referrals: z.array(StoredReferral),
  handovers: z.array(StoredHandover),
  assistance: z.array(StoredAssistance),
  returns: z.array(StoredReturn),
  reintegrationPlans: z.array(StoredReintegrationPlan),
  followups: z.array(StoredFollowUp),
  notes: z.array(NoteView),
  tasks: z.array(StoredTask),
  attachments: z.array(StoredAttachment),
});
export type CaseView = z.infer<typeof CaseView>;

const Count = z.object({ key: z.string(), count: z.number().int() });
export const CaseStats = z.object({
  total: z.number().int(),
  byStage: z.array(Count),
  byStatus: z.array(Count),
  byRisk: z.array(Count),
  byGender: z.array(Count),
  byScope: z.array(Count),
  byCitizenship: z.array(Count),
  byExploitation: z.array(Count),
  byYear: z.array(Count),
  overdue: z.number().int(),
  closurePending: z.number().int(),
  demo: z.number().int(),
});

export const CaseSettings = z.object({
  /** Which cases a case_worker may open: those assigned to them, or every case of the workspace. */
  caseWorkerScope: z.enum(['assigned', 'organisation']),
  attachmentMaxBytes: z.number().int().min(1024).max(ATTACHMENT_HARD_LIMIT),
  /** The reintegration score weights in use; earlier versions stay valid for the scores made with them. */
  activeWeightsVersion: z.string(),
  scoreWeights: z.array(ScoreWeights),
});
export type CaseSettings = z.infer<typeof CaseSettings>;

/** A supervisor's override of a missing consent: the reason is kept with the action and in the audit log. */
const ConsentOverrideInput = z.object({ reason: Text(2000).pipe(z.string().min(10, 'Explain in at least 10 characters why the person’s consent is not needed here.')) });

export const ConsentNeedInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('referral'), providerId: RecordId }),
  z.object({ kind: z.literal('handover'), returnId: RecordId }),
  z.object({ kind: z.literal('share'), orgCode: z.string().trim().toUpperCase().min(2).max(40), purpose: SharingPurpose }),
]);

export const DueItem = z.object({
  caseId: RecordId,
  caseNumber: z.string(),
  kind: z.enum(['task', 'followup', 'reintegration_plan']),
  recordId: RecordId.nullable(),
  title: z.string().nullable(),
  dueDate: z.string(),
  assignee: z.string().nullable(),
  overdue: z.boolean(),
});
export type DueItem = z.infer<typeof DueItem>;

const byId = z.object({ id: RecordId });
const ok = z.object({ ok: z.literal(true) });

export const casesContract = {
  // Registration, search, lists
  'cases.search': method({
    input: z.object({ query: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(50).default(20) }),
    /** `more`: more cases match than were ranked; the rows are the best of the most recent matches (type more to narrow). */
    output: z.object({ rows: z.array(CaseRow), tooShort: z.boolean(), more: z.boolean().default(false) }),
    access: CASE_STAFF,
    readsPersonalData: true,
  }),
  'cases.duplicates': method({ input: DuplicateProbeInput, output: z.array(DuplicateCandidate), access: CASE_STAFF, readsPersonalData: true }),
  'cases.register': method({
    input: z.object({ person: Person, identification: Identification, assignee: Username.optional() }),
    output: z.object({ caseId: RecordId, caseNumber: z.string(), duplicates: z.array(DuplicateCandidate) }),
    access: CASE_STAFF,
  }),
  'cases.get': method({ input: byId, output: CaseView, access: CASE_STAFF, readsPersonalData: true, auditRecord: { type: 'case', idParam: 'id' } }),
  'cases.list': method({ input: CaseListInput, output: CaseListOutput, access: CASE_LISTERS, readsPersonalData: true }),
  'cases.stats': method({ input: z.object({ demo: z.boolean().optional() }), output: CaseStats, access: ALL_ROLES }),
  'cases.timeline': method({ input: byId, output: z.object({ entries: z.array(TimelineEntry) }), access: CASE_STAFF, readsPersonalData: true, auditRecord: { type: 'case', idParam: 'id' } }),
  'cases.update': method({
    input: z.object({ id: RecordId, person: patchOf(PersonFields).optional(), identification: patchOf(Identification).optional() }),
    output: CaseRow,
    access: CASE_STAFF,
  }),
  /** The people cases can be assigned to: enabled case workers and case managers (for the assign and task forms). */
  'cases.assignees': method({
    input: z.object({}),
    output: z.array(z.object({ username: z.string(), displayName: z.string(), role: z.enum(CASE_STAFF) })),
    access: CASE_STAFF,
  }),
  'cases.assign': method({ input: z.object({ id: RecordId, assignee: Username.nullable() }), output: CaseRow, access: SUPERVISORS }),
  'cases.setStage': method({ input: z.object({ id: RecordId, stage: Stage, reason: Text(2000).optional() }), output: CaseRow, access: CASE_STAFF }),
  'cases.resolveDuplicate': method({
    input: z.object({ id: RecordId, otherCaseId: RecordId, resolution: z.enum(['not_duplicate', 'duplicate']) }),
    output: CaseRow,
    access: SUPERVISORS,
  }),
  'cases.requestClosure': method({
    input: z.object({ id: RecordId, reason: ClosureReason, cas_ReasonForCaseClosure: Text(5000).pipe(z.string().min(3, 'Say why the case is closed.')) }),
    output: CaseRow,
    access: CASE_STAFF,
  }),
  'cases.approveClosure': method({
    input: z.object({ id: RecordId, decision: z.enum(['approve', 'reject']), comment: Text(2000).optional() }),
    output: CaseRow,
    access: SUPERVISORS,
  }),
  'cases.reopen': method({ input: z.object({ id: RecordId, reason: Text(2000).pipe(z.string().min(3, 'Say why the case is reopened.')) }), output: CaseRow, access: SUPERVISORS }),

  // Screening and risk
  'screening.recordRapid': method({ input: RapidScreening.omit({ kind: true, screenedBy: true }).extend({ screenedBy: Username.optional() }), output: StoredScreening, access: CASE_STAFF }),
  'screening.recordFull': method({ input: FullScreening.omit({ kind: true, screenedBy: true }).extend({ screenedBy: Username.optional() }), output: StoredScreening, access: CASE_STAFF }),
  'risk.assess': method({
    input: z.object({
      caseId: RecordId,
      assessedOn: IsoDate,
      factors: z.array(RiskFactor).max(60),
      /** Leave out to take the suggested level (shared/domain/cases/risk.ts). */
      overallLevel: RiskLevel.optional(),
      safetyPlan: SafetyPlan.optional(),
    }),
    output: z.intersection(StoredRisk, z.object({ suggestedLevel: RiskLevel })),
    access: CASE_STAFF,
  }),

  // Consent
  'consent.record': method({
    input: z.object({
      caseId: RecordId,
      purpose: ConsentRecord.shape.purpose,
      con_Consent: z.boolean(),
      recipient: ConsentRecipient.optional(),
      sharingPurposes: z.array(SharingPurpose).max(4).default([]),
      takenOn: IsoDate,
      method: z.enum(['written', 'verbal', 'thumbprint', 'guardian']),
      language: LanguageCode.optional(),
      interpreterUsed: z.boolean().default(false),
      guardianName: Text(200).optional(),
      validUntil: IsoDate.optional(),
      notes: Text(2000).optional(),
    }),
    output: StoredConsent,
    access: CASE_STAFF,
  }),
  'consent.withdraw': method({ input: z.object({ id: RecordId, withdrawnOn: IsoDate, reason: Text(2000).optional() }), output: StoredConsent, access: CASE_STAFF }),
  'consent.check': method({
    input: z.object({ caseId: RecordId, need: ConsentNeedInput }),
    output: z.object({ allowed: z.boolean(), consentIds: z.array(RecordId), message: z.string().nullable() }),
    access: CASE_STAFF,
    // Reads the case's consents (who agreed to what): a read of the victim's personal data.
    readsPersonalData: true,
    auditRecord: { type: 'case', idParam: 'caseId' },
  }),

  // Service directory
  'providers.list': method({
    input: z.object({ query: z.string().trim().max(100).optional(), service: ServiceType.optional(), country: CountryCode.optional(), includeInactive: z.boolean().default(false) }),
    output: z.array(StoredProvider),
    access: ALL_ROLES,
  }),
  'providers.save': method({ input: z.object({ id: RecordId.optional(), provider: ServiceProvider }), output: StoredProvider, access: SUPERVISORS }),

  // Referral and assistance
  'referrals.create': method({
    input: z.object({
      caseId: RecordId,
      providerId: RecordId,
      services: z.array(ServiceType).min(1),
      urgency: z.enum(['routine', 'urgent', 'emergency']).default('routine'),
      cas_ReasonForOutgoingReferral: ReferralReason.default('AdditionalServicesRequired'),
      cas_OutgoingReferralDate: IsoDate,
      cas_OutgoingReferralDetails: Text(5000).optional(),
      cas_ReferredPrimaryCaseWorker: Line(200).optional(),
      consentOverride: ConsentOverrideInput.optional(),
    }),
    output: StoredReferral,
    access: CASE_STAFF,
  }),
  'referrals.setStatus': method({ input: z.object({ id: RecordId, status: TransitionStatus, comment: Text(2000).optional() }), output: StoredReferral, access: CASE_STAFF }),
  'assistance.record': method({
    input: z.object({
      caseId: RecordId,
      type: AssistanceType,
      providerId: RecordId.optional(),
      /** Needed when the provider is not in the directory. */
      provider: OrganisationRef.optional(),
      referralId: RecordId.optional(),
      startDate: IsoDate,
      endDate: IsoDate.optional(),
      description: Text(5000).optional(),
      cost: Money.optional(),
      fundedBy: Line(200).optional(),
    }),
    output: StoredAssistance,
    access: CASE_STAFF,
  }),
  'assistance.update': method({
    input: z.object({ id: RecordId, endDate: IsoDate.optional(), description: Text(5000).optional(), cost: Money.optional(), fundedBy: Line(200).optional() }),
    output: StoredAssistance,
    access: CASE_STAFF,
  }),

  // Return and handover
  'returns.save': method({ input: z.object({ caseId: RecordId, id: RecordId.optional(), plan: ReturnPlan.omit({ caseId: true }) }), output: StoredReturn, access: CASE_STAFF }),
  'returns.requestHandover': method({ input: z.object({ returnId: RecordId, consentOverride: ConsentOverrideInput.optional() }), output: StoredHandover, access: CASE_STAFF }),
  'returns.approveHandover': method({
    input: z.object({ id: RecordId, decision: z.enum(['approve', 'reject']), comment: Text(2000).optional() }),
    output: StoredHandover,
    access: SUPERVISORS,
  }),
  'returns.setHandoverStatus': method({ input: z.object({ id: RecordId, status: TransitionStatus, comment: Text(2000).optional() }), output: StoredHandover, access: CASE_STAFF }),

  // Reintegration and follow-up
  'reintegration.savePlan': method({
    input: z.object({ caseId: RecordId, id: RecordId.optional(), plan: ReintegrationPlan.omit({ caseId: true, plannedBy: true }) }),
    output: StoredReintegrationPlan,
    access: CASE_STAFF,
  }),
  'reintegration.weights': method({ input: z.object({}), output: z.object({ active: ScoreWeights, versions: z.array(ScoreWeights) }), access: ALL_ROLES }),
  'followups.schedule': method({ input: z.object({ caseId: RecordId, kind: z.enum(FOLLOWUP_KINDS), dueDate: IsoDate }), output: StoredFollowUp, access: CASE_STAFF }),
  'followups.cancel': method({ input: z.object({ id: RecordId, reason: Text(1000).optional() }), output: StoredFollowUp, access: CASE_STAFF }),
  'followups.record': method({
    input: z.object({
      id: RecordId,
      visitDate: IsoDate,
      scores: DimensionScores.optional(),
      observations: Text(10_000).optional(),
      nextSteps: Text(5000).optional(),
      /** Schedules the next follow-up of the same kind. */
      nextDueDate: IsoDate.optional(),
    }),
    output: StoredFollowUp,
    access: CASE_STAFF,
  }),

  // Around the case
  'notes.add': method({ input: z.object({ caseId: RecordId, cco_CaseComment: CaseNote.shape.cco_CaseComment, confidential: z.boolean().default(false) }), output: NoteView, access: CASE_STAFF }),
  'tasks.add': method({
    input: z.object({ caseId: RecordId, title: Line(300), dueDate: IsoDate, assignee: Username.optional(), notes: Text(2000).optional() }),
    output: StoredTask,
    access: CASE_STAFF,
  }),
  'tasks.complete': method({ input: z.object({ id: RecordId, doneOn: IsoDate.optional() }), output: StoredTask, access: CASE_STAFF }),
  'tasks.due': method({
    input: z.object({ mine: z.boolean().default(true), overdueOnly: z.boolean().default(false), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.array(DueItem),
    access: CASE_STAFF,
  }),
  'attachments.upload': method({
    input: z.object({
      caseId: RecordId,
      fileName: z.string().min(1).max(300),
      description: Text(1000).optional(),
      /** The file, base64; its size and type are checked by the core. */
      contentBase64: z.base64().max(Math.ceil((ATTACHMENT_HARD_LIMIT * 4) / 3) + 8),
    }),
    output: StoredAttachment,
    access: CASE_STAFF,
  }),
  'attachments.download': method({
    input: byId,
    output: z.object({ attachment: StoredAttachment, contentBase64: z.string() }),
    access: CASE_STAFF,
    readsPersonalData: true,
    auditRecord: { type: 'attachment', idParam: 'id' },
  }),
  'attachments.remove': method({ input: z.object({ id: RecordId, reason: Text(1000).pipe(z.string().min(3)) }), output: ok, access: SUPERVISORS }),

  // Settings and demo data
  'caseSettings.get': method({ input: z.object({}), output: CaseSettings, access: ALL_ROLES }),
  'caseSettings.update': method({
    input: z.object({
      caseWorkerScope: CaseSettings.shape.caseWorkerScope.optional(),
      attachmentMaxBytes: CaseSettings.shape.attachmentMaxBytes.optional(),
      addScoreWeights: ScoreWeights.optional(),
      activeWeightsVersion: z.string().max(60).optional(),
    }),
    output: CaseSettings,
    access: ['admin'],
  }),
  /** Fills a workspace that holds no real case with synthetic demo cases (progress events; cancellable). */
  'demo.generate': method({
    input: z.object({ cases: z.number().int().min(1).max(1_000_000), seed: z.number().int().min(0).max(2 ** 31).default(20240601) }),
    output: z.object({ created: z.number().int(), totalDemoCases: z.number().int() }),
    access: ['admin'],
    longRunning: true,
  }),
};
