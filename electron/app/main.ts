// The Electron main process entry, bundled to dist/node/main.mjs (package.json "main").
// Everything it does is in startApp.ts; here the real `electron` module and the bundle's paths are
// handed in. The assignment below is also the compile-time proof that `electron` fits ElectronMain.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CoreWorker } from '../worker/client';
import { startApp } from './startApp';
import type { ElectronMain } from './electronApi';

const electron: ElectronMain = { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell };

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

// Packaged: the documentation is an extra resource next to app.asar; from a checkout: <repo>/docs.
const packagedDocs = typeof process.resourcesPath === 'string' ? `${process.resourcesPath}/docs` : '';

startApp(electron, {
  paths: {
    rendererDir: here('../renderer/'),
    preload: here('./preload.cjs'),
    workerEntry: here('./worker.mjs'),
    docsDir: app.isPackaged && existsSync(packagedDocs) ? packagedDocs : here('../../docs/'),
  },
  startCore: (config, entry) => CoreWorker.start(config, entry),
});
