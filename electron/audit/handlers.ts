import type { Handlers } from '../rpc/types';
import type { auditContract } from '../../shared/contract/audit';

export const auditHandlers: Handlers<keyof typeof auditContract> = {
  'audit.list': (filter, { session }) => session.requireUnlocked().audit.list(filter),
  'audit.verify': (_input, { session }) => {
    const u = session.requireUnlocked();
    const result = u.audit.verify();
    u.audit.append({ actor: u.actor, action: 'audit.verify', outcome: result.ok ? 'ok' : 'failed', details: result.ok ? { entries: result.entries } : { firstBadSeq: result.firstBadSeq } });
    return result;
  },
};
