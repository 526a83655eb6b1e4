import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { api, type BridgeCall } from '../../app/api';

/**
 * NPA plan and workplan endpoints (shared/contract/workplans.ts), injected into the one `api`.
 * Tags: `Plans` (plan list, one plan's tree, workplans), `Progress` (reports, forms, calendar,
 * dashboard). A structure change refreshes both, since progress forms and the dashboard read the plan.
 */
const call = <M extends MethodName>(method: M, params: MethodInput<M>, callId?: string): BridgeCall =>
  callId === undefined ? { method, params } : { method, params, callId };

type WithCallId<T> = T & { callId: string };

/** Structure changes that go through {@link useStructureChangeMutation}. */
export type StructureMethod = Extract<
  MethodName,
  `${'pillars' | 'outcomes' | 'outputs' | 'activities' | 'indicators'}.${'save' | 'remove'}` | 'plans.update' | 'workplans.save'
>;
export type StructureChange = { [M in StructureMethod]: { method: M; params: MethodInput<M> } }[StructureMethod];

const structure = ['Plans', 'Progress', 'Audit'] as const;

export const workplansApi = api.enhanceEndpoints({ addTagTypes: ['Plans', 'Progress'] }).injectEndpoints({
  endpoints: (build) => ({
    plans: build.query<MethodOutput<'plans.list'>, void>({ query: () => call('plans.list', {}), providesTags: ['Plans'] }),
    plan: build.query<MethodOutput<'plans.get'>, string>({ query: (planId) => call('plans.get', { planId }), providesTags: ['Plans'] }),
    createPlan: build.mutation<MethodOutput<'plans.create'>, MethodInput<'plans.create'>>({ query: (p) => call('plans.create', p), invalidatesTags: [...structure] }),
    structureChange: build.mutation<unknown, StructureChange>({ query: ({ method, params }) => call(method, params), invalidatesTags: [...structure] }),
    writeTemplate: build.mutation<MethodOutput<'xlsx.template'>, MethodInput<'xlsx.template'>>({ query: (p) => call('xlsx.template', p), invalidatesTags: ['Audit'] }),
    importSpreadsheet: build.mutation<MethodOutput<'xlsx.import'>, WithCallId<MethodInput<'xlsx.import'>>>({
      query: ({ callId, ...p }) => call('xlsx.import', p, callId),
      invalidatesTags: [...structure],
    }),

    progressList: build.query<MethodOutput<'progress.list'>, MethodInput<'progress.list'>>({ query: (p) => call('progress.list', p), providesTags: ['Progress'] }),
    progressForm: build.query<MethodOutput<'progress.get'>, MethodInput<'progress.get'>>({ query: (p) => call('progress.get', p), providesTags: ['Progress'] }),
    saveDraft: build.mutation<MethodOutput<'progress.saveDraft'>, MethodInput<'progress.saveDraft'>>({ query: (p) => call('progress.saveDraft', p), invalidatesTags: ['Progress', 'Audit'] }),
    submitProgress: build.mutation<MethodOutput<'progress.submit'>, MethodInput<'progress.submit'>>({ query: (p) => call('progress.submit', p), invalidatesTags: ['Progress', 'Audit'] }),
    approveProgress: build.mutation<MethodOutput<'progress.approve'>, MethodInput<'progress.approve'>>({ query: (p) => call('progress.approve', p), invalidatesTags: ['Progress', 'Audit'] }),
    returnProgress: build.mutation<MethodOutput<'progress.return'>, MethodInput<'progress.return'>>({ query: (p) => call('progress.return', p), invalidatesTags: ['Progress', 'Audit'] }),

    calendar: build.query<MethodOutput<'calendar.due'>, MethodInput<'calendar.due'>>({ query: (p) => call('calendar.due', p), providesTags: ['Progress'] }),
    dashboard: build.query<MethodOutput<'dashboard.get'>, MethodInput<'dashboard.get'>>({ query: (p) => call('dashboard.get', p), providesTags: ['Progress', 'Plans'] }),
    progressXlsx: build.mutation<MethodOutput<'reports.progressXlsx'>, WithCallId<MethodInput<'reports.progressXlsx'>>>({
      query: ({ callId, ...p }) => call('reports.progressXlsx', p, callId),
      invalidatesTags: ['Audit'],
    }),
    progressPdf: build.mutation<MethodOutput<'reports.progressPdf'>, WithCallId<MethodInput<'reports.progressPdf'>>>({
      query: ({ callId, ...p }) => call('reports.progressPdf', p, callId),
      invalidatesTags: ['Audit'],
    }),
    dhis2Export: build.mutation<MethodOutput<'dhis2.export'>, WithCallId<MethodInput<'dhis2.export'>>>({
      query: ({ callId, ...p }) => call('dhis2.export', p, callId),
      invalidatesTags: ['Audit'],
    }),
  }),
});

/**
 * Screens still open during a bundle import are refreshed by the import itself (it invalidates `Plans`
 * and `Progress`: RECEIVED_DATA_TAGS in features/exchange/api.ts); a screen opened later reads afresh too.
 */
export const FRESH = { refetchOnMountOrArgChange: true } as const;

export const {
  usePlansQuery,
  usePlanQuery,
  useCreatePlanMutation,
  useStructureChangeMutation,
  useWriteTemplateMutation,
  useImportSpreadsheetMutation,
  useProgressListQuery,
  useProgressFormQuery,
  useSaveDraftMutation,
  useSubmitProgressMutation,
  useApproveProgressMutation,
  useReturnProgressMutation,
  useCalendarQuery,
  useDashboardQuery,
  useProgressXlsxMutation,
  useProgressPdfMutation,
  useDhis2ExportMutation,
} = workplansApi;
