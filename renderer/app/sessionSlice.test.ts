import { describe, expect, it } from 'vitest';
import { api } from './api';
import { installBridge } from './bridge';
import { sessionLocked } from './sessionSlice';
import { createStore } from './store';
import { FakeBridge } from '../testing/fakeBridge';
import { ADMIN_USER, unlockedStatus } from '../testing/fixtures';

function setup(bridge: FakeBridge) {
  installBridge(bridge);
  return createStore();
}

describe('the session slice', () => {
  it('keeps the status every session call returns, and who signed in', async () => {
    const bridge = new FakeBridge().answer('session.unlock', { ok: true, value: unlockedStatus() });
    const store = setup(bridge);
    await store.dispatch(api.endpoints.unlock.initiate({ username: 'somchai', password: 'x' }));
    expect(store.getState().session.status?.state).toBe('unlocked');
    expect(store.getState().session.lastUser).toEqual({ username: 'somchai', displayName: ADMIN_USER.displayName });
  });

  it('a session.locked event locks at once and drops every cached answer', async () => {
    const bridge = new FakeBridge()
      .answer('session.unlock', { ok: true, value: unlockedStatus() })
      .answer('users.list', { ok: true, value: [ADMIN_USER] });
    const store = setup(bridge);
    await store.dispatch(api.endpoints.unlock.initiate({ username: 'somchai', password: 'x' }));
    await store.dispatch(api.endpoints.users.initiate());
    expect(api.endpoints.users.select()(store.getState()).data).toHaveLength(1);

    store.dispatch(sessionLocked('idle'));
    const session = store.getState().session;
    expect(session.status).toMatchObject({ state: 'locked', user: null, organisation: null });
    expect(session.lockReason).toBe('idle');
    expect(session.lastUser?.username).toBe('somchai');
    expect(api.endpoints.users.select()(store.getState()).data).toBeUndefined();
  });

  it('a call refused with SESSION_LOCKED locks the UI too (the event may have been missed)', async () => {
    const bridge = new FakeBridge()
      .answer('session.unlock', { ok: true, value: unlockedStatus() })
      .answer('settings.get', { ok: false, error: { code: 'SESSION_LOCKED', message: 'locked' } });
    const store = setup(bridge);
    await store.dispatch(api.endpoints.unlock.initiate({ username: 'somchai', password: 'x' }));
    await store.dispatch(api.endpoints.settings.initiate());
    expect(store.getState().session.status?.state).toBe('locked');
  });

  it('does not show a lock screen when the browser-mode host lost the page (nothing to unlock)', async () => {
    const bridge = new FakeBridge()
      .answer('session.unlock', { ok: true, value: unlockedStatus() })
      .answer('settings.get', { ok: false, error: { code: 'SESSION_LOCKED', message: 'gone', details: { reason: 'host_session_missing' } } });
    const store = setup(bridge);
    await store.dispatch(api.endpoints.unlock.initiate({ username: 'somchai', password: 'x' }));
    await store.dispatch(api.endpoints.settings.initiate());
    expect(store.getState().session.status?.state).toBe('unlocked');
  });

  it('after a first-run creation, keeps the wizard until the recovery code is confirmed', async () => {
    const bridge = new FakeBridge().answer('workspace.create', { ok: true, value: { recoveryCode: 'ABCD-EFGH-JKLM-NPQR-STVW', status: unlockedStatus() } });
    const store = setup(bridge);
    await store.dispatch(
      api.endpoints.createWorkspace.initiate({
        organisation: { name: 'Task Force', code: 'TH-ATTF', country: 'THA', type: 'LawEnforcement' },
        admin: { username: 'somchai', displayName: 'Somchai', password: 'river lantern copper meadow' },
      }),
    );
    expect(store.getState().session.setupInProgress).toBe(true);
    expect(store.getState().session.status?.state).toBe('unlocked');
  });
});
