import type { Result } from './errors';
import type { CoreEvent } from './index';

/**
 * What the renderer sees as `window.counterpart`: exposed by the Electron preload, or installed by
 * renderer/app/browserBridge.ts in browser mode. Nothing else of Node or Electron reaches the page.
 *
 * Cancelling a long call: `invoke('$cancel', { callId })`; the transport (Electron IPC handler or the
 * browser-mode host) turns it into CoreWorker.cancel(callId) and answers `{ ok: true, value: { ok: true } }`.
 */
export const CANCEL_METHOD = '$cancel';

export type EventName = CoreEvent['type'];
export type EventPayload<E extends EventName> = Extract<CoreEvent, { type: E }>;

export interface CounterpartBridge {
  invoke(method: string, params: unknown, options?: { callId?: string }): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
