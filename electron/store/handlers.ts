import { join } from 'node:path';
import type { Handlers } from '../rpc/types';
import { recordCounts, stateDigest } from './records';
import { schemaVersion } from './migrate';
import { writeBackup } from './backup';
import { newRecoveryCode } from './keyslots';

export const storeHandlers = {
  'workspace.info': (_input, { session }) => {
    const u = session.requireUnlocked();
    const { db } = u.workspace;
    const org = u.organisation;
    return {
      workspaceId: u.workspace.workspaceId,
      organisation: { name: org.name, code: org.code, country: org.country, type: org.type, nodeId: org.nodeId },
      schemaVersion: schemaVersion(db),
      users: u.users.count(),
      records: recordCounts(db),
      auditEntries: db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number,
      stateDigest: stateDigest(db),
    };
  },
  'workspace.newRecoveryCode': async (_input, { session }) => {
    const u = session.requireUnlocked();
    const recoveryCode = newRecoveryCode();
    const { keyslots } = u.workspace;
    await u.workspace.withMasterKey((key) => keyslots.setRecoverySlot(recoveryCode, key, u.workspace.kdf));
    keyslots.save();
    u.audit.append({ actor: u.actor, action: 'workspace.new_recovery_code', outcome: 'ok' });
    return { recoveryCode };
  },
  'backup.create': async (_input, { session, signal, progress }) => {
    const u = session.requireUnlocked();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const out = join(u.workspace.dir, 'backups', `counterpart-${u.organisation.code}-${stamp}.cpbackup`);
    const result = await writeBackup(u.workspace, out, { signal, onProgress: (done, total) => progress(done, total, 'backup') });
    u.audit.append({ actor: u.actor, action: 'backup.create', outcome: 'ok', details: { file: out, bytes: result.bytes } });
    return result;
  },
} satisfies Handlers<'workspace.info' | 'workspace.newRecoveryCode' | 'backup.create'>;
