import { createCallForwarder, InvokeRequest, type CoreHandle } from '../host/callForwarding';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../preload/channels';
import type { Result } from '../../shared/contract/errors';
import { isAppUrl } from './protocol';
import type { IpcInvokeEvent, IpcMainLike, WebContentsLike } from './electronApi';

/**
 * The main process only forwards (DESIGN §3, §5): a call from the page goes to the core's worker
 * thread as it is, after checking that it was sent by a frame of app://counterpart. A message from
 * any other origin (a navigated-away or injected frame) is dropped before it reaches the core.
 */

export function isTrustedSender(event: IpcInvokeEvent): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url);
}

const FOREIGN_SENDER: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Calls are only accepted from the Counterpart window.', details: { reason: 'ipc_sender_not_allowed' } },
};

const senderOrigin = (event: IpcInvokeEvent): string => {
  try {
    const url = new URL(event.senderFrame?.url ?? '');
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'unknown';
  }
};

export type IpcOptions = {
  /** Sees each forwarded call's method and result (the menu follows the signed-in user's language). */
  onResult?: (method: string, result: Result<unknown>) => void;
};

/** Handles `counterpart:invoke`; returns a function that removes the handler. */
export function registerIpc(ipcMain: IpcMainLike, core: CoreHandle, opts: IpcOptions = {}): () => void {
  const forward = createCallForwarder(core);
  ipcMain.handle(INVOKE_CHANNEL, async (event, ...args) => {
    if (!isTrustedSender(event)) {
      console.warn(`[counterpart] dropped an IPC call from ${senderOrigin(event)}`);
      return FOREIGN_SENDER;
    }
    const request = InvokeRequest.safeParse(args.length === 1 ? args[0] : undefined);
    if (!request.success) {
      return { ok: false, error: { code: 'VALIDATION', message: 'The request is not valid.', details: { issues: request.error.issues } } } satisfies Result<never>;
    }
    const result = await forward(request.data);
    opts.onResult?.(request.data.method, result);
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
