import { z } from 'zod';
import { method, ALL_ROLES } from './define';
import { Organisation } from '../domain/organisation';
import { patchOf } from '../domain/cases/common';

export const WorkspaceInfo = z.object({
  workspaceId: z.string(),
  organisation: Organisation.extend({ nodeId: z.string() }),
  schemaVersion: z.number().int(),
  users: z.number().int(),
  records: z.record(z.string(), z.number().int()),
  auditEntries: z.number().int(),
  /** SHA-256 over every synchronised record's type, id and version: equal digests = same data. */
  stateDigest: z.string(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>;

export const Settings = z.object({
  idleMinutes: z.number().int().min(1).max(240),
});
export type Settings = z.infer<typeof Settings>;

export const BackupResult = z.object({ path: z.string(), bytes: z.number().int(), createdAt: z.string() });

export const workspaceContract = {
  'workspace.info': method({ input: z.object({}), output: WorkspaceInfo, access: ALL_ROLES }),
  'settings.get': method({ input: z.object({}), output: Settings, access: ALL_ROLES }),
  /** A change of some settings: the ones it does not name keep their values (patchOf, never `.partial()`, which fills defaults in). */
  'settings.update': method({ input: patchOf(Settings), output: Settings, access: ['admin'] }),
  /** Replaces the recovery code (the old one stops working); the new one is returned once. */
  'workspace.newRecoveryCode': method({ input: z.object({}), output: z.object({ recoveryCode: z.string() }), access: ['admin'] }),
  /** Writes an encrypted backup into the workspace's backups/ folder. */
  'backup.create': method({ input: z.object({}), output: BackupResult, access: ['admin'], longRunning: true }),
};
