import type { z } from 'zod';
import { sessionContract } from './session';
import { usersContract } from './users';
import { auditContract } from './audit';
import { workspaceContract } from './workspace';
import { exchangeContract } from './exchange';
import { casesContract } from './cases';
import { workplansContract } from './workplans';
import { reportsContract } from './reports';

/** Every method the core answers, declared once. Features add their file here. */
export const contract = {
  ...sessionContract,
  ...workspaceContract,
  ...usersContract,
  ...auditContract,
  ...exchangeContract,
  ...casesContract,
  ...workplansContract,
  ...reportsContract,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const isMethodName = (name: string): name is MethodName => Object.prototype.hasOwnProperty.call(contract, name);

/** Events the core pushes to the UI. */
export type CoreEvent =
  | { type: 'progress'; callId: string; done: number; total: number; label: string }
  | { type: 'session.locked'; reason: 'idle' | 'user' };
