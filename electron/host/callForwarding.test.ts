import { describe, expect, it } from 'vitest';
import { createCallForwarder, type CoreHandle } from './callForwarding';
import type { Result } from '../../shared/contract/errors';
import type { TransportRefusal } from '../audit/transportRefusals';

/** A core whose calls stay open until the test answers them. */
function heldCore() {
  const calls: { method: string; params: unknown; callId?: string; answer: (r: Result<unknown>) => void }[] = [];
  const cancelled: string[] = [];
  const refused: TransportRefusal[] = [];
  const core: CoreHandle = {
    invoke: (method, params, callId) => new Promise((answer) => calls.push({ method, params, callId, answer })),
    cancel: (callId) => void cancelled.push(callId),
    refused: (refusal) => void refused.push(refusal),
    on: () => () => undefined,
  };
  return { core, calls, cancelled, refused };
}

describe('forwarding a call from the page to the core', () => {
  it('passes method, params and call id through, with {} for missing params', async () => {
    const { core, calls } = heldCore();
    const forward = createCallForwarder(core, 'http');
    const pending = forward({ method: 'session.status', callId: 'c1' });
    expect(calls).toMatchObject([{ method: 'session.status', params: {}, callId: 'c1' }]);
    calls[0]!.answer({ ok: true, value: 'done' });
    expect(await pending).toEqual({ ok: true, value: 'done' });
  });

  it('turns $cancel into a cancellation and never into a core call', async () => {
    const { core, calls, cancelled } = heldCore();
    const forward = createCallForwarder(core, 'http');
    expect(await forward({ method: '$cancel', params: { callId: 'c9' } })).toEqual({ ok: true, value: { ok: true } });
    expect(cancelled).toEqual(['c9']);
    expect(calls).toEqual([]);
  });

  it('refuses a second call under an id that is still running, and accepts it once the first is done', async () => {
    const { core, calls, refused } = heldCore();
    const forward = createCallForwarder(core, 'http');
    const first = forward({ method: 'backup.create', params: {}, callId: 'same' });
    expect(await forward({ method: 'backup.create', params: {}, callId: 'same' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(refused).toEqual([{ transport: 'http', reason: 'duplicate_call_id' }]);
    calls[0]!.answer({ ok: true, value: 1 });
    await first;
    const again = forward({ method: 'backup.create', params: {}, callId: 'same' });
    expect(calls).toHaveLength(2);
    calls[1]!.answer({ ok: true, value: 2 });
    expect(await again).toEqual({ ok: true, value: 2 });
  });

  it('refuses malformed requests with VALIDATION before they reach the core, and reports each for the audit log', async () => {
    const { core, calls, refused } = heldCore();
    const forward = createCallForwarder(core, 'ipc');
    const bad = [null, 'session.status', { method: '' }, { method: 'x', callId: 'has space' }, { method: 'x', extra: 1 }, { method: '$cancel', params: { callId: 5 } }];
    for (const request of bad) {
      expect(await forward(request)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(calls).toEqual([]);
    expect(refused).toEqual(bad.map(() => ({ transport: 'ipc', reason: 'invalid_request' })));
  });
});
