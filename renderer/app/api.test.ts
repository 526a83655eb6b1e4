import { describe, expect, it } from 'vitest';
import { bridgeBaseQuery } from './api';
import { installBridge } from './bridge';
import { FakeBridge } from '../testing/fakeBridge';
import type { BaseQueryApi } from '@reduxjs/toolkit/query';

const api = {} as BaseQueryApi;

describe('the bridge baseQuery', () => {
  it('returns the value of a successful call as data', async () => {
    const bridge = new FakeBridge().answer('settings.get', { ok: true, value: { idleMinutes: 15 } });
    installBridge(bridge);
    expect(await bridgeBaseQuery({ method: 'settings.get', params: {} }, api, {})).toEqual({ data: { idleMinutes: 15 } });
    expect(bridge.calls).toEqual([{ method: 'settings.get', params: {} }]);
  });

  it('turns { ok: false, error } into an RTK Query error carrying the stable code', async () => {
    const error = { code: 'WRONG_PASSWORD' as const, message: 'The user name or password is wrong.', details: { retryAfterMs: 2000 } };
    installBridge(new FakeBridge().answer('session.unlock', { ok: false, error }));
    expect(await bridgeBaseQuery({ method: 'session.unlock', params: { username: 'a', password: 'b' } }, api, {})).toEqual({ error });
  });

  it('passes the call id of a long-running call, for progress events and cancelling', async () => {
    const bridge = new FakeBridge().answer('backup.create', { ok: true, value: { path: '/b', bytes: 1, createdAt: 'now' } });
    installBridge(bridge);
    await bridgeBaseQuery({ method: 'backup.create', params: {}, callId: 'backup-1' }, api, {});
    expect(bridge.calls[0]).toEqual({ method: 'backup.create', params: {}, callId: 'backup-1' });
  });

  it('reports a transport that throws as an INTERNAL error value, never as an exception', async () => {
    const bridge = new FakeBridge().answer('session.status', () => {
      throw new Error('socket closed');
    });
    installBridge(bridge);
    expect(await bridgeBaseQuery({ method: 'session.status', params: {} }, api, {})).toEqual({ error: { code: 'INTERNAL', message: 'socket closed' } });
  });
});
