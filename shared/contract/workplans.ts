import { z } from 'zod';
import { method, ALL_ROLES } from './define';
import { FilePath } from './exchange';
import { Language } from '../i18n/languages';
import { OrgCode } from '../domain/organisation';
import {
  ActivityData,
  ActivityStatus,
  ActivityUpdate,
  Basis,
  BreakdownRow,
  DueStatus,
  EvidenceRef,
  Frequency,
  IndicatorActual,
  IndicatorData,
  IndicatorValue,
  IsoDay,
  Measure,
  OutcomeData,
  OutputData,
  Period,
  PillarData,
  PlanData,
  patchOf,
  ProgressStatus,
  Rag,
  RagThresholds,
  RecordId,
  ResultLevel,
  ReviewData,
  WorkplanData,
} from '../domain/workplans';

/**
 * NPA plans, annual workplans and indicator progress (docs/workplans.md): the plan structure (held by the
 * secretariat), progress reports (kept by each responsible agency) and the secretariat's reviews, the
 * reporting calendar, the dashboard, the XLSX template / import / national report, and the DHIS2 export.
 *
 * Who may do what beyond the role: only the organisation holding a plan (its secretariat) changes its
 * structure and approves or returns progress; an agency's progress is entered only in that agency's own
 * workspace, for its own indicators and activities (FORBIDDEN otherwise).
 */

const writers = ['admin', 'me_officer'] as const;
const reporters = ['admin', 'me_officer', 'viewer'] as const;

const Meta = { id: RecordId, ownerOrg: z.string(), updatedAt: z.string(), updatedBy: z.string() };
const Removed = z.object({ id: RecordId, removed: z.literal(true) });

// ---- Views -------------------------------------------------------------------------------------

export const PlanView = PlanData.extend({ ...Meta, /** This workspace's organisation holds the plan (is its secretariat). */ isHolder: z.boolean() });
export type PlanView = z.infer<typeof PlanView>;
export const PillarView = PillarData.extend(Meta);
export const OutcomeView = OutcomeData.extend(Meta);
export const OutputView = OutputData.extend(Meta);
export const ActivityView = ActivityData.extend(Meta);
export type ActivityView = z.infer<typeof ActivityView>;
export const IndicatorView = IndicatorData.extend(Meta);
export type IndicatorView = z.infer<typeof IndicatorView>;
export const WorkplanView = WorkplanData.extend(Meta);
export const ReviewView = ReviewData.extend(Meta);

/** An agency of the plan: from the plan, this organisation, and the partner directory. */
export const AgencyView = z.object({ code: z.string(), name: z.string(), own: z.boolean(), inDirectory: z.boolean(), inPlan: z.boolean() });

