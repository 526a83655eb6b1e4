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
  bundleRefused: 7,
  cancelled: 130,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION':
    case 'WEAK_PASSWORD':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'UNKNOWN_METHOD':
    case 'INVALID_TRANSITION':
    case 'ATTACHMENT_TOO_LARGE':
    case 'ATTACHMENT_TYPE_NOT_ALLOWED':
      return EXIT.usage;
    case 'WRONG_PASSWORD':
    case 'WRONG_RECOVERY_CODE':
    case 'USER_DISABLED':
    case 'SESSION_LOCKED':
      return EXIT.auth;
    case 'FORBIDDEN':
    case 'LAST_ADMIN':
    case 'CONSENT_REQUIRED':
    case 'APPROVAL_REQUIRED':
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
    case 'CARD_INVALID':
    case 'PARTNER_UNKNOWN':
    case 'PARTNER_UNVERIFIED':
    case 'PARTNER_REVOKED':
    case 'BUNDLE_NOT_AGE':
    case 'BUNDLE_DECRYPT_FAILED':
    case 'NOT_A_RECIPIENT':
    case 'BUNDLE_TOO_LARGE':
    case 'BUNDLE_MALFORMED':
    case 'BUNDLE_UNSAFE_PATH':
    case 'BUNDLE_UNSUPPORTED_VERSION':
    case 'BUNDLE_SIGNER_UNKNOWN':
    case 'BUNDLE_SIGNATURE_INVALID':
    case 'BUNDLE_KEY_REVOKED':
    case 'BUNDLE_FILE_MISSING':
    case 'BUNDLE_FILE_EXTRA':
    case 'BUNDLE_HASH_MISMATCH':
    case 'BUNDLE_REPLAY':
    case 'PREVIEW_STALE':
      return EXIT.bundleRefused;
    case 'INTERNAL':
      return EXIT.internal;
  }
}
