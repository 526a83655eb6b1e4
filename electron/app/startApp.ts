import { join } from 'node:path';
import type { WorkerConfig } from '../worker/protocol';
import type { CoreHandle } from '../host/callForwarding';
import { forwardCoreEvents, registerIpc } from './ipc';
import { installMenu, userLanguageFrom } from './menu';
import { registerAppProtocol, registerAppSchemeAsPrivileged } from './protocol';
import { EXTERNAL_URL_ALLOWLIST, hardenAllWebContents, hardenSession } from './security';
import { createMainWindow, focusWindow } from './window';
import type { AppWindow, ElectronMain } from './electronApi';

/**
 * The Electron main process, start to finish (DESIGN §5). main.ts passes the real `electron` module
 * and the bundle's paths; tests pass a fake. The main process owns windows and menus only: every
 * call goes to the core in its worker thread.
 */

export type RunningCore = CoreHandle & { stop(): Promise<void> };

export type AppOptions = {
  paths: {
    /** The built renderer served on app://counterpart (dist/renderer). */
    rendererDir: string;
    /** The bundled, CommonJS preload (dist/node/preload.cjs). */
    preload: string;
    /** The core's worker-thread entry (dist/node/worker.mjs). */
    workerEntry: string;
    /** Documentation opened by Help > Documentation. */
    docsDir: string;
    icon?: string;
  };
  startCore: (config: WorkerConfig, entry: string) => Promise<RunningCore>;
  allowList?: readonly string[];
  documentationUrl?: string;
};

export type StartedApp = {
  /** Resolves when the window is open (or the app is quitting because another instance runs). */
  ready: Promise<void>;
  window(): AppWindow | null;
};

export function startApp(electron: ElectronMain, options: AppOptions): StartedApp {
  const { app } = electron;
  const allowList = options.allowList ?? EXTERNAL_URL_ALLOWLIST;
  let window: AppWindow | null = null;

  // Before `ready`: privileges of app://, sandbox for every renderer, one instance per user.
  registerAppSchemeAsPrivileged(electron.protocol);
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { ready: Promise.resolve(), window: () => null };
  }
  app.on('second-instance', () => {
    if (window) focusWindow(window);
  });
  hardenAllWebContents(app, electron.shell, allowList);
  app.on('window-all-closed', () => app.quit());

  const ready = (async () => {
    await app.whenReady();
    hardenSession(electron.session.defaultSession);
    registerAppProtocol(electron.protocol, options.paths.rendererDir);

    const userData = app.getPath('userData');
    let core: RunningCore;
    try {
      core = await options.startCore({ workspaceDir: join(userData, 'workspace'), demoDir: join(userData, 'demo') }, options.paths.workerEntry);
    } catch (err) {
      electron.dialog.showErrorBox(app.getName(), `Counterpart could not start its data service.\n\n${err instanceof Error ? err.message : String(err)}`);
      app.quit();
      return;
    }

    let stopped = false;
    app.on('will-quit', (event) => {
      if (stopped) return;
      // Let the core lock the session and close the database before the process ends.
      event.preventDefault();
      void core.stop().finally(() => {
        stopped = true;
        app.quit();
      });
    });

    const menu = installMenu(electron.Menu, {
      core,
      app,
      dialog: electron.dialog,
      shell: electron.shell,
      docsDir: options.paths.docsDir,
      ...(options.documentationUrl ? { documentationUrl: options.documentationUrl } : {}),
      allowList,
      osLocale: app.getLocale(),
    });
    registerIpc(electron.ipcMain, core, {
      onResult: (method, result) => {
        const language = userLanguageFrom(method, result);
        if (language !== undefined) menu.setUserLanguage(language);
      },
    });

    const opened = createMainWindow(electron.BrowserWindow, {
      preload: options.paths.preload,
      devTools: !app.isPackaged,
      ...(options.paths.icon ? { icon: options.paths.icon } : {}),
    });
    window = opened;
    opened.on('closed', () => {
      if (window === opened) window = null;
    });
    forwardCoreEvents(core, () => window?.webContents ?? null);
  })();

  return { ready, window: () => window };
}
