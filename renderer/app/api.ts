import { createApi, type BaseQueryFn } from '@reduxjs/toolkit/query/react';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import type { RpcError } from '../../shared/contract/errors';
import { CANCEL_METHOD } from '../../shared/contract/bridge';
import { getBridge } from './bridge';

/** One call through the bridge: a contract method (or `$cancel`) and its parameters. */
export type BridgeCall = { method: MethodName | typeof CANCEL_METHOD; params: unknown; callId?: string };

const call = <M extends MethodName>(method: M, params: MethodInput<M>, callId?: string): BridgeCall =>
  callId === undefined ? { method, params } : { method, params, callId };

/**
 * The only baseQuery of the renderer (DESIGN §3): `window.counterpart.invoke`, with the core's
 * `{ ok: false, error }` turned into an RTK Query error. A transport failure (the browser-mode host
 * went away) becomes an INTERNAL error value, so every screen shows a translated message, not a crash.
 */
export const bridgeBaseQuery: BaseQueryFn<BridgeCall, unknown, RpcError> = async ({ method, params, callId }) => {
  try {
    const result = await getBridge().invoke(method, params, callId === undefined ? undefined : { callId });
    return result.ok ? { data: result.value } : { error: result.error };
  } catch (err) {
    return { error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } };
  }
};

export const TAGS = ['Users', 'Audit', 'Settings', 'Info'] as const;

type Status = MethodOutput<'session.status'>;

export const api = createApi({
  reducerPath: 'api',
  baseQuery: bridgeBaseQuery,
  tagTypes: TAGS,
  // Nothing is fetched behind the user's back; screens refetch when they are opened again.
  refetchOnMountOrArgChange: 30,
  endpoints: (build) => ({
    // The session: the store's session slice keeps the latest status from every one of these.
    status: build.query<Status, void>({ query: () => call('session.status', {}) }),
    unlock: build.mutation<Status, MethodInput<'session.unlock'>>({ query: (p) => call('session.unlock', p) }),
    recover: build.mutation<Status, MethodInput<'session.recover'>>({ query: (p) => call('session.recover', p) }),
    lock: build.mutation<Status, void>({ query: () => call('session.lock', {}) }),
    touch: build.mutation<MethodOutput<'session.touch'>, void>({ query: () => call('session.touch', {}) }),
    selectWorkspace: build.mutation<Status, MethodInput<'workspace.select'>>({ query: (p) => call('workspace.select', p) }),
    openDemo: build.mutation<Status, void>({ query: () => call('workspace.openDemo', {}) }),
    createWorkspace: build.mutation<MethodOutput<'workspace.create'>, MethodInput<'workspace.create'>>({
      query: (p) => call('workspace.create', p),
    }),

    workspaceInfo: build.query<MethodOutput<'workspace.info'>, void>({ query: () => call('workspace.info', {}), providesTags: ['Info'] }),
    settings: build.query<MethodOutput<'settings.get'>, void>({ query: () => call('settings.get', {}), providesTags: ['Settings'] }),
    updateSettings: build.mutation<MethodOutput<'settings.update'>, MethodInput<'settings.update'>>({
      query: (p) => call('settings.update', p),
      invalidatesTags: ['Settings', 'Audit'],
    }),
    createBackup: build.mutation<MethodOutput<'backup.create'>, { callId: string }>({
      query: ({ callId }) => call('backup.create', {}, callId),
      invalidatesTags: ['Audit'],
    }),
    cancelCall: build.mutation<unknown, { callId: string }>({ query: ({ callId }) => ({ method: CANCEL_METHOD, params: { callId } }) }),

    users: build.query<MethodOutput<'users.list'>, void>({ query: () => call('users.list', {}), providesTags: ['Users'] }),
    addUser: build.mutation<MethodOutput<'users.add'>, MethodInput<'users.add'>>({
      query: (p) => call('users.add', p),
      invalidatesTags: ['Users', 'Audit', 'Info'],
    }),
    updateUser: build.mutation<MethodOutput<'users.update'>, MethodInput<'users.update'>>({
      query: (p) => call('users.update', p),
      invalidatesTags: ['Users', 'Audit'],
    }),
    disableUser: build.mutation<MethodOutput<'users.disable'>, MethodInput<'users.disable'>>({
      query: (p) => call('users.disable', p),
      invalidatesTags: ['Users', 'Audit'],
    }),
    enableUser: build.mutation<MethodOutput<'users.enable'>, MethodInput<'users.enable'>>({
      query: (p) => call('users.enable', p),
      invalidatesTags: ['Users', 'Audit'],
    }),
    resetPassword: build.mutation<MethodOutput<'users.resetPassword'>, MethodInput<'users.resetPassword'>>({
      query: (p) => call('users.resetPassword', p),
      invalidatesTags: ['Users', 'Audit'],
    }),
    changeOwnPassword: build.mutation<MethodOutput<'users.changeOwnPassword'>, MethodInput<'users.changeOwnPassword'>>({
      query: (p) => call('users.changeOwnPassword', p),
      invalidatesTags: ['Users', 'Audit'],
    }),
    setOwnLanguage: build.mutation<MethodOutput<'users.setOwnLanguage'>, MethodInput<'users.setOwnLanguage'>>({
      query: (p) => call('users.setOwnLanguage', p),
      invalidatesTags: ['Users', 'Audit'],
    }),

    auditList: build.query<MethodOutput<'audit.list'>, MethodInput<'audit.list'>>({
      query: (p) => call('audit.list', p),
      providesTags: ['Audit'],
    }),
    auditVerify: build.mutation<MethodOutput<'audit.verify'>, void>({ query: () => call('audit.verify', {}), invalidatesTags: ['Audit'] }),
  }),
});

export const {
  useStatusQuery,
  useUnlockMutation,
  useRecoverMutation,
  useLockMutation,
  useTouchMutation,
  useSelectWorkspaceMutation,
  useOpenDemoMutation,
  useCreateWorkspaceMutation,
  useWorkspaceInfoQuery,
  useSettingsQuery,
  useUpdateSettingsMutation,
  useCreateBackupMutation,
  useCancelCallMutation,
  useUsersQuery,
  useAddUserMutation,
  useUpdateUserMutation,
  useDisableUserMutation,
  useEnableUserMutation,
  useResetPasswordMutation,
  useChangeOwnPasswordMutation,
  useSetOwnLanguageMutation,
  useAuditListQuery,
  useAuditVerifyMutation,
} = api;

/** The error of a failed call, if it is one of ours (RTK Query also reports serialised exceptions). */
export function asRpcError(error: unknown): RpcError | null {
  if (typeof error !== 'object' || error === null) return null;
  const candidate = error as { code?: unknown; message?: unknown };
  return typeof candidate.code === 'string' && typeof candidate.message === 'string' ? (error as RpcError) : null;
}
