import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { api, type BridgeCall } from '../../app/api';

/**
 * Report endpoints (shared/contract/reports.ts). Reports are long-running calls with progress, asked
 * for with a button, so they are mutations carrying a call id; every one is audited (tag `Audit`).
 */
const call = <M extends MethodName>(method: M, params: MethodInput<M>, callId: string): BridgeCall => ({ method, params, callId });
type WithCallId<T> = T & { callId: string };

export const reportsApi = api.injectEndpoints({
  endpoints: (build) => ({
    demographics: build.mutation<MethodOutput<'reports.demographics'>, WithCallId<MethodInput<'reports.demographics'>>>({
      query: ({ callId, ...p }) => call('reports.demographics', p, callId),
      invalidatesTags: ['Audit'],
    }),
    kpis: build.mutation<MethodOutput<'reports.kpis'>, WithCallId<MethodInput<'reports.kpis'>>>({ query: ({ callId, ...p }) => call('reports.kpis', p, callId), invalidatesTags: ['Audit'] }),
    exportReport: build.mutation<MethodOutput<'reports.export'>, WithCallId<MethodInput<'reports.export'>>>({
      query: ({ callId, ...p }) => call('reports.export', p as MethodInput<'reports.export'>, callId),
      invalidatesTags: ['Audit'],
    }),
  }),
});

export const { useDemographicsMutation, useKpisMutation, useExportReportMutation } = reportsApi;