export const PlanSummary = z.object({
  id: RecordId,
  title: z.string(),
  country: z.string(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  version: z.string(),
  status: PlanData.shape.status,
  ownerOrg: z.string(),
  isHolder: z.boolean(),
  counts: z.object({ pillars: z.number().int(), outcomes: z.number().int(), outputs: z.number().int(), activities: z.number().int(), indicators: z.number().int() }),
});

export const PlanTree = z.object({
  plan: PlanView,
  pillars: z.array(PillarView),
  outcomes: z.array(OutcomeView),
  outputs: z.array(OutputView),
  activities: z.array(ActivityView),
  indicators: z.array(IndicatorView),
  workplans: z.array(WorkplanView),
  agencies: z.array(AgencyView),
});
export type PlanTree = z.infer<typeof PlanTree>;

export const ProgressView = z.object({
  ...Meta,
  planId: RecordId,
  agency: z.string(),
  agencyName: z.string(),
  period: z.string(),
  /** Where it stands, from the report and the secretariat's reviews. */
  status: ProgressStatus,
  revision: z.number().int(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  indicatorActuals: z.array(IndicatorActual),
  activityUpdates: z.array(ActivityUpdate),
  narrative: z.string(),
  evidence: z.array(EvidenceRef),
  reviews: z.array(ReviewView),
  /** Comments of the review that returned the current revision, when it was returned. */
  returnedComments: z.string().nullable(),
  dueDate: z.string(),
  overdue: z.boolean(),
  /** What this session may do with it (the core checks again). */
  canEdit: z.boolean(),
  canSubmit: z.boolean(),
  canReview: z.boolean(),
});
export type ProgressView = z.infer<typeof ProgressView>;

export const ProgressSummary = ProgressView.pick({ id: true, planId: true, agency: true, agencyName: true, period: true, status: true, revision: true, submittedAt: true, dueDate: true, overdue: true, updatedAt: true }).extend({
  indicators: z.number().int(),
  activities: z.number().int(),
});

export const ComputedActual = z.object({ value: IndicatorValue.nullable(), breakdown: z.array(BreakdownRow), note: z.string() });

/** What an agency reports for a period: its indicators and activities, with the report so far. */
export const ProgressForm = z.object({
  planId: RecordId,
  planTitle: z.string(),
  agency: z.string(),
  agencyName: z.string(),
  period: z.string(),
  dueDate: z.string(),
  report: ProgressView.nullable(),
  indicators: z.array(
    z.object({
      id: RecordId,
      code: z.string(),
      title: z.string(),
      measure: Measure,
      ascending: z.boolean(),
      frequency: Frequency,
      disaggregation: IndicatorData.shape.disaggregation,
      baseline: IndicatorValue.nullable(),
      target: IndicatorValue.nullable(),
      computedFrom: IndicatorData.shape.computedFrom,
      /** From this workspace's case data, when the indicator is computed and case data is here. */
      computed: ComputedActual.nullable(),
    }),
  ),
  activities: z.array(
    z.object({
      id: RecordId,
      code: z.string(),
      title: z.string(),
      plannedStatus: ActivityStatus,
      start: z.string(),
      end: z.string(),
      milestone: z.string(),
      lastUpdate: ActivityUpdate.extend({ period: z.string() }).nullable(),
    }),
  ),
  caseDataAvailable: z.boolean(),
});
export type ProgressForm = z.infer<typeof ProgressForm>;

export const DueItem = z.object({
  agency: z.string(),
  agencyName: z.string(),
  period: z.string(),
  frequency: Frequency,
  dueDate: z.string(),
  status: DueStatus,
  overdue: z.boolean(),
  daysLate: z.number().int(),
  progressId: RecordId.nullable(),
  indicators: z.array(z.object({ id: RecordId, code: z.string(), title: z.string() })),
  activities: z.array(z.object({ id: RecordId, code: z.string(), title: z.string() })),
});
export type DueItem = z.infer<typeof DueItem>;

const StatusCounts = z.object({ due: z.number().int(), missing: z.number().int(), draft: z.number().int(), submitted: z.number().int(), approved: z.number().int(), returned: z.number().int(), overdue: z.number().int() });

export const Calendar = z.object({
  planId: RecordId,
  asOf: z.string(),
  from: z.string(),
  to: z.string(),
  items: z.array(DueItem),
  byAgency: z.array(StatusCounts.extend({ agency: z.string(), agencyName: z.string() })),
  totals: StatusCounts,
});
export type Calendar = z.infer<typeof Calendar>;

const countsOf = <T extends z.ZodEnum>(e: T) => z.record(e, z.number().int());

export const SeriesPoint = z.object({ period: z.string(), target: IndicatorValue.nullable(), actual: IndicatorValue.nullable(), achievement: z.number().nullable(), rag: Rag });

export const DashboardIndicator = z.object({
  id: RecordId,
  code: z.string(),
  title: z.string(),
  pillarId: RecordId.nullable(),
  resultLevel: ResultLevel,
  resultCode: z.string(),
  measure: Measure,
  ascending: z.boolean(),
  frequency: Frequency,
  responsibleAgency: z.string(),
  responsibleAgencyName: z.string(),
  baseline: IndicatorValue.nullable(),
  /** Whether the indicator has a figure for the period (a yearly one has none for a quarter). */
  applicable: z.boolean(),
  target: IndicatorValue.nullable(),
  actual: IndicatorValue.nullable(),
  achievement: z.number().nullable(),
  rag: Rag,
  breakdown: z.array(BreakdownRow),
  computed: z.boolean(),
  /** The indicator's own periods inside the asked period that have an actual. */
  reportedPeriods: z.array(z.string()),
  comments: z.array(z.object({ period: z.string(), comment: z.string() })),
  /** Every period of the indicator's frequency from the plan's start to the end of the asked period. */
  series: z.array(SeriesPoint),
});
export type DashboardIndicator = z.infer<typeof DashboardIndicator>;

export const DashboardActivity = z.object({
  id: RecordId,
  code: z.string(),
  title: z.string(),
  pillarId: RecordId.nullable(),
  outputCode: z.string(),
  leadAgency: z.string(),
  leadAgencyName: z.string(),
  workplanYear: z.number().int(),
  start: z.string(),
  end: z.string(),
  budget: z.number().nullable(),
  currency: z.string().nullable(),
  /** From the latest counted progress update up to the period's end, else as planned. */
  status: ActivityStatus,
  percentComplete: z.number().nullable(),
  reportedPeriod: z.string().nullable(),
  narrative: z.string(),
});
export type DashboardActivity = z.infer<typeof DashboardActivity>;

export const Dashboard = z.object({
  plan: z.object({ id: RecordId, title: z.string(), country: z.string(), startYear: z.number().int(), endYear: z.number().int(), version: z.string(), status: PlanData.shape.status }),
  period: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  basis: Basis,
  asOf: z.string(),
  thresholds: RagThresholds,
  pillars: z.array(
    z.object({
      id: RecordId,
      code: z.string(),
      title: z.string(),
      activities: z.object({ total: z.number().int(), byStatus: countsOf(ActivityStatus) }),
      indicators: z.object({ total: z.number().int(), byRag: countsOf(Rag) }),
      budget: z.array(z.object({ currency: z.string(), amount: z.number() })),
    }),
  ),
  indicators: z.array(DashboardIndicator),
  activities: z.array(DashboardActivity),
  totals: z.object({ activitiesByStatus: countsOf(ActivityStatus), indicatorsByRag: countsOf(Rag) }),
  /** Reports due for periods inside the asked period, by agency. */
  reporting: z.object({ byAgency: z.array(StatusCounts.extend({ agency: z.string(), agencyName: z.string() })), totals: StatusCounts }),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const SheetProblem = z.object({ sheet: z.string(), row: z.number().int().nullable(), column: z.string().nullable(), message: z.string() });
export type SheetProblem = z.infer<typeof SheetProblem>;

export const SpreadsheetImport = z.object({
  mode: z.enum(['preview', 'apply']),
  /** Every problem found; nothing is imported while there is one. */
  problems: z.array(SheetProblem),
  imported: z.boolean(),
  planId: RecordId.nullable(),
  plan: z.object({ title: z.string(), country: z.string(), startYear: z.number().int(), endYear: z.number().int() }).nullable(),
  counts: z.object({ pillars: z.number().int(), outcomes: z.number().int(), outputs: z.number().int(), activities: z.number().int(), indicators: z.number().int(), targets: z.number().int(), workplans: z.number().int() }),
});
export type SpreadsheetImport = z.infer<typeof SpreadsheetImport>;

// ---- Inputs ------------------------------------------------------------------------------------

const PlanFields = PlanData.omit({ agencies: true });
const PlanPatch = patchOf(PlanData).omit({ country: true });

const withId = { planId: RecordId, id: RecordId.optional() };

export const PillarInput = PillarData.omit({ planId: true }).extend(withId);
export const OutcomeInput = OutcomeData.omit({ planId: true }).extend(withId);
export const OutputInput = OutputData.omit({ planId: true }).extend(withId);
export const ActivityInput = ActivityData.omit({ planId: true }).extend(withId);
export type ActivityInput = z.output<typeof ActivityInput>;
export const IndicatorInput = IndicatorData.omit({ planId: true }).extend(withId);
export type IndicatorInput = z.output<typeof IndicatorInput>;

export const SaveDraftInput = z.object({
  planId: RecordId,
  period: Period,
  /** The reporting agency; must be this workspace's organisation (default). */
  agency: OrgCode.optional(),
  indicatorActuals: z.array(IndicatorActual).max(2000).default([]),
  activityUpdates: z.array(ActivityUpdate).max(2000).default([]),
  narrative: z.string().trim().max(20000).default(''),
  evidence: z.array(EvidenceRef).max(200).default([]),
  /** Replace the actuals of computed indicators with the figures from this workspace's case data. */
  fillComputed: z.boolean().default(false),
});
export type SaveDraftInput = z.output<typeof SaveDraftInput>;

const Comments = z.string().trim().max(5000);

export const workplansContract = {
  'plans.list': method({ input: z.object({}), output: z.array(PlanSummary), access: ALL_ROLES }),
  'plans.get': method({ input: z.object({ planId: RecordId }), output: PlanTree, access: ALL_ROLES }),
  /** A new plan held by this organisation; starts with the four default pillars unless told otherwise. */
  'plans.create': method({
    input: PlanFields.extend({ defaultPillars: z.boolean().default(true), language: Language.default('en') }),
    output: PlanView,
    access: writers,
  }),
  /** Changes plan fields; `agencies` must be this organisation or partners of the directory. */
  'plans.update': method({ input: z.object({ planId: RecordId, patch: PlanPatch }), output: PlanView, access: writers }),
  /** Removes an empty plan (remove its pillars first). */
  'plans.remove': method({ input: z.object({ planId: RecordId }), output: Removed, access: writers }),

  'pillars.save': method({ input: PillarInput, output: PillarView, access: writers }),
  'pillars.remove': method({ input: z.object({ id: RecordId }), output: Removed, access: writers }),
  'outcomes.save': method({ input: OutcomeInput, output: OutcomeView, access: writers }),
  'outcomes.remove': method({ input: z.object({ id: RecordId }), output: Removed, access: writers }),
  'outputs.save': method({ input: OutputInput, output: OutputView, access: writers }),
  'outputs.remove': method({ input: z.object({ id: RecordId }), output: Removed, access: writers }),

  'activities.list': method({
    input: z.object({ planId: RecordId, agency: OrgCode.optional(), year: z.number().int().optional() }),
    output: z.array(ActivityView),
    access: ALL_ROLES,
  }),
  'activities.save': method({ input: ActivityInput, output: ActivityView, access: writers }),
  'activities.remove': method({ input: z.object({ id: RecordId }), output: Removed, access: writers }),

  'indicators.list': method({ input: z.object({ planId: RecordId, agency: OrgCode.optional() }), output: z.array(IndicatorView), access: ALL_ROLES }),
  /** Creates or replaces an indicator (targets included). */
  'indicators.save': method({ input: IndicatorInput, output: IndicatorView, access: writers }),
  'indicators.remove': method({ input: z.object({ id: RecordId }), output: Removed, access: writers }),

  'workplans.get': method({ input: z.object({ planId: RecordId, year: z.number().int() }), output: WorkplanView.nullable(), access: ALL_ROLES }),
  /** Creates or replaces the annual workplan of a year: its activities and quarterly milestones. */
  'workplans.save': method({ input: WorkplanData, output: WorkplanView, access: writers }),
  'workplans.remove': method({ input: z.object({ id: RecordId }), output: Removed, access: writers }),

  'progress.list': method({
    input: z.object({ planId: RecordId, agency: OrgCode.optional(), period: Period.optional(), status: ProgressStatus.optional() }),
    output: z.array(ProgressSummary),
    access: ALL_ROLES,
  }),
  /** The form of one agency (default: this organisation) for one period, with the report so far. */
  'progress.get': method({ input: z.object({ planId: RecordId, period: Period, agency: OrgCode.optional() }), output: ProgressForm, access: ALL_ROLES }),
  'progress.saveDraft': method({ input: SaveDraftInput, output: ProgressView, access: writers }),
  'progress.submit': method({ input: z.object({ id: RecordId }), output: ProgressView, access: writers }),
  /** The secretariat accepts the submitted revision. */
  'progress.approve': method({ input: z.object({ id: RecordId, comments: Comments.default('') }), output: ProgressView, access: writers }),
  /** The secretariat sends the submitted revision back, saying what to change. */
  'progress.return': method({ input: z.object({ id: RecordId, comments: Comments.min(3, 'Say what the agency should change.') }), output: ProgressView, access: writers }),

  /** Reports due by agency and period, with what is overdue (due dates from each frequency). */
  'calendar.due': method({
    input: z.object({ planId: RecordId, agency: OrgCode.optional(), asOf: IsoDay.optional(), from: IsoDay.optional(), to: IsoDay.optional() }),
    output: Calendar,
    access: ALL_ROLES,
  }),
  'dashboard.get': method({
    input: z.object({ planId: RecordId, period: Period, basis: Basis.default('approved'), asOf: IsoDay.optional() }),
    output: Dashboard,
    access: ALL_ROLES,
  }),

  /** Writes the empty plan template (instructions in `language`, validation lists) to `out`. */
  'xlsx.template': method({ input: z.object({ out: FilePath, language: Language.default('en') }), output: z.object({ path: z.string() }), access: writers }),
  /** Checks a filled template; `apply` imports it as a new plan held by this organisation, all or nothing. Problems are worded in `language`. */
  'xlsx.import': method({ input: z.object({ path: FilePath, mode: z.enum(['preview', 'apply']).default('preview'), language: Language.default('en') }), output: SpreadsheetImport, access: writers, longRunning: true }),
  /** The national progress report for a period as XLSX: a summary and one sheet per pillar. */
  'reports.progressXlsx': method({
    input: z.object({ planId: RecordId, period: Period, out: FilePath, language: Language.default('en'), basis: Basis.default('approved'), asOf: IsoDay.optional() }),
    output: z.object({ path: z.string(), sheets: z.array(z.string()) }),
    access: reporters,
    longRunning: true,
  }),
  /** The national progress report for a period as a printable PDF with charts (the XLSX report's figures). */
  'reports.progressPdf': method({
    input: z.object({ planId: RecordId, period: Period, out: FilePath, language: Language.default('en'), basis: Basis.default('approved'), asOf: IsoDay.optional() }),
    output: z.object({ path: z.string(), pages: z.number().int(), bytes: z.number().int() }),
    access: reporters,
    longRunning: true,
  }),
  /** DHIS2 dataValueSets JSON of the actuals (and targets) inside a period. */
  'dhis2.export': method({
    input: z.object({ planId: RecordId, period: Period, out: FilePath, basis: Basis.default('approved'), includeTargets: z.boolean().default(true) }),
    output: z.object({ path: z.string(), dataValues: z.number().int(), skipped: z.array(z.object({ indicator: z.string(), reason: z.string() })) }),
    access: reporters,
    longRunning: true,
  }),
};

