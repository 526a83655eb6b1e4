import type { CoreEvent } from '../../shared/contract';
import type { Result } from '../../shared/contract/errors';
import type { KdfCost } from '../store/keyslots';
import type { TransportRefusal } from '../audit/transportRefusals';

/** Messages between the main process (or the browser-mode host) and the core's worker thread. */
export type ToWorker =
  | { type: 'call'; id: string; method: string; params: unknown; cancelSlot?: number }
  | { type: 'cancel'; id: string }
  /** A call the transport refused before forwarding it (electron/audit/transportRefusals.ts), for the audit log. */
  | { type: 'refused'; refusal: TransportRefusal }
  | { type: 'shutdown' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: string; result: Result<unknown> }
  | { type: 'event'; event: CoreEvent };

/** Plain data only: it crosses a thread boundary. */
export type WorkerConfig = {
  workspaceDir: string;
  demoDir?: string;
  kdf?: KdfCost;
  throttle?: { baseDelayMs: number; maxDelayMs: number };
  migrationsDir?: string;
  /** Shared cancel flags (electron/worker/cancelFlags.ts), set by the main side. */
  cancelFlags?: SharedArrayBuffer;
};
