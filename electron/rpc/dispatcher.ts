import { z, ZodError } from 'zod';
import { contract, isMethodName, type MethodName } from '../../shared/contract';
import { CounterpartError, type Result, type RpcError } from '../../shared/contract/errors';
import type { AuditInput } from '../audit/auditLog';
import type { CallHold, SessionManager, Unlocked } from '../identity/session';
import type { CallContext, Handlers } from './types';

export type CallOptions = {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, label: string) => void;
  /** A cancel that arrived while the thread is busy (see CallContext.interrupted). */
  interrupted?: () => boolean;
};

/**
 * The answer for an error thrown inside a handler. Only a CounterpartError says what went wrong in words
 * meant for the user; anything else (a zod error from parsing stored data or the handler's own output, a
 * SQLite error, a bug) is INTERNAL: the request itself was valid, so it is not VALIDATION.
 */
const toRpcError = (method: string, err: unknown): RpcError => {
  if (err instanceof CounterpartError) return err.toJSON();
  logInternal(method, err);
  return { code: 'INTERNAL', message: 'Something went wrong inside Counterpart; the change was not saved.' };
};

/** What an unexpected error is logged as: for a zod error where and which rule failed, never the values it saw. */
export function internalCause(err: unknown): string {
  if (err instanceof ZodError) return `ZodError: ${issueSummary(err.issues).map((i) => `${i.path || '(root)'} ${i.code}`).join('; ')}`;
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return `non-error thrown: ${typeof err}`;
}

function logInternal(method: string, err: unknown): void {
  console.error(`[counterpart] internal error in ${method}: ${internalCause(err)}`);
}

/** Where a request failed to parse and which rule it broke: paths and zod codes only, never the rejected values. */
export function issueSummary(issues: readonly z.core.$ZodIssue[]): { path: string; code: string }[] {
  return issues.slice(0, 20).map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? '?' : String(p).slice(0, 64))).join('.'), code: i.code }));
}

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
          appendQuietly(unlocked, { actor: unlocked.actor, action: method, ...refusedRecord(def, params), outcome: 'denied', details: { reason: 'role' } });
          return { ok: false, error: { code: 'FORBIDDEN', message: 'Your role does not allow this.', details: { method, role: unlocked.user.role } } };
        }
        hold = this.session.hold();
      }
      const input = def.input.safeParse(params ?? {});
      if (!input.success) {
        // Refused before the handler: audited like a failed call, naming the fields and rules, not the values.
        if (unlocked) appendQuietly(unlocked, { actor: unlocked.actor, action: method, ...refusedRecord(def, params), outcome: 'failed', details: { code: 'VALIDATION', issues: issueSummary(input.error.issues) } });
        return { ok: false, error: { code: 'VALIDATION', message: 'The request is not valid.', details: { issues: input.error.issues } } };
      }
      record = auditedRecord(def.auditRecord, input.data);
      const ctx: CallContext = {
        session: this.session,
        signal: hold && opts.signal ? AbortSignal.any([opts.signal, hold.signal]) : (hold?.signal ?? opts.signal ?? new AbortController().signal),
        progress: opts.onProgress ?? (() => undefined),
        ...(opts.interrupted ? { interrupted: opts.interrupted } : {}),
      };
      const handler = this.handlers[method] as (input: unknown, ctx: CallContext) => unknown;
      const value = def.output.parse(await handler(input.data, ctx));
      if (def.readsPersonalData && unlocked && !unlocked.workspace.isClosed) {
        unlocked.audit.append({ actor: unlocked.actor, action: method, ...record, outcome: 'ok', details: { params: summarise(params) } });
      }
      return { ok: true, value };
    } catch (err) {
      const error = toRpcError(method, err);
      if (unlocked && !unlocked.workspace.isClosed && error.code !== 'SESSION_LOCKED') {
        appendQuietly(unlocked, { actor: unlocked.actor, action: method, ...record, outcome: error.code === 'INTERNAL' ? 'error' : 'failed', details: { code: error.code } });
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

/** Audits a refused or failed call; if the audit write itself fails (disk full?), the caller still gets the original answer. */
function appendQuietly(unlocked: Unlocked, entry: AuditInput): void {
  try {
    unlocked.audit.append(entry);
  } catch (err) {
    console.error(`[counterpart] could not audit ${entry.action}: ${internalCause(err)}`);
  }
}

/**
 * The record a refused call (wrong role, invalid input) was about, so filtering the audit log by record
 * also finds refused attempts: only when the method declares one and the raw id passes its own schema
 * (a malformed id could be anything, personal data included, and is not copied into the log).
 */
function refusedRecord(def: (typeof contract)[MethodName], params: unknown): { recordType: string; recordId: string } | Record<string, never> {
  const declared = def.auditRecord;
  if (!declared || !(def.input instanceof z.ZodObject) || !params || typeof params !== 'object') return {};
  const field = (def.input.shape as Record<string, z.ZodType>)[declared.idParam];
  const raw = (params as Record<string, unknown>)[declared.idParam];
  return field && typeof raw === 'string' && field.safeParse(raw).success ? { recordType: declared.type, recordId: raw } : {};
}

/** Which record a read was about, without copying search terms (personal data) into the log. */
function summarise(params: unknown): Record<string, unknown> {
  if (!params || typeof params !== 'object') return {};
  const { id, type } = params as { id?: unknown; type?: unknown };
  return { ...(typeof id === 'string' ? { id } : {}), ...(typeof type === 'string' ? { type } : {}) };
}
