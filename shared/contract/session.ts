import { z } from 'zod';
import { method, ALL_ROLES } from './define';
import { Organisation } from '../domain/organisation';
import { User, Username, Password, DisplayName } from './users';

export const SessionState = z.enum(['no_workspace', 'locked', 'unlocked']);

export const SessionStatus = z.object({
  state: SessionState,
  /** Folder of the workspace this core serves (shown on the unlock screen; the organisation is encrypted). */
  workspacePath: z.string(),
  demo: z.boolean(),
  user: User.nullable(),
  organisation: Organisation.extend({ nodeId: z.string() }).nullable(),
  idleMinutes: z.number().int().nullable(),
  /** Milliseconds before another unlock attempt is accepted (growing delay after failures). */
  unlockDelayMs: z.number().int(),
});
export type SessionStatus = z.infer<typeof SessionStatus>;

export const RecoveryCode = z.string().trim().min(20).max(64);

export const sessionContract = {
  'session.status': method({ input: z.object({}), output: SessionStatus, access: 'public' }),
  'session.unlock': method({ input: z.object({ username: Username, password: Password }), output: SessionStatus, access: 'public' }),
  /** Forgotten password: the recovery code opens the recovery slot and sets a new password for the user. */
  'session.recover': method({
    input: z.object({ username: Username, recoveryCode: RecoveryCode, newPassword: Password }),
    output: SessionStatus,
    access: 'public',
  }),
  'session.lock': method({ input: z.object({}), output: SessionStatus, access: 'public' }),
  /** Marks user activity, so that reading a long page does not count as idle. */
  'session.touch': method({ input: z.object({}), output: z.object({ ok: z.literal(true) }), access: ALL_ROLES }),
  /** Points the core at another workspace folder (an absolute path); locks the current one. */
  'workspace.select': method({ input: z.object({ path: z.string().min(1).max(4096) }), output: SessionStatus, access: 'public' }),
  /** Opens the demo workspace (created on first use), signed in as its demo administrator. */
  'workspace.openDemo': method({ input: z.object({}), output: SessionStatus, access: 'public' }),
  /** First run: creates the workspace, its organisation and the first administrator, and unlocks it. */
  'workspace.create': method({
    input: z.object({
      organisation: Organisation,
      admin: z.object({ username: Username, displayName: DisplayName, password: Password }),
    }),
    output: z.object({ recoveryCode: z.string(), status: SessionStatus }),
    access: 'public',
  }),
};
