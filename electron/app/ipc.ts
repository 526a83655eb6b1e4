import { createCallForwarder, type CoreHandle } from '../host/callForwarding';
import { originOf } from '../audit/transportRefusals';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../preload/channels';
import type { Result } from '../../shared/contract/errors';
import { isAppUrl } from './protocol';
import type { IpcInvokeEvent, IpcMainLike, WebContentsLike } from './electronApi';

/**
 * The main process only forwards (DESIGN §3, §5): a call from the page goes to the core's worker
 * thread as it is, after checking that it was sent by a frame of app://counterpart. A message from
 * any other origin (a navigated-away or injected frame) is dropped before it reaches the core; the
 * core is told, and audits it.
 */

export function isTrustedSender(event: IpcInvokeEvent): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url);
}

const FOREIGN_SENDER: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Calls are only accepted from the Counterpart window.', details: { reason: 'ipc_sender_not_allowed' } },
};

const senderOrigin = (event: IpcInvokeEvent): string => originOf(event.senderFrame?.url);

export type IpcOptions = {
  /** Sees each forwarded call's method and result (the menu follows the signed-in user's language). */
  onResult?: (method: string, result: Result<unknown>) => void;
};

/** Handles `counterpart:invoke`; returns a function that removes the handler. */
export function registerIpc(ipcMain: IpcMainLike, core: CoreHandle, opts: IpcOptions = {}): () => void {
  const forward = createCallForwarder(core, 'ipc');
  ipcMain.handle(INVOKE_CHANNEL, async (event, ...args) => {
    if (!isTrustedSender(event)) {
      const origin = senderOrigin(event);
      console.warn(`[counterpart] dropped an IPC call from ${origin}`);
      core.refused({ transport: 'ipc', reason: 'ipc_sender_not_allowed', origin });
      return FOREIGN_SENDER;
    }
    // One argument, the call envelope; the forwarder checks its shape (and reports a bad one).
    const request: unknown = args.length === 1 ? args[0] : undefined;
    const result = await forward(request);
    const method = (request as { method?: unknown } | undefined)?.method;
    if (typeof method === 'string') opts.onResult?.(method, result);
    return result;
  });
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

/** Sends every core event to the window, as long as it still shows the app. Returns an unsubscribe. */
export function forwardCoreEvents(core: Pick<CoreHandle, 'on'>, target: () => WebContentsLike | null): () => void {
  return core.on((event) => {
    const contents = target();
    if (contents && !contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(EVENT_CHANNEL, event);
  });
}
