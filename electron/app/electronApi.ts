/**
 * The parts of the `electron` module the main-process glue uses, as small structural types.
 * Every module in electron/app receives them as parameters instead of importing 'electron', so the
 * tests hand in a plain fake object (DESIGN §8) and main.ts proves at compile time that the real
 * module fits (`const api: ElectronMain = electron`).
 */

export type PreventableEvent = { preventDefault(): void };

export interface WebContentsLike {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  getURL(): string;
}

export type SecureWebPreferences = {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  safeDialogs: true;
  devTools: boolean;
};

export type WindowOptions = {
  title: string;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  backgroundColor: string;
  icon?: string;
  webPreferences: SecureWebPreferences;
};

export interface AppWindow {
  readonly webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export type BrowserWindowConstructor = new (options: WindowOptions) => AppWindow;

export interface AppLike {
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  enableSandbox(): void;
  whenReady(): Promise<void>;
  quit(): void;
  getPath(name: 'userData'): string;
  getLocale(): string;
  getName(): string;
  getVersion(): string;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
  on(event: 'will-quit', listener: (event: PreventableEvent) => void): unknown;
}

export type SchemePrivileges = {
  scheme: string;
  privileges: { standard: boolean; secure: boolean; supportFetchAPI: boolean; stream: boolean; corsEnabled: boolean };
};

export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: SchemePrivileges[]): void;
  handle(scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>): void;
}

export interface SessionLike {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

export type IpcInvokeEvent = { readonly senderFrame: { readonly url: string } | null };

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export type MenuItemTemplate = {
  label?: string;
  accelerator?: string;
  type?: 'separator';
  click?: () => void;
  submenu?: MenuItemTemplate[];
};

export interface MenuApi<M> {
  buildFromTemplate(template: MenuItemTemplate[]): M;
  setApplicationMenu(menu: M | null): void;
}

export type MessageBox = { type?: 'none' | 'info' | 'error' | 'question' | 'warning'; title?: string; message: string; detail?: string; buttons?: string[] };

export interface DialogLike {
  showMessageBox(options: MessageBox): Promise<unknown>;
  showErrorBox(title: string, content: string): void;
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
  openPath(path: string): Promise<string>;
}

export type ElectronMain = {
  app: AppLike;
  BrowserWindow: BrowserWindowConstructor;
  protocol: ProtocolLike;
  session: { readonly defaultSession: SessionLike };
  ipcMain: IpcMainLike;
  /** The built menu is opaque to us: made by one call, handed to the next. */
  Menu: MenuApi<unknown>;
  dialog: DialogLike;
  shell: ShellLike;
};
