import { describe, expect, it, vi } from 'vitest';
import { forwardCoreEvents, registerIpc } from './ipc';
import { eventRelay, FakeIpcMain, FakeWebContents, inProcessCore } from './testing';
import { newWorkspace } from '../testing/fixtures';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../preload/channels';

async function setUp() {
  const events = eventRelay();
  const { core } = await newWorkspace({ onEvent: events.emit });
  const worker = inProcessCore(core, events);
  const ipcMain = new FakeIpcMain();
  const results: string[] = [];
  registerIpc(ipcMain, worker, { onResult: (method) => results.push(method) });
  return { worker, ipcMain, results, core };
}

/** The audit entries of refused transport calls, as the auditor's screen reads them. */
function refusals(core: Awaited<ReturnType<typeof setUp>>['core']) {
  const listed = core.session.requireUnlocked().audit.list({ action: 'transport.refused', limit: 100, offset: 0 });
  return listed.entries.map((e) => ({ outcome: e.outcome, username: e.username, details: e.details })).reverse();
}

describe('IPC from the page to the core', () => {
  it('a call from a frame that is not app://counterpart is rejected and never reaches the core', async () => {
    const { worker, ipcMain, results, core } = await setUp();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const frame of ['https://evil.example/', 'file:///tmp/x.html', 'app://evil/index.html', 'http://127.0.0.1:5173/', null]) {
      const result = await ipcMain.invokeFrom(frame, INVOKE_CHANNEL, { method: 'workspace.info', params: {} });
      expect(result, String(frame)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'ipc_sender_not_allowed' } } });
    }
    expect(worker.received).toEqual([]);
    expect(results).toEqual([]);
    expect(warn.mock.calls.map(([message]) => message)).toContain('[counterpart] dropped an IPC call from https://evil.example');
    warn.mockRestore();
    // Each refused sender is in the audit log, with its origin only (no path, no query).
    expect(refusals(core)).toEqual(
      ['https://evil.example', 'file:', 'app://evil', 'http://127.0.0.1:5173', 'unknown'].map((origin) => ({
        outcome: 'denied',
        username: null,
        details: { transport: 'ipc', reason: 'ipc_sender_not_allowed', origin },
      })),
    );
  });

  it('a call from app://counterpart/index.html is forwarded to the core and answered', async () => {
    const { worker, ipcMain, results } = await setUp();
    const result = await ipcMain.invokeFrom('app://counterpart/index.html', INVOKE_CHANNEL, { method: 'session.status', params: {} });
    expect(result).toMatchObject({ ok: true, value: { state: 'unlocked', user: { username: 'admin' } } });
    expect(worker.received).toEqual(['session.status']);
    expect(results).toEqual(['session.status']);
  });

  it('turns $cancel into a cancellation, and refuses malformed calls', async () => {
    const { worker, ipcMain, core } = await setUp();
    const app = 'app://counterpart/index.html';
    expect(await ipcMain.invokeFrom(app, INVOKE_CHANNEL, { method: '$cancel', params: { callId: 'backup-7' } })).toEqual({ ok: true, value: { ok: true } });
    expect(worker.cancelled).toEqual(['backup-7']);
    for (const args of [[], ['session.status'], [{ method: 'session.status' }, 'extra'], [{ method: 7 }]]) {
      expect(await ipcMain.invokeFrom(app, INVOKE_CHANNEL, ...args)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(worker.received).toEqual([]);
    // Four malformed calls within the minute: one audit entry; the next one counts the other three.
    expect(refusals(core)).toEqual([{ outcome: 'denied', username: null, details: { transport: 'ipc', reason: 'invalid_request' } }]);
  });

  it('core events reach the window only while it shows the app', async () => {
    const { worker, ipcMain } = await setUp();
    const contents = new FakeWebContents();
    contents.url = 'app://counterpart/index.html';
    forwardCoreEvents(worker, () => contents);
    await ipcMain.invokeFrom(contents.url, INVOKE_CHANNEL, { method: 'session.lock', params: {} });
    expect(contents.sent).toEqual([{ channel: EVENT_CHANNEL, args: [{ type: 'session.locked', reason: 'user' }] }]);
    contents.url = 'https://evil.example/';
    await ipcMain.invokeFrom('app://counterpart/index.html', INVOKE_CHANNEL, { method: 'session.lock', params: {} });
    expect(contents.sent).toHaveLength(1);
  });
});
