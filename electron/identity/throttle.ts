import { readFileSync, writeFileSync, renameSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Failed unlocks cannot be written to the encrypted audit log (there is no key yet), so they are kept
 * in a small plaintext file beside it: when, and for which user tag (a hash, not the name). The next
 * successful unlock moves them into the audit log and clears the file. The file also drives the
 * growing delay: 1 s after the first failure, doubling up to a minute.
 *
 * This slows a person at the keyboard; it is not what stops an offline attack on a stolen laptop —
 * Argon2id in the key slots is (docs/security.md).
 */

export const FAILURES_FILE = 'unlock-failures.json';

const Failures = z.object({
  consecutive: z.number().int().nonnegative(),
  lastAt: z.number().nullable(),
  attempts: z.array(z.object({ at: z.string(), userTag: z.string(), kind: z.enum(['password', 'recovery']) })).max(1000),
});
type Failures = z.infer<typeof Failures>;
export type FailedAttempt = Failures['attempts'][number];

export type ThrottleOptions = { baseDelayMs: number; maxDelayMs: number; now: () => number; sleep: (ms: number) => Promise<void> };

export const DEFAULT_THROTTLE: ThrottleOptions = {
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class UnlockThrottle {
  constructor(
    private readonly dir: string,
    private readonly opts: ThrottleOptions = DEFAULT_THROTTLE,
  ) {}

  private read(): Failures {
    const path = join(this.dir, FAILURES_FILE);
    if (!existsSync(path)) return { consecutive: 0, lastAt: null, attempts: [] };
    try {
      return Failures.parse(JSON.parse(readFileSync(path, 'utf8')));
    } catch {
      // A damaged file must not lock people out; start counting again.
      return { consecutive: 0, lastAt: null, attempts: [] };
    }
  }

  private write(state: Failures): void {
    const path = join(this.dir, FAILURES_FILE);
    writeFileSync(`${path}.tmp`, JSON.stringify(state), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  }

  delayFor(consecutive: number): number {
    return consecutive === 0 ? 0 : Math.min(this.opts.baseDelayMs * 2 ** (consecutive - 1), this.opts.maxDelayMs);
  }

  /** Milliseconds until the next attempt is allowed. */
  remainingDelay(): number {
    const state = this.read();
    if (state.lastAt === null) return 0;
    return Math.max(0, state.lastAt + this.delayFor(state.consecutive) - this.opts.now());
  }

  /** Waits out the delay left over from earlier failures. */
  async waitTurn(): Promise<void> {
    const ms = this.remainingDelay();
    if (ms > 0) await this.opts.sleep(ms);
  }

  /** Records a failure, then holds the caller for the (grown) delay before it may report it. */
  async fail(userTag: string, kind: FailedAttempt['kind']): Promise<number> {
    const state = this.read();
    const now = this.opts.now();
    const next: Failures = {
      consecutive: state.consecutive + 1,
      lastAt: now,
      attempts: [...state.attempts, { at: new Date(now).toISOString(), userTag, kind }].slice(-1000),
    };
    this.write(next);
    const delay = this.delayFor(next.consecutive);
    await this.opts.sleep(delay);
    return delay;
  }

  /** On success: hands back the failures to audit, and resets the delay. */
  succeed(): FailedAttempt[] {
    const { attempts } = this.read();
    rmSync(join(this.dir, FAILURES_FILE), { force: true });
    return attempts;
  }
}
