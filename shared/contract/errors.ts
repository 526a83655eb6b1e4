import { z } from 'zod';

/**
 * Stable error codes that cross the RPC boundary, the CLI and the UI.
 * A code never changes meaning once shipped; the UI translates it (i18n key `errors.<CODE>`).
 */
export const ERROR_CODES = [
  'VALIDATION',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'CANCELLED',
  'INTERNAL',
  'UNKNOWN_METHOD',
  'SESSION_LOCKED',
  'WRONG_PASSWORD',
  'WRONG_RECOVERY_CODE',
  'USER_DISABLED',
  'WEAK_PASSWORD',
  'WORKSPACE_NOT_FOUND',
  'WORKSPACE_EXISTS',
  'WORKSPACE_TOO_NEW',
  'WORKSPACE_CORRUPT',
  'WORKSPACE_BUSY',
  'BACKUP_INVALID',
  'AUDIT_CHAIN_BROKEN',
  'LAST_ADMIN',
  // Exchange (electron/exchange, docs/bundles.md)
  'CARD_INVALID',
  'PARTNER_UNKNOWN',
  'PARTNER_UNVERIFIED',
  'PARTNER_REVOKED',
  'CONSENT_REQUIRED',
  'BUNDLE_NOT_AGE',
  'BUNDLE_DECRYPT_FAILED',
  'NOT_A_RECIPIENT',
  'BUNDLE_TOO_LARGE',
  'BUNDLE_MALFORMED',
  'BUNDLE_UNSAFE_PATH',
  'BUNDLE_UNSUPPORTED_VERSION',
  'BUNDLE_SIGNER_UNKNOWN',
  'BUNDLE_SIGNATURE_INVALID',
  'BUNDLE_KEY_REVOKED',
  'BUNDLE_FILE_MISSING',
  'BUNDLE_FILE_EXTRA',
  'BUNDLE_HASH_MISMATCH',
  'BUNDLE_REPLAY',
  'PREVIEW_STALE',
  // Case management (electron/cases, docs/cases.md)
  'APPROVAL_REQUIRED',
  'INVALID_TRANSITION',
  'ATTACHMENT_TOO_LARGE',
  'ATTACHMENT_TYPE_NOT_ALLOWED',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const RpcError = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type RpcError = z.infer<typeof RpcError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: RpcError };

/** An error that carries a stable code. Thrown inside the core, turned into a value at the boundary. */
export class CounterpartError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CounterpartError';
  }

  toJSON(): RpcError {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export const fail = (code: ErrorCode, message: string, details?: Record<string, unknown>): never => {
  throw new CounterpartError(code, message, details);
};
