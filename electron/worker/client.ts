import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import type { CoreEvent } from '../../shared/contract';
import type { Result } from '../../shared/contract/errors';
import type { FromWorker, ToWorker, WorkerConfig } from './protocol';
import { CancelFlags } from './cancelFlags';
import type { TransportRefusal } from '../audit/transportRefusals';

/** The development worker entry (TypeScript via tsx); bundles pass their own. Lazy, so bundling does not evaluate it. */
export const devWorkerEntry = (): string => fileURLToPath(new URL('./bootstrap.mjs', import.meta.url));

type Pending = { resolve: (result: Result<unknown>) => void; slot: number | undefined };

/**
 * The main-side handle on the core's worker thread: `invoke` a contract method, listen to events,
 * cancel a long call. If the thread dies, every pending call gets an INTERNAL error rather than hanging.
 */
export class CoreWorker {
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<(event: CoreEvent) => void>();
  private readonly ready: Promise<void>;
  private exited = false;

  private constructor(
    private readonly worker: Worker,
    private readonly cancelFlags: CancelFlags,
  ) {
    this.ready = new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'result') {
          const pending = this.pending.get(message.id);
          if (pending?.slot !== undefined) this.cancelFlags.release(pending.slot);
          pending?.resolve(message.result);
          this.pending.delete(message.id);
        } else for (const listener of this.listeners) listener(message.event);
      });
    });
    worker.on('exit', () => {
      this.exited = true;
      for (const { resolve } of this.pending.values()) resolve({ ok: false, error: { code: 'INTERNAL', message: 'The Counterpart core stopped.' } });
      this.pending.clear();
    });
  }

  static async start(config: WorkerConfig, entry: string = devWorkerEntry()): Promise<CoreWorker> {
    const cancelFlags = new CancelFlags();
    const client = new CoreWorker(new Worker(entry, { workerData: { ...config, cancelFlags: cancelFlags.buffer } }), cancelFlags);
    await client.ready;
    return client;
  }

  /** Calls a contract method; `callId` lets the caller match progress events and cancel. */
  invoke(method: string, params: unknown, callId: string = randomUUID()): Promise<Result<unknown>> {
    if (this.exited) return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: 'The Counterpart core stopped.' } });
    return new Promise((resolve) => {
      const slot = this.cancelFlags.take();
      this.pending.set(callId, { resolve, slot });
      this.send({ type: 'call', id: callId, method, params, ...(slot === undefined ? {} : { cancelSlot: slot }) });
    });
  }

  cancel(callId: string): void {
    const slot = this.pending.get(callId)?.slot;
    if (slot !== undefined) this.cancelFlags.raise(slot);
    this.send({ type: 'cancel', id: callId });
  }

  /** Tells the core about a call a transport refused, so that it is audited. */
  refused(refusal: TransportRefusal): void {
    if (!this.exited) this.send({ type: 'refused', refusal });
  }

  on(listener: (event: CoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.send({ type: 'shutdown' });
    const timeout = setTimeout(() => void this.worker.terminate(), 5000);
    await exited;
    clearTimeout(timeout);
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }
}
