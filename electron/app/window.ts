import { APP_ENTRY_URL } from './protocol';
import type { AppWindow, BrowserWindowConstructor, SecureWebPreferences, WindowOptions } from './electronApi';

/**
 * The renderer runs with no Node and no Electron (DESIGN §5): context isolation, Chromium's sandbox,
 * web security, no <webview>. Spellcheck is off because Chromium would fetch dictionaries from the
 * internet, and the app is used offline with personal data. DevTools only in unpackaged builds.
 */
export function secureWebPreferences(preload: string, opts: { devTools: boolean }): SecureWebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: opts.devTools,
  };
}

export function mainWindowOptions(opts: { preload: string; devTools: boolean; icon?: string }): WindowOptions {
  return {
    title: 'Counterpart',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: secureWebPreferences(opts.preload, { devTools: opts.devTools }),
  };
}

/** Creates the one window, shows it once painted, and loads the app from app://counterpart. */
export function createMainWindow(BrowserWindow: BrowserWindowConstructor, opts: { preload: string; devTools: boolean; icon?: string }): AppWindow {
  const window = new BrowserWindow(mainWindowOptions(opts));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** Brings the existing window to the front (a second launch of the app lands here). */
export function focusWindow(window: AppWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
