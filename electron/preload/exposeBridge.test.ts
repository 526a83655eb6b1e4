import { describe, expect, it } from 'vitest';
import { exposeBridge, type IpcRendererLike } from './exposeBridge';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';
import type { CounterpartBridge } from '../../shared/contract/bridge';

type Relay = (event: unknown, ...args: unknown[]) => void;

function fakeIpcRenderer() {
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<Relay>>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push({ channel, args });
      return { ok: true, value: 'answer' };
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const push = (payload: unknown): void => listeners.get(EVENT_CHANNEL)?.forEach((l) => l({ sender: 'the IPC event object' }, payload));
  return { ipc, invoked, listeners, push };
}

function exposed() {
  const renderer = fakeIpcRenderer();
  const worlds: Record<string, CounterpartBridge> = {};
  exposeBridge({ exposeInMainWorld: (key, api) => (worlds[key] = api) }, renderer.ipc);
  return { ...renderer, worlds, bridge: worlds.counterpart! };
}

describe('the preload', () => {
  it('exposes exactly window.counterpart with invoke and on', () => {
    const { worlds, bridge } = exposed();
    expect(Object.keys(worlds)).toEqual(['counterpart']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('invoke sends one request object on the invoke channel', async () => {
    const { bridge, invoked } = exposed();
    expect(await bridge.invoke('session.status', {})).toEqual({ ok: true, value: 'answer' });
    await bridge.invoke('backup.create', {}, { callId: 'b1' });
    expect(invoked).toEqual([
      { channel: INVOKE_CHANNEL, args: [{ method: 'session.status', params: {} }] },
      { channel: INVOKE_CHANNEL, args: [{ method: 'backup.create', params: {}, callId: 'b1' }] },
    ]);
  });

  it('invoke refuses arguments of the wrong type without sending anything', async () => {
    const { bridge, invoked } = exposed();
    const loose = bridge as unknown as { invoke(...args: unknown[]): Promise<unknown> };
    expect(await loose.invoke(42, {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await loose.invoke('', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await loose.invoke('session.status', {}, 'callId')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await loose.invoke('session.status', {}, { callId: 5 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(invoked).toEqual([]);
  });

  it('on delivers only its event type, without the IPC event object, and unsubscribes', () => {
    const { bridge, push, listeners } = exposed();
    const locked: unknown[] = [];
    const stop = bridge.on('session.locked', (e) => locked.push(e));
    push({ type: 'progress', callId: 'x', done: 1, total: 2, label: '' });
    push({ type: 'session.locked', reason: 'idle' });
    expect(locked).toEqual([{ type: 'session.locked', reason: 'idle' }]);
    stop();
    push({ type: 'session.locked', reason: 'user' });
    expect(locked).toHaveLength(1);
    expect(listeners.get(EVENT_CHANNEL)?.size).toBe(0);
  });

  it('on refuses unknown events and non-function listeners', () => {
    const { bridge } = exposed();
    const loose = bridge as unknown as { on(...args: unknown[]): unknown };
    expect(() => loose.on('anything', () => undefined)).toThrow(TypeError);
    expect(() => loose.on('progress', 'not a function')).toThrow(TypeError);
  });
});
