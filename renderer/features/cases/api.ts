import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { api } from '../../app/api';

/**
 * Case management endpoints (shared/contract/cases.ts), injected into the one `api`. Tags: `Case`
 * (one case file and its timeline, by id), `CaseList` (lists, searches, duplicate checks),
 * `Providers` (the service directory). Every change refreshes the case, the lists and the audit log.
 */
const withTags = api.enhanceEndpoints({ addTagTypes: ['Case', 'CaseList', 'Providers', 'CaseSettings'] });

/** The case changes that go through {@link useCaseChangeMutation}: any contract method with a case behind it. */
export type CaseChangeMethod = Extract<
  MethodName,
  `${'cases' | 'screening' | 'risk' | 'consent' | 'referrals' | 'assistance' | 'returns' | 'reintegration' | 'followups' | 'notes' | 'tasks' | 'attachments'}.${string}`
>;
export type CaseChange = { [M in CaseChangeMethod]: { method: M; params: MethodInput<M> } }[CaseChangeMethod];

export const casesApi = withTags.injectEndpoints({
  endpoints: (build) => ({
    caseList: build.query<MethodOutput<'cases.list'>, MethodInput<'cases.list'>>({
      query: (params) => ({ method: 'cases.list', params }),
      providesTags: ['CaseList'],
    }),
    /**
     * The case list as the user scrolls: page after page of the same filters, each read with the
     * previous page's keyset cursor; only the first page asks for the (capped) count.
     */
    caseListPages: build.infiniteQuery<MethodOutput<'cases.list'>, Omit<MethodInput<'cases.list'>, 'cursor'>, string | null>({
      infiniteQueryOptions: {
        initialPageParam: null,
        getNextPageParam: (lastPage) => lastPage.nextCursor,
      },
      query: ({ queryArg, pageParam }) => ({
        method: 'cases.list',
        params: pageParam === null ? queryArg : { ...queryArg, cursor: pageParam, withTotal: false },
      }),
      providesTags: ['CaseList'],
    }),
    caseDuplicates: build.query<MethodOutput<'cases.duplicates'>, MethodInput<'cases.duplicates'>>({
      query: (params) => ({ method: 'cases.duplicates', params }),
      providesTags: ['CaseList'],
    }),
    caseGet: build.query<MethodOutput<'cases.get'>, string>({
      query: (id) => ({ method: 'cases.get', params: { id } }),
      providesTags: (_r, _e, id) => [{ type: 'Case', id }],
    }),
    caseTimeline: build.query<MethodOutput<'cases.timeline'>, string>({
      query: (id) => ({ method: 'cases.timeline', params: { id } }),
      providesTags: (_r, _e, id) => [{ type: 'Case', id }],
    }),
    providers: build.query<MethodOutput<'providers.list'>, MethodInput<'providers.list'>>({
      query: (params) => ({ method: 'providers.list', params }),
      providesTags: ['Providers'],
    }),
    caseSettings: build.query<MethodOutput<'caseSettings.get'>, void>({ query: () => ({ method: 'caseSettings.get', params: {} }), providesTags: ['CaseSettings'] }),
    updateCaseSettings: build.mutation<MethodOutput<'caseSettings.update'>, MethodInput<'caseSettings.update'>>({
      query: (params) => ({ method: 'caseSettings.update', params }),
      invalidatesTags: ['CaseSettings', 'Audit'],
    }),
    /** Tasks, follow-ups and reintegration plans due, overdue first (refreshed with the lists). */
    dueItems: build.query<MethodOutput<'tasks.due'>, MethodInput<'tasks.due'>>({
      query: (params) => ({ method: 'tasks.due', params }),
      providesTags: ['CaseList'],
    }),
    registerCase: build.mutation<MethodOutput<'cases.register'>, MethodInput<'cases.register'>>({
      query: (params) => ({ method: 'cases.register', params }),
      invalidatesTags: ['CaseList', 'Audit'],
    }),
    saveProvider: build.mutation<MethodOutput<'providers.save'>, MethodInput<'providers.save'>>({
      query: (params) => ({ method: 'providers.save', params }),
      invalidatesTags: ['Providers', 'Audit'],
    }),
    /** One change to a case; `caseId` says which case file to refresh. */
    caseChange: build.mutation<unknown, CaseChange & { caseId: string }>({
      query: ({ method, params }) => ({ method, params }),
      invalidatesTags: (_r, _e, { caseId }) => [{ type: 'Case', id: caseId }, 'CaseList', 'Audit'],
    }),
    downloadAttachment: build.mutation<MethodOutput<'attachments.download'>, { id: string; caseId: string }>({
      query: ({ id }) => ({ method: 'attachments.download', params: { id } }),
      invalidatesTags: ['Audit'],
    }),
  }),
});

export const {
  useCaseListQuery,
  useCaseListPagesInfiniteQuery,
  useCaseDuplicatesQuery,
  useLazyCaseDuplicatesQuery,
  useCaseGetQuery,
  useCaseTimelineQuery,
  useProvidersQuery,
  useCaseSettingsQuery,
  useUpdateCaseSettingsMutation,
  useDueItemsQuery,
  useRegisterCaseMutation,
  useSaveProviderMutation,
  useCaseChangeMutation,
  useDownloadAttachmentMutation,
} = casesApi;
