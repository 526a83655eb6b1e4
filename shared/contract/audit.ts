import { z } from 'zod';
import { method } from './define';

export const AuditOutcome = z.enum(['ok', 'denied', 'failed', 'error']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  outcome: AuditOutcome,
  details: z.record(z.string(), z.unknown()).nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditFilter = z.object({
  username: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  recordType: z.string().max(64).optional(),
  recordId: z.string().max(64).optional(),
  outcome: AuditOutcome.optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditVerification = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entries: z.number().int() }),
  z.object({ ok: z.literal(false), entries: z.number().int(), firstBadSeq: z.number().int(), reason: z.string() }),
]);

const auditors = ['admin', 'viewer'] as const;

export const auditContract = {
  'audit.list': method({ input: AuditFilter, output: z.object({ entries: z.array(AuditEntry), total: z.number().int() }), access: auditors }),
  'audit.verify': method({ input: z.object({}), output: AuditVerification, access: auditors }),
};
