import type { ErrorCode } from '../../shared/contract/errors';

/** Exit codes, documented in docs/cli.md. Scripts may rely on them; never renumber. */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  auth: 3,
  forbidden: 4,
  workspace: 5,
  auditBroken: 6,
  cancelled: 130,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION':
    case 'WEAK_PASSWORD':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'UNKNOWN_METHOD':
      return EXIT.usage;
    case 'WRONG_PASSWORD':
    case 'WRONG_RECOVERY_CODE':
    case 'USER_DISABLED':
    case 'SESSION_LOCKED':
      return EXIT.auth;
    case 'FORBIDDEN':
    case 'LAST_ADMIN':
      return EXIT.forbidden;
    case 'WORKSPACE_NOT_FOUND':
    case 'WORKSPACE_EXISTS':
    case 'WORKSPACE_TOO_NEW':
    case 'WORKSPACE_CORRUPT':
    case 'WORKSPACE_BUSY':
    case 'BACKUP_INVALID':
      return EXIT.workspace;
    case 'AUDIT_CHAIN_BROKEN':
      return EXIT.auditBroken;
    case 'CANCELLED':
      return EXIT.cancelled;
    case 'INTERNAL':
      return EXIT.internal;
  }
}
