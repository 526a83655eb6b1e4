import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';
import type { CounterpartBridge, EventName } from '../../shared/contract/bridge';
import type { Result } from '../../shared/contract/errors';

/**
 * `window.counterpart` in the Electron app: exactly `invoke` and `on`, nothing else (DESIGN §2, §5).
 * Arguments are type-checked here so a page cannot push odd values through; the main process
 * validates the call again (zod) and checks which frame sent it.
 */

export type IpcRendererLike = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
};

export type ContextBridgeLike = { exposeInMainWorld(apiKey: string, api: CounterpartBridge): void };

const EVENT_NAMES: readonly EventName[] = ['progress', 'session.locked'];

const invalid = (message: string): Result<never> => ({ ok: false, error: { code: 'VALIDATION', message } });

export function createPreloadBridge(ipcRenderer: IpcRendererLike): CounterpartBridge {
  return {
    invoke(method, params, options) {
      if (typeof method !== 'string' || method.length === 0 || method.length > 200) return Promise.resolve(invalid('The method name must be text.'));
      if (options !== undefined && (typeof options !== 'object' || options === null)) return Promise.resolve(invalid('Options must be an object.'));
      const callId: unknown = options?.callId;
      if (callId !== undefined && typeof callId !== 'string') return Promise.resolve(invalid('The call id must be text.'));
      const request = callId === undefined ? { method, params } : { method, params, callId };
      return ipcRenderer.invoke(INVOKE_CHANNEL, request) as Promise<Result<unknown>>;
    },
    on(event, listener) {
      if (!EVENT_NAMES.includes(event)) throw new TypeError(`Unknown event ${String(event)}.`);
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
      // The IPC event object (with its `sender`) never reaches the page: only the payload does.
      const relay = (_ipcEvent: unknown, payload: unknown): void => {
        if (typeof payload === 'object' && payload !== null && (payload as { type?: unknown }).type === event) {
          listener(payload as Parameters<typeof listener>[0]);
        }
      };
      ipcRenderer.on(EVENT_CHANNEL, relay);
      return () => {
        ipcRenderer.removeListener(EVENT_CHANNEL, relay);
      };
    },
  };
}

export function exposeBridge(contextBridge: ContextBridgeLike, ipcRenderer: IpcRendererLike): void {
  contextBridge.exposeInMainWorld('counterpart', createPreloadBridge(ipcRenderer));
}
