import { describe, expect, it } from 'vitest';
import { CANCEL_SLOTS, CancelFlags, interruptedBy } from './cancelFlags';

describe('cancel flags shared with the worker', () => {
  it('gives each running call its own slot, raises only that one, and clears a slot for its next call', () => {
    const flags = new CancelFlags();
    const a = flags.take()!;
    const b = flags.take()!;
    expect(a).not.toBe(b);
    const readA = interruptedBy(flags.buffer, a);
    const readB = interruptedBy(flags.buffer, b);
    flags.raise(a);
    expect([readA(), readB()]).toEqual([true, false]);
    flags.release(a);
    expect(readA()).toBe(false);
    const again = flags.take()!;
    expect(again).toBe(a);
    expect(interruptedBy(flags.buffer, again)()).toBe(false);
  });

  it('runs out of slots without failing: the call then has none (the cancel message still reaches it)', () => {
    const flags = new CancelFlags();
    const taken = Array.from({ length: CANCEL_SLOTS }, () => flags.take());
    expect(new Set(taken).size).toBe(CANCEL_SLOTS);
    expect(flags.take()).toBeUndefined();
  });
});
