import { z } from 'zod';
import { SYSTEM_ACTOR, type AuditInput } from './auditLog';

/**
 * Calls refused by a transport before they reach the dispatcher (DESIGN §5): an IPC message from a
 * frame that is not the app, a browser-mode request from another site or with a spent launch secret, a
 * malformed call envelope. The transport sends a note to the core's thread; the core writes it to the
 * audit log, or keeps it until the next unlock when the workspace is locked (its key is not in memory).
 *
 * The sender of such calls is by definition not trusted, and could send thousands: identical refusals
 * (same transport, reason and origin) within a minute become one entry that counts them, at most
 * MAX_PER_MINUTE entries are written in any minute (the rest are counted into the next one), and at
 * most MAX_PENDING entries wait for an unlock.
 */

export const REFUSAL_REASONS = [
  'ipc_sender_not_allowed',
  'invalid_request',
  'duplicate_call_id',
  'host_not_allowed',
  'origin_not_allowed',
  'cross_site',
  'launch_secret_rejected',
  'host_session_missing',
] as const;

export const TransportRefusal = z.strictObject({
  transport: z.enum(['ipc', 'http']),
  reason: z.enum(REFUSAL_REASONS),
  /** Scheme, host and port of the sender, when it said (`unknown` otherwise); never a path or query. */
  origin: z.string().max(200).optional(),
});
export type TransportRefusal = z.infer<typeof TransportRefusal>;

/** `scheme://host[:port]` of a URL or Origin header, or 'unknown'; paths and queries could carry anything. */
export function originOf(url: string | undefined | null): string {
  if (!url) return 'unknown';
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}`.slice(0, 200) : `${parsed.protocol}`.slice(0, 200);
  } catch {
    return 'unknown';
  }
}

export const COALESCE_MS = 60_000;
export const MAX_PENDING = 100;
export const MAX_PER_MINUTE = 20;

type Seen = { lastWrittenAt: number; suppressed: number };

export class TransportRefusals {
  private readonly seen = new Map<string, Seen>();
  private readonly pending: AuditInput[] = [];
  private dropped = 0;
  /** Times of the entries written in the last minute, and refusals not written because of the cap. */
  private recent: number[] = [];
  private overCap = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Records one refusal: `write` appends its entry now (null, or throwing, when the workspace is locked:
   * the entry then waits for `drain`); a refusal like one written less than a minute ago is only counted.
   */
  note(input: unknown, write: ((entry: AuditInput) => void) | null): void {
    const parsed = TransportRefusal.safeParse(input);
    // A note that does not parse comes from our own transports; it is still a refusal, of unknown kind.
    const refusal: TransportRefusal = parsed.success ? parsed.data : { transport: 'ipc', reason: 'invalid_request', origin: 'unknown' };
    const key = `${refusal.transport}\n${refusal.reason}\n${refusal.origin ?? ''}`;
    const at = this.now();
    const seen = this.seen.get(key);
    if (seen && at - seen.lastWrittenAt < COALESCE_MS) {
      seen.suppressed++;
      return;
    }
    this.recent = this.recent.filter((t) => at - t < COALESCE_MS);
    if (this.recent.length >= MAX_PER_MINUTE) {
      this.overCap++;
      return;
    }
    if (!seen && this.seen.size >= MAX_PENDING) this.forgetOldest();
    const entry: AuditInput = {
      actor: SYSTEM_ACTOR,
      action: 'transport.refused',
      outcome: 'denied',
      at: new Date(at).toISOString(),
      details: {
        ...refusal,
        ...(seen && seen.suppressed > 0 ? { alsoRefusedInTheMinuteBefore: seen.suppressed } : {}),
        ...(this.overCap > 0 ? { otherRefusalsNotWritten: this.overCap } : {}),
      },
    };
    this.overCap = 0;
    this.recent.push(at);
    this.seen.set(key, { lastWrittenAt: at, suppressed: 0 });
    if (write) {
      try {
        write(entry);
        return;
      } catch {
        // The workspace locked under us: keep it for the next unlock.
      }
    }
    this.keep(entry);
  }

  /** Entries kept while the workspace was locked, oldest first; empties the queue. */
  drain(): AuditInput[] {
    const entries = this.pending.splice(0);
    if (this.dropped > 0) {
      entries.push({ actor: SYSTEM_ACTOR, action: 'transport.refused', outcome: 'denied', details: { notKeptWhileLocked: this.dropped } });
      this.dropped = 0;
    }
    return entries;
  }

  private keep(entry: AuditInput): void {
    if (this.pending.length < MAX_PENDING) this.pending.push(entry);
    else this.dropped++;
  }

  private forgetOldest(): void {
    let oldest: string | undefined;
    let at = Infinity;
    for (const [key, seen] of this.seen) {
      if (seen.lastWrittenAt < at) {
        at = seen.lastWrittenAt;
        oldest = key;
      }
    }
    if (oldest !== undefined) this.seen.delete(oldest);
  }
}
