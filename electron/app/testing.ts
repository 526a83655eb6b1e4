import type { TransportRefusal } from '../audit/transportRefusals';
import type { Core } from '../rpc/core';
import type { CoreEvent } from '../../shared/contract';
import type { Result } from '../../shared/contract/errors';
import type { RunningCore } from './startApp';
import type {
  AppLike,
  AppWindow,
  DialogLike,
  ElectronMain,
  IpcInvokeEvent,
  IpcMainLike,
  MenuApi,
  MenuItemTemplate,
  MessageBox,
  PreventableEvent,
  ProtocolLike,
  SchemePrivileges,
  SessionLike,
  ShellLike,
  WebContentsLike,
  WindowOptions,
} from './electronApi';

/**
 * A hand-written fake of the `electron` module for the glue's tests (DESIGN §8). It records what
 * the code under test set up (options, handlers, menus, dialogs) and lets the test fire events
 * the way Electron would.
 */

type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
}

export class FakeEvent implements PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents extends Emitter implements WebContentsLike {
  url = '';
  destroyed = false;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
  /** Fires will-navigate as Chromium would and says whether the app let it happen. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const e = new FakeEvent();
    this.emit(event, e, url);
    if (!e.defaultPrevented) this.url = url;
    return !e.defaultPrevented;
  }
}

export class FakeWindow extends Emitter implements AppWindow {
  static created: FakeWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  visible = false;
  focused = false;
  minimized = false;
  constructor(readonly options: WindowOptions) {
    super();
    FakeWindow.created.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.url = url;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
}

export class FakeApp extends Emitter implements AppLike {
  isPackaged = false;
  gotLock = true;
  sandboxEnabled = false;
  ready = false;
  quitCalls = 0;
  locale = 'en-US';
  private resolveReady: () => void = () => undefined;
  private readonly readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve));
  constructor(private readonly userData: string) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    return this.gotLock;
  }
  enableSandbox(): void {
    if (this.ready) throw new Error('enableSandbox must be called before ready');
    this.sandboxEnabled = true;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** What Electron does once it has initialised. */
  becomeReady(): void {
    this.ready = true;
    this.resolveReady();
  }
  quit(): void {
    this.quitCalls += 1;
    const e = new FakeEvent();
    this.emit('will-quit', e);
  }
  getPath(): string {
    return this.userData;
  }
  getLocale(): string {
    return this.locale;
  }
  getName(): string {
    return 'Counterpart';
  }
  getVersion(): string {
    return '0.1.0';
  }
}

export class FakeProtocol implements ProtocolLike {
  readonly privileged: SchemePrivileges[] = [];
  privilegedBeforeReady: boolean | null = null;
  readonly handlers = new Map<string, (request: { url: string; method: string }) => Promise<Response>>();
  constructor(private readonly app: FakeApp) {}
  registerSchemesAsPrivileged(schemes: SchemePrivileges[]): void {
    this.privilegedBeforeReady = !this.app.ready;
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>): void {
    if (!this.app.ready) throw new Error('protocol.handle must be called after ready');
    this.handlers.set(scheme, handler);
  }
}

export class FakeSession implements SessionLike {
  requestHandler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  checkHandler: ((webContents: unknown, permission: string) => boolean) | null = null;
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void {
    this.checkHandler = handler;
  }
}

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke from a frame at `frameUrl` would do. */
  invokeFrom(frameUrl: string | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return handler({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args);
  }
}

export class FakeMenu implements MenuApi<unknown> {
  applied: MenuItemTemplate[] | null = null;
  buildFromTemplate(template: MenuItemTemplate[]): unknown {
    return { template };
  }
  setApplicationMenu(menu: unknown): void {
    this.applied = (menu as { template: MenuItemTemplate[] } | null)?.template ?? null;
  }
  /** The menu item with this path of labels, e.g. ['File', 'Lock']. */
  item(...labels: string[]): MenuItemTemplate | undefined {
    let items = this.applied ?? [];
    let found: MenuItemTemplate | undefined;
    for (const label of labels) {
      found = items.find((i) => i.label === label);
      items = found?.submenu ?? [];
    }
    return found;
  }
}

export class FakeDialog implements DialogLike {
  readonly boxes: MessageBox[] = [];
  readonly errors: { title: string; content: string }[] = [];
  async showMessageBox(options: MessageBox): Promise<unknown> {
    this.boxes.push(options);
    return { response: 0 };
  }
  showErrorBox(title: string, content: string): void {
    this.errors.push({ title, content });
  }
}

export class FakeShell implements ShellLike {
  readonly external: string[] = [];
  readonly paths: string[] = [];
  missingPaths = new Set<string>();
  async openExternal(url: string): Promise<void> {
    this.external.push(url);
  }
  async openPath(path: string): Promise<string> {
    this.paths.push(path);
    return this.missingPaths.has(path) ? 'Failed to open path' : '';
  }
}

export type FakeElectron = ElectronMain & {
  app: FakeApp;
  protocol: FakeProtocol;
  session: { defaultSession: FakeSession };
  ipcMain: FakeIpcMain;
  Menu: FakeMenu;
  dialog: FakeDialog;
  shell: FakeShell;
};

export function fakeElectron(userData = '/home/worker/.config/Counterpart'): FakeElectron {
  FakeWindow.created = [];
  const app = new FakeApp(userData);
  return {
    app,
    BrowserWindow: FakeWindow,
    protocol: new FakeProtocol(app),
    session: { defaultSession: new FakeSession() },
    ipcMain: new FakeIpcMain(),
    Menu: new FakeMenu(),
    dialog: new FakeDialog(),
    shell: new FakeShell(),
  };
}

/** Carries a real core's events (createCore's onEvent) to whoever listens through the worker's `on`. */
export function eventRelay(): { emit(event: CoreEvent): void; on(listener: (event: CoreEvent) => void): () => void } {
  const listeners = new Set<(event: CoreEvent) => void>();
  return {
    emit: (event) => listeners.forEach((listener) => listener(event)),
    on: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * A real core (encrypted workspace in a temp folder) behind the worker's interface, in-process, with
 * a log of the methods that reached it. Pass the relay whose `emit` was given to createCore as onEvent.
 */
export function inProcessCore(core: Core, events = eventRelay()): RunningCore & { received: string[]; cancelled: string[]; stopped: boolean } {
  const handle = {
    received: [] as string[],
    cancelled: [] as string[],
    stopped: false,
    invoke(method: string, params: unknown): Promise<Result<unknown>> {
      handle.received.push(method);
      return core.dispatcher.dispatch(method, params);
    },
    cancel(callId: string): void {
      handle.cancelled.push(callId);
    },
    refused(refusal: TransportRefusal): void {
      core.session.noteTransportRefusal(refusal);
    },
    on: events.on,
    async stop(): Promise<void> {
      core.session.lock('user');
      handle.stopped = true;
    },
  };
  return handle;
}
