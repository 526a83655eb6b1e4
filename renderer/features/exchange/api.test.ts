import { describe, expect, it } from 'vitest';
import { createStore } from '../../app/store';
import { installBridge } from '../../app/bridge';
import { FakeBridge } from '../../testing/fakeBridge';
import { workplansApi } from '../workplans/api';
import { casesApi } from '../cases/api';
import { exchangeApi } from './api';

const PLAN = '01900000-0000-7000-8000-0000000000a1';
const CASE = '01900000-0000-7000-8000-0000000000c1';

/** Lets the store's pending fetches settle (the fake bridge answers at once). */
const settle = () => new Promise((r) => setTimeout(r, 20));

/**
 * An open screen keeps its queries subscribed; after a bundle import (or a conflict resolution) the
 * plans, the plan tree, the progress list, the case file and the case list it shows are read again.
 */
describe('a bundle import refreshes the screens whose data it may change', () => {
  const open = async () => {
    const bridge = new FakeBridge()
      .answer('plans.list', { ok: true, value: [] })
      .answer('plans.get', () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }))
      .answer('progress.list', { ok: true, value: [] })
      .answer('cases.get', () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }))
      .answer('bundles.import', { ok: true, value: { status: 'imported' } })
      .answer('conflicts.resolve', { ok: true, value: {} })
      .answer('bundles.streams', { ok: true, value: [] });
    installBridge(bridge);
    const store = createStore();
    const subscriptions = [
      store.dispatch(workplansApi.endpoints.plans.initiate()),
      store.dispatch(workplansApi.endpoints.plan.initiate(PLAN)),
      store.dispatch(workplansApi.endpoints.progressList.initiate({ planId: PLAN })),
      store.dispatch(casesApi.endpoints.caseGet.initiate(CASE)),
      store.dispatch(exchangeApi.endpoints.streams.initiate()),
    ];
    await settle();
    const reads = () => Object.fromEntries(['plans.list', 'plans.get', 'progress.list', 'cases.get', 'bundles.streams'].map((m) => [m, bridge.callsOf(m).length]));
    expect(reads()).toEqual({ 'plans.list': 1, 'plans.get': 1, 'progress.list': 1, 'cases.get': 1, 'bundles.streams': 1 });
    return { store, reads, close: () => subscriptions.forEach((s) => s.unsubscribe()) };
  };

  it('after bundles.import every open plan, progress and case query is fetched again', async () => {
    const { store, reads, close } = await open();
    await store.dispatch(exchangeApi.endpoints.importBundle.initiate({ path: '/tmp/in.age', callId: 'import-1' }));
    await settle();
    expect(reads()).toEqual({ 'plans.list': 2, 'plans.get': 2, 'progress.list': 2, 'cases.get': 2, 'bundles.streams': 2 });
    close();
  });

  it('after conflicts.resolve too (the kept version may be a case or a plan record)', async () => {
    const { store, reads, close } = await open();
    await store.dispatch(exchangeApi.endpoints.resolveConflict.initiate({ id: PLAN, choice: 'mine' }));
    await settle();
    expect(reads()).toMatchObject({ 'plans.list': 2, 'plans.get': 2, 'progress.list': 2, 'cases.get': 2 });
    close();
  });
});
