import { z } from 'zod';
import { CANCEL_METHOD } from '../../shared/contract/bridge';
import type { CoreEvent } from '../../shared/contract';
import type { Result } from '../../shared/contract/errors';
import type { TransportRefusal } from '../audit/transportRefusals';

/**
 * What both transports (the browser-mode host's POST /rpc and the Electron IPC handler) do with a
 * call from the page: validate its shape, turn `$cancel` into CoreWorker.cancel, refuse a callId that
 * is already running (it would cross the answers of two calls), and forward the rest to the core.
 * Method names and params are checked by the core's dispatcher, not here. What is refused here is
 * reported to the core (`refused`), which audits it.
 */

export const CallId = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'A call id is 1-128 letters, digits, dots, colons, hyphens or underscores.');

export const InvokeRequest = z.strictObject({
  method: z.string().min(1).max(200),
  params: z.unknown().optional(),
  callId: CallId.optional(),
});
export type InvokeRequest = z.infer<typeof InvokeRequest>;

export const CancelParams = z.object({ callId: CallId });

/** The part of CoreWorker the transports use (so a test can hand in a fake). */
export interface CoreHandle {
  invoke(method: string, params: unknown, callId?: string): Promise<Result<unknown>>;
  cancel(callId: string): void;
  /** A call refused before it reached the core, for the audit log (electron/audit/transportRefusals.ts). */
  refused(refusal: TransportRefusal): void;
  on(listener: (event: CoreEvent) => void): () => void;
}

const invalid = (issues: z.core.$ZodIssue[]): Result<never> => ({
  ok: false,
  error: { code: 'VALIDATION', message: 'The request is not valid.', details: { issues } },
});

export function createCallForwarder(core: CoreHandle, transport: TransportRefusal['transport']): (request: unknown) => Promise<Result<unknown>> {
  const running = new Set<string>();
  const refuse = (reason: TransportRefusal['reason']) => core.refused({ transport, reason });
  return async (request) => {
    const parsed = InvokeRequest.safeParse(request);
    if (!parsed.success) {
      refuse('invalid_request');
      return invalid(parsed.error.issues);
    }
    const { method, params, callId } = parsed.data;

    if (method === CANCEL_METHOD) {
      const cancel = CancelParams.safeParse(params);
      if (!cancel.success) {
        refuse('invalid_request');
        return invalid(cancel.error.issues);
      }
      core.cancel(cancel.data.callId);
      return { ok: true, value: { ok: true } };
    }

    if (callId !== undefined) {
      if (running.has(callId)) {
        refuse('duplicate_call_id');
        return { ok: false, error: { code: 'CONFLICT', message: 'A call with this id is already running.', details: { callId } } };
      }
      running.add(callId);
    }
    try {
      return await core.invoke(method, params ?? {}, callId);
    } finally {
      if (callId !== undefined) running.delete(callId);
    }
  };
}
