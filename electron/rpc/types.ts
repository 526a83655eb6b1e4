import type { z } from 'zod';
import type { Contract, MethodName, MethodOutput } from '../../shared/contract';
import type { SessionManager } from '../identity/session';

export type CallContext = {
  session: SessionManager;
  signal: AbortSignal;
  progress: (done: number, total: number, label: string) => void;
  /**
   * True once the caller cancelled, readable while this thread is busy: `signal` only hears of a cancel
   * when the event loop runs, so a long synchronous loop (a bundle import's one transaction) polls this
   * between batches. Absent when the core runs in the caller's thread.
   */
  interrupted?: () => boolean;
};

export type Handler<M extends MethodName> = (input: z.output<Contract[M]['input']>, ctx: CallContext) => MethodOutput<M> | Promise<MethodOutput<M>>;

/** A feature's handlers: exactly the methods it declares in its contract file. */
export type Handlers<K extends MethodName> = { [M in K]: Handler<M> };
