import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { api, type BridgeCall } from '../../app/api';

/**
 * The Exchange endpoints (shared/contract/exchange.ts), injected into the app's one `api`.
 * Tags: `Partners` (directory and own card), `Streams` (streams and the sent log), `Conflicts`,
 * `Keys`; every change also refreshes the audit log.
 */

/**
 * What an imported bundle or a resolved conflict may change outside the exchange screens: case files
 * and lists (case bundles), NPA plans, workplans and progress (plan-structure and workplan-progress
 * bundles). Open screens re-read them at once instead of showing what was there before the import.
 */
export const RECEIVED_DATA_TAGS = ['Case', 'CaseList', 'Plans', 'Progress'] as const;

const call = <M extends MethodName>(method: M, params: MethodInput<M>, callId?: string): BridgeCall =>
  callId === undefined ? { method, params } : { method, params, callId };

type WithCallId<T> = T & { callId: string };

export const exchangeApi = api.enhanceEndpoints({ addTagTypes: ['Partners', 'Streams', 'Conflicts', 'Keys', ...RECEIVED_DATA_TAGS] }).injectEndpoints({
  endpoints: (build) => ({
    ownCard: build.query<MethodOutput<'exchange.card'>, void>({ query: () => call('exchange.card', {}), providesTags: ['Partners'] }),
    writeOwnCard: build.mutation<MethodOutput<'exchange.card'>, { out: string }>({ query: (p) => call('exchange.card', p), invalidatesTags: ['Audit'] }),
    partners: build.query<MethodOutput<'partners.list'>, void>({ query: () => call('partners.list', {}), providesTags: ['Partners'] }),
    importPartner: build.mutation<MethodOutput<'partners.import'>, MethodInput<'partners.import'>>({
      query: (p) => call('partners.import', p),
      invalidatesTags: ['Partners', 'Audit'],
    }),
    verifyPartner: build.mutation<MethodOutput<'partners.verify'>, MethodInput<'partners.verify'>>({
      query: (p) => call('partners.verify', p),
      invalidatesTags: ['Partners', 'Audit'],
    }),
    revokePartner: build.mutation<MethodOutput<'partners.revoke'>, MethodInput<'partners.revoke'>>({
      query: (p) => call('partners.revoke', p),
      invalidatesTags: ['Partners', 'Audit'],
    }),
    exportBundle: build.mutation<MethodOutput<'bundles.export'>, WithCallId<MethodInput<'bundles.export'>>>({
      query: ({ callId, ...p }) => call('bundles.export', p, callId),
      invalidatesTags: ['Streams', 'Audit'],
    }),
    inspectBundle: build.mutation<MethodOutput<'bundles.inspect'>, WithCallId<MethodInput<'bundles.inspect'>>>({
      query: ({ callId, ...p }) => call('bundles.inspect', p, callId),
    }),
    importBundle: build.mutation<MethodOutput<'bundles.import'>, WithCallId<MethodInput<'bundles.import'>>>({
      query: ({ callId, ...p }) => call('bundles.import', p, callId),
      invalidatesTags: ['Streams', 'Conflicts', 'Partners', 'Audit', ...RECEIVED_DATA_TAGS],
    }),
    streams: build.query<MethodOutput<'bundles.streams'>, void>({ query: () => call('bundles.streams', {}), providesTags: ['Streams'] }),
    sentBundles: build.query<MethodOutput<'bundles.sent'>, { limit: number }>({ query: (p) => call('bundles.sent', p), providesTags: ['Streams'] }),
    resendBundle: build.mutation<MethodOutput<'bundles.resend'>, MethodInput<'bundles.resend'>>({
      query: (p) => call('bundles.resend', p),
      invalidatesTags: ['Audit'],
    }),
    conflicts: build.query<MethodOutput<'conflicts.list'>, { state: 'open' | 'resolved' | 'superseded' | 'all' }>({
      query: (p) => call('conflicts.list', p),
      providesTags: ['Conflicts'],
    }),
    resolveConflict: build.mutation<MethodOutput<'conflicts.resolve'>, MethodInput<'conflicts.resolve'>>({
      query: (p) => call('conflicts.resolve', p),
      invalidatesTags: ['Conflicts', 'Audit', ...RECEIVED_DATA_TAGS],
    }),
    ownKeys: build.query<MethodOutput<'keys.list'>, void>({ query: () => call('keys.list', {}), providesTags: ['Keys'] }),
    rotateKeys: build.mutation<MethodOutput<'keys.rotate'>, MethodInput<'keys.rotate'>>({
      query: (p) => call('keys.rotate', p),
      invalidatesTags: ['Keys', 'Partners', 'Streams', 'Audit'],
    }),
    exportIdentity: build.mutation<MethodOutput<'keys.exportIdentity'>, MethodInput<'keys.exportIdentity'>>({
      query: (p) => call('keys.exportIdentity', p),
      invalidatesTags: ['Audit'],
    }),
  }),
});

export const {
  useOwnCardQuery,
  useWriteOwnCardMutation,
  usePartnersQuery,
  useImportPartnerMutation,
  useVerifyPartnerMutation,
  useRevokePartnerMutation,
  useExportBundleMutation,
  useInspectBundleMutation,
  useImportBundleMutation,
  useStreamsQuery,
  useSentBundlesQuery,
  useResendBundleMutation,
  useConflictsQuery,
  useResolveConflictMutation,
  useOwnKeysQuery,
  useRotateKeysMutation,
  useExportIdentityMutation,
} = exchangeApi;
