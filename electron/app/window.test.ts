import { describe, expect, it } from 'vitest';
import { createMainWindow, focusWindow, mainWindowOptions } from './window';
import { FakeWindow, fakeElectron } from './testing';

describe('the main window', () => {
  it('runs the page with exactly the secure web preferences and the preload', () => {
    expect(mainWindowOptions({ preload: '/app/dist/node/preload.cjs', devTools: false }).webPreferences).toEqual({
      preload: '/app/dist/node/preload.cjs',
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
      devTools: false,
    });
  });

  it('loads the app from app://counterpart, never file://, and shows it once painted', () => {
    const electron = fakeElectron();
    const window = createMainWindow(electron.BrowserWindow, { preload: '/p.cjs', devTools: false }) as FakeWindow;
    expect(window.loadedUrl).toBe('app://counterpart/index.html');
    expect(window.options.show).toBe(false);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('a second launch brings the existing window back, even when minimised', () => {
    const electron = fakeElectron();
    const window = createMainWindow(electron.BrowserWindow, { preload: '/p.cjs', devTools: false }) as FakeWindow;
    window.minimized = true;
    focusWindow(window);
    expect(window).toMatchObject({ minimized: false, visible: true, focused: true });
  });
});
