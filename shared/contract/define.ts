import type { z } from 'zod';
import type { Role } from '../domain/roles';

/**
 * Who may call a method: `public` needs no unlocked session (status, unlock, first-run setup);
 * otherwise the list of roles whose session may call it. Checked in the core's dispatcher, always.
 */
export type Access = 'public' | readonly Role[];

export type MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = {
  input: I;
  output: O;
  access: Access;
  /** Reads personal data: the dispatcher writes an audit entry for each successful call. */
  readsPersonalData?: boolean;
  /**
   * The one record such a read is about: its audit entry carries `type` as record_type and the input's
   * `idParam` as record_id, so filtering the audit log by record finds every read of it.
   */
  auditRecord?: { type: string; idParam: Extract<keyof z.output<I>, string> };
  /** Long-running: may report progress events and be cancelled. */
  longRunning?: boolean;
};

export const method = <I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>): MethodDef<I, O> => def;

export const ALL_ROLES = ['admin', 'case_manager', 'case_worker', 'me_officer', 'exchange_officer', 'viewer'] as const satisfies readonly Role[];
