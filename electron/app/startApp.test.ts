import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startApp, type RunningCore } from './startApp';
import { eventRelay, FakeEvent, FakeWindow, fakeElectron, inProcessCore } from './testing';
import { newWorkspace } from '../testing/fixtures';
import type { WorkerConfig } from '../worker/protocol';
import { INVOKE_CHANNEL } from '../preload/channels';

const paths = { rendererDir: '/app/dist/renderer', preload: '/app/dist/node/preload.cjs', workerEntry: '/app/dist/node/worker.mjs', docsDir: '/app/docs' };

async function launch(opts: { gotLock?: boolean; locale?: string; failCore?: boolean } = {}) {
  const electron = fakeElectron('/home/ana/.config/Counterpart');
  electron.app.gotLock = opts.gotLock ?? true;
  electron.app.locale = opts.locale ?? 'en-US';
  const events = eventRelay();
  const { core } = await newWorkspace({ onEvent: events.emit });
  const worker = inProcessCore(core, events);
  const started: { config: WorkerConfig; entry: string }[] = [];
  const app = startApp(electron, {
    paths,
    startCore: async (config, entry): Promise<RunningCore> => {
      started.push({ config, entry });
      if (opts.failCore) throw new Error('the database file is locked');
      return worker;
    },
  });
  return { electron, app, worker, started };
}

describe('starting the Electron app', () => {
  it('before ready: registers app:// as privileged, enables the sandbox, takes the single-instance lock', async () => {
    const { electron, app } = await launch();
    expect(electron.protocol.privilegedBeforeReady).toBe(true);
    expect(electron.protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
    expect(electron.app.sandboxEnabled).toBe(true);
    expect(FakeWindow.created).toEqual([]);
    electron.app.becomeReady();
    await app.ready;
    expect(electron.protocol.handlers.has('app')).toBe(true);
  });

  it('when ready: hardens the session, starts the core on <userData>/workspace, opens one secure window', async () => {
    const { electron, app, started } = await launch();
    electron.app.becomeReady();
    await app.ready;
    expect(started).toEqual([
      { config: { workspaceDir: join('/home/ana/.config/Counterpart', 'workspace'), demoDir: join('/home/ana/.config/Counterpart', 'demo') }, entry: paths.workerEntry },
    ]);
    let granted: boolean | null = null;
    electron.session.defaultSession.requestHandler!({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(FakeWindow.created).toHaveLength(1);
    const [window] = FakeWindow.created;
    expect(window!.loadedUrl).toBe('app://counterpart/index.html');
    expect(window!.options.webPreferences).toMatchObject({ preload: paths.preload, contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: true });
    expect(app.window()).toBe(window);
  });

  it('the window’s web contents are hardened as they are created', async () => {
    const { electron, app } = await launch();
    electron.app.becomeReady();
    await app.ready;
    const window = FakeWindow.created[0]!;
    electron.app.emit('web-contents-created', new FakeEvent(), window.webContents);
    expect(window.webContents.navigate('https://evil.example/')).toBe(false);
    expect(window.webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('a second instance quits at once and opens nothing', async () => {
    const { electron, app, started } = await launch({ gotLock: false });
    await app.ready;
    expect(electron.app.quitCalls).toBe(1);
    electron.app.becomeReady();
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual([]);
    expect(FakeWindow.created).toEqual([]);
  });

  it('launching again focuses the first window', async () => {
    const { electron, app } = await launch();
    electron.app.becomeReady();
    await app.ready;
    const window = FakeWindow.created[0]!;
    window.minimized = true;
    electron.app.emit('second-instance', new FakeEvent(), ['counterpart'], '/home/ana');
    expect(window).toMatchObject({ minimized: false, visible: true, focused: true });
    expect(FakeWindow.created).toHaveLength(1);
  });

  it('the page reaches the core through IPC, and the menu switches to the user’s language on unlock', async () => {
    const { electron, app, worker } = await launch({ locale: 'en-US' });
    electron.app.becomeReady();
    await app.ready;
    expect(electron.Menu.applied?.[0]?.label).toBe('File');
    await electron.ipcMain.invokeFrom('app://counterpart/index.html', INVOKE_CHANNEL, { method: 'users.setOwnLanguage', params: { language: 'es' } });
    expect(electron.Menu.applied?.[0]?.label).toBe('Archivo');
    expect(worker.received).toEqual(['users.setOwnLanguage']);
  });

  it('quitting stops the core first (session locked, database closed)', async () => {
    const { electron, app, worker } = await launch();
    electron.app.becomeReady();
    await app.ready;
    electron.app.quit();
    await new Promise((r) => setTimeout(r, 10));
    expect(worker.stopped).toBe(true);
    expect(electron.app.quitCalls).toBe(2);
  });

  it('if the core cannot start, says so and quits', async () => {
    const { electron, app } = await launch({ failCore: true });
    electron.app.becomeReady();
    await app.ready;
    expect(electron.dialog.errors[0]?.content).toContain('the database file is locked');
    expect(electron.app.quitCalls).toBe(1);
    expect(FakeWindow.created).toEqual([]);
  });
});
