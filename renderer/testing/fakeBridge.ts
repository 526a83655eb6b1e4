import type { CounterpartBridge, EventName, EventPayload } from '../../shared/contract/bridge';
import type { Result } from '../../shared/contract/errors';
import type { CoreEvent } from '../../shared/contract';

/**
 * For renderer tests only: a bridge whose answers are set per method (an in-memory map of handlers),
 * that records every call and can push events. It stands where window.counterpart stands; the real
 * core is exercised by the end-to-end suite.
 */
export type Handler = (params: unknown, options?: { callId?: string }) => Result<unknown> | Promise<Result<unknown>>;

export class FakeBridge implements CounterpartBridge {
  readonly calls: { method: string; params: unknown; callId?: string }[] = [];
  private readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Set<(event: CoreEvent) => void>();

  answer(method: string, handler: Handler | Result<unknown>): this {
    this.handlers.set(method, typeof handler === 'function' ? handler : () => handler);
    return this;
  }

  callsOf(method: string): unknown[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.params);
  }

  async invoke(method: string, params: unknown, options?: { callId?: string }): Promise<Result<unknown>> {
    this.calls.push(options?.callId === undefined ? { method, params } : { method, params, callId: options.callId });
    const handler = this.handlers.get(method);
    if (!handler) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `no fake answer for ${method}` } };
    return handler(params, options);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const forward = (payload: CoreEvent) => {
      if (payload.type === event) listener(payload as EventPayload<E>);
    };
    this.listeners.add(forward);
    return () => this.listeners.delete(forward);
  }

  emit(event: CoreEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
