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
  /** Long-running: may report progress events and be cancelled. */
  longRunning?: boolean;
};

export const method = <I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>): MethodDef<I, O> => def;

export const ALL_ROLES = ['admin', 'case_manager', 'case_worker', 'me_officer', 'exchange_officer', 'viewer'] as const satisfies readonly Role[];
