import { describe, expect, it } from 'vitest';
import { api, bridgeBaseQuery } from './api';
import { createStore } from './store';
import { installBridge } from './bridge';
import { FakeBridge } from '../testing/fakeBridge';
import type { BaseQueryApi } from '@reduxjs/toolkit/query';

const queryApi = {} as BaseQueryApi;

describe('the bridge baseQuery', () => {
  it('returns the value of a successful call as data', async () => {
    const bridge = new FakeBridge().answer('settings.get', { ok: true, value: { idleMinutes: 15 } });
    installBridge(bridge);
    expect(await bridgeBaseQuery({ method: 'settings.get', params: {} }, queryApi, {})).toEqual({ data: { idleMinutes: 15 } });
    expect(bridge.calls).toEqual([{ method: 'settings.get', params: {} }]);
  });

  it('turns { ok: false, error } into an RTK Query error carrying the stable code', async () => {
    const error = { code: 'WRONG_PASSWORD' as const, message: 'The user name or password is wrong.', details: { retryAfterMs: 2000 } };
    installBridge(new FakeBridge().answer('session.unlock', { ok: false, error }));
    expect(await bridgeBaseQuery({ method: 'session.unlock', params: { username: 'a', password: 'b' } }, queryApi, {})).toEqual({ error });
  });

  it('passes the call id of a long-running call, for progress events and cancelling', async () => {
    const bridge = new FakeBridge().answer('backup.create', { ok: true, value: { path: '/b', bytes: 1, createdAt: 'now' } });
    installBridge(bridge);
    await bridgeBaseQuery({ method: 'backup.create', params: {}, callId: 'backup-1' }, queryApi, {});
    expect(bridge.calls[0]).toEqual({ method: 'backup.create', params: {}, callId: 'backup-1' });
  });

  it('reports a transport that throws as an INTERNAL error value, never as an exception', async () => {
    const bridge = new FakeBridge().answer('session.status', () => {
      throw new Error('socket closed');
    });
    installBridge(bridge);
    expect(await bridgeBaseQuery({ method: 'session.status', params: {} }, queryApi, {})).toEqual({ error: { code: 'INTERNAL', message: 'socket closed' } });
  });

  it('cancels a long call by its id through the bridge', async () => {
    const bridge = new FakeBridge().answer('$cancel', { ok: true, value: { ok: true } });
    installBridge(bridge);
    const store = createStore();
    await store.dispatch(api.endpoints.cancelCall.initiate({ callId: 'backup-7' }));
    expect(bridge.calls).toEqual([{ method: '$cancel', params: { callId: 'backup-7' } }]);
  });
});
