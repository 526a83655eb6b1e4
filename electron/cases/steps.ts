import { z } from 'zod';
import { stepAction, StepValue, TimelineKind, type TimelineEntry } from '../../shared/domain/cases';
import type { Unlocked } from '../identity/session';
import { cached, type Db } from '../store/database';

/**
 * The steps of a case, written to the audit log in the transaction of the change (`case.<kind>`,
 * record = the case), and read back as its timeline. Details hold codes, ids and dates only.
 */

export type StepDetails = Record<string, StepValue | undefined>;

export function recordStep(u: Pick<Unlocked, 'audit' | 'actor'>, caseId: string, kind: TimelineKind, step: { recordType?: string; recordId?: string; occurredAt?: string; details?: StepDetails } = {}): void {
  const details: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(step.details ?? {})) if (v !== undefined) details[k] = v;
  if (step.recordType) details.recordType = step.recordType;
  if (step.recordId) details.recordId = step.recordId;
  if (step.occurredAt) details.occurredAt = step.occurredAt;
  u.audit.add({ actor: u.actor, action: stepAction(kind), recordType: 'case', recordId: caseId, outcome: 'ok', details });
}

/** A step that happened earlier, written with others in one `case.history` entry (demo data, imported files). */
export type HistoryStep = { kind: TimelineKind; occurredAt: string; by: string | null; recordType?: string; recordId?: string; details: Record<string, StepValue> };

export function recordHistory(u: Pick<Unlocked, 'audit' | 'actor'>, caseId: string, steps: HistoryStep[]): void {
  u.audit.add({ actor: u.actor, action: HISTORY_ACTION, recordType: 'case', recordId: caseId, outcome: 'ok', details: { steps } });
}

const HISTORY_ACTION = 'case.history';
const HistoryEntry = z.object({
  steps: z.array(z.object({ kind: TimelineKind, occurredAt: z.string(), by: z.string().nullable(), recordType: z.string().optional(), recordId: z.string().optional(), details: z.record(z.string(), StepValue) })),
});

/** A read of personal data: one entry per case opened, or one per list naming the cases shown. */
export function auditCaseView(u: Pick<Unlocked, 'audit' | 'actor'>, what: 'file' | 'timeline' | 'attachment' | 'list' | 'search' | 'duplicates', caseIds: string[], extra: Record<string, unknown> = {}): void {
  if (caseIds.length === 1 && what !== 'list' && what !== 'search' && what !== 'duplicates') {
    u.audit.add({ actor: u.actor, action: 'case.view', recordType: 'case', recordId: caseIds[0], outcome: 'ok', details: { what, ...extra } });
  } else {
    u.audit.add({ actor: u.actor, action: 'case.view', recordType: 'case', outcome: 'ok', details: { what, caseIds, ...extra } });
  }
}

type AuditRow = { seq: number; at: string; username: string | null; action: string; details: string | null };

const KINDS = new Set<string>(TimelineKind.options);

/** Every step of a case, in the order it happened. */
export function readTimeline(db: Db, caseId: string): TimelineEntry[] {
  const rows = cached(
    db,
    `SELECT seq, at, username, action, details FROM audit_log
      WHERE record_type = 'case' AND record_id = @caseId AND outcome = 'ok' AND action LIKE 'case.%' ORDER BY seq`,
  ).all({ caseId }) as AuditRow[];
  const entries: TimelineEntry[] = [];
  for (const row of rows) {
    if (row.action === HISTORY_ACTION) {
      const history = HistoryEntry.safeParse(row.details ? JSON.parse(row.details) : {});
      if (history.success) {
        for (const h of history.data.steps) entries.push({ seq: row.seq, kind: h.kind, occurredAt: h.occurredAt, recordedAt: row.at, by: h.by, recordType: h.recordType ?? null, recordId: h.recordId ?? null, details: h.details });
      }
      continue;
    }
    const kind = row.action.slice('case.'.length);
    if (!KINDS.has(kind)) continue;
    const raw = (row.details ? JSON.parse(row.details) : {}) as Record<string, unknown>;
    const { recordType, recordId, occurredAt, ...rest } = raw;
    const details: Record<string, StepValue> = {};
    for (const [k, v] of Object.entries(rest)) {
      const parsed = StepValue.safeParse(v);
      if (parsed.success) details[k] = parsed.data;
    }
    entries.push({
      seq: row.seq,
      kind: kind as TimelineKind,
      occurredAt: typeof occurredAt === 'string' ? occurredAt : row.at,
      recordedAt: row.at,
      by: row.username,
      recordType: typeof recordType === 'string' ? recordType : null,
      recordId: typeof recordId === 'string' ? recordId : null,
      details,
    });
  }
  // By day of occurrence, then in the order recorded (a screening dated today follows today's registration).
  const day = (e: TimelineEntry) => e.occurredAt.slice(0, 10);
  return entries.sort((a, b) => (day(a) < day(b) ? -1 : day(a) > day(b) ? 1 : a.seq - b.seq));
}
