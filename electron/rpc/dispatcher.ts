import { ZodError } from 'zod';
import { contract, isMethodName, type MethodName } from '../../shared/contract';
import { CounterpartError, type Result, type RpcError } from '../../shared/contract/errors';
import type { CallHold, SessionManager, Unlocked } from '../identity/session';
import type { CallContext, Handlers } from './types';

export type CallOptions = {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, label: string) => void;
};

const toRpcError = (err: unknown): RpcError => {
  if (err instanceof CounterpartError) return err.toJSON();
  if (err instanceof ZodError) return { code: 'VALIDATION', message: 'The request is not valid.', details: { issues: err.issues } };
  console.error('[counterpart] internal error', err);
  return { code: 'INTERNAL', message: 'Something went wrong inside Counterpart; the change was not saved.' };
};

/**
 * The only way into the core (DESIGN §3): method exists -> the session's role may call it ->
 * input parses -> handler -> output parses -> {ok, value} | {ok:false, error}. Denied and failed calls
 * are audited here; successful writes are audited by the write path inside their own transaction.
 *
 * Every call on an unlocked session holds it active while it runs (no idle lock under a long backup or
 * import); a lock during the call aborts the call's signal, and the database closes once it has ended.
 */
export class Dispatcher {
  constructor(
    private readonly session: SessionManager,
    private readonly handlers: Handlers<MethodName>,
  ) {}

  async dispatch(method: string, params: unknown, opts: CallOptions = {}): Promise<Result<unknown>> {
    if (!isMethodName(method)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${method}.` } };
    const def = contract[method];
    let unlocked: Unlocked | null = null;
    let hold: CallHold | null = null;
    let record: { recordType: string; recordId: string } | null = null;
    try {
      if (def.access !== 'public') {
        unlocked = this.session.requireUnlocked();
        if (!def.access.includes(unlocked.user.role)) {
          unlocked.audit.append({ actor: unlocked.actor, action: method, outcome: 'denied', details: { reason: 'role' } });
          return { ok: false, error: { code: 'FORBIDDEN', message: 'Your role does not allow this.', details: { method, role: unlocked.user.role } } };
        }
        hold = this.session.hold();
      }
      const input = def.input.safeParse(params ?? {});
      if (!input.success) return { ok: false, error: { code: 'VALIDATION', message: 'The request is not valid.', details: { issues: input.error.issues } } };
      record = auditedRecord(def.auditRecord, input.data);
      const ctx: CallContext = {
        session: this.session,
        signal: hold && opts.signal ? AbortSignal.any([opts.signal, hold.signal]) : (hold?.signal ?? opts.signal ?? new AbortController().signal),
        progress: opts.onProgress ?? (() => undefined),
      };
      const handler = this.handlers[method] as (input: unknown, ctx: CallContext) => unknown;
      const value = def.output.parse(await handler(input.data, ctx));
      if (def.readsPersonalData && unlocked && !unlocked.workspace.isClosed) {
        unlocked.audit.append({ actor: unlocked.actor, action: method, ...record, outcome: 'ok', details: { params: summarise(params) } });
      }
      return { ok: true, value };
    } catch (err) {
      const error = toRpcError(err);
      if (unlocked && !unlocked.workspace.isClosed && error.code !== 'SESSION_LOCKED') {
        try {
          unlocked.audit.append({ actor: unlocked.actor, action: method, ...record, outcome: error.code === 'INTERNAL' ? 'error' : 'failed', details: { code: error.code } });
        } catch {
          // The audit write itself failed (disk full?); the caller still gets the original error.
        }
      }
      return { ok: false, error };
    } finally {
      hold?.release();
    }
  }
}

/** The record a method declares it reads (`auditRecord` in its contract), taken from the parsed input. */
function auditedRecord(declared: { type: string; idParam: string } | undefined, input: unknown): { recordType: string; recordId: string } | null {
  if (!declared || !input || typeof input !== 'object') return null;
  const id = (input as Record<string, unknown>)[declared.idParam];
  return typeof id === 'string' ? { recordType: declared.type, recordId: id } : null;
}

/** Which record a read was about, without copying search terms (personal data) into the log. */
function summarise(params: unknown): Record<string, unknown> {
  if (!params || typeof params !== 'object') return {};
  const { id, type } = params as { id?: unknown; type?: unknown };
  return { ...(typeof id === 'string' ? { id } : {}), ...(typeof type === 'string' ? { type } : {}) };
}
