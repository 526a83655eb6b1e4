/**
 * Cancel flags shared between the main side and the core's worker thread. A long synchronous loop in
 * the worker (a bundle import applies its records inside one transaction) keeps the worker's event loop
 * busy, so a `cancel` message would only be read after the loop had finished. The main side therefore
 * also raises a flag in shared memory, which the loop polls between batches (`CallContext.interrupted`).
 */

export const CANCEL_SLOTS = 64;

/** The main side: one slot per running call while slots last (a call without a slot still gets the message). */
export class CancelFlags {
  readonly buffer = new SharedArrayBuffer(4 * CANCEL_SLOTS);
  private readonly flags = new Int32Array(this.buffer);
  private readonly free: number[] = Array.from({ length: CANCEL_SLOTS }, (_, i) => i);

  take(): number | undefined {
    const slot = this.free.pop();
    if (slot !== undefined) Atomics.store(this.flags, slot, 0);
    return slot;
  }

  raise(slot: number): void {
    Atomics.store(this.flags, slot, 1);
  }

  release(slot: number): void {
    Atomics.store(this.flags, slot, 0);
    this.free.push(slot);
  }
}

/** The worker side: whether the call holding `slot` was cancelled, readable while the thread is busy. */
export const interruptedBy =
  (buffer: SharedArrayBuffer, slot: number): (() => boolean) =>
  () =>
    Atomics.load(new Int32Array(buffer), slot) === 1;
