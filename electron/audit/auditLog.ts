import { hash as digest } from 'node:crypto';
import { z } from 'zod';
import { cached, commitScope, type CommitScope, type Db } from '../store/database';
import { canonicalJson } from '../../shared/domain/canonicalJson';
import { CounterpartError } from '../../shared/contract/errors';
import type { AuditEntry, AuditFilter, AuditOutcome } from '../../shared/contract/audit';

/**
 * The hash-chained audit log (DESIGN §5). Each entry's hash covers the previous entry's hash and the
 * canonical JSON of its own fields, so editing, deleting or reordering any entry breaks the chain from
 * that entry on. The newest hash is also kept in `meta.audit_head`, so cutting entries off the end shows.
 *
 * Batched writes: inside a transaction opened by `inTransaction`, entries chain from the log's last row
 * and the head is written once, just before the commit (a transaction of 20,000 record writes moves it
 * once, not 20,000 times). That is only done when the log's last row and the head agree at the first
 * entry of the transaction; otherwise (entries were cut off the end) every entry chains from the head,
 * as outside such transactions, so the cut stays visible to `verify`.
 */

export const GENESIS_HASH = '0'.repeat(64);

export type Actor = { userId: string | null; username: string | null; role: string | null };
export const SYSTEM_ACTOR: Actor = { userId: null, username: null, role: null };

export type AuditInput = {
  actor: Actor;
  action: string;
  recordType?: string | null;
  recordId?: string | null;
  outcome: AuditOutcome;
  details?: Record<string, unknown> | null;
  /** `details` already written as canonical JSON (a hot path that builds it from parts it has as JSON). */
  detailsJson?: string;
  at?: string;
};

type Row = {
  seq: number;
  at: string;
  user_id: string | null;
  username: string | null;
  role: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  outcome: string;
  details: string | null;
  prev_hash: string;
  hash: string;
};

/**
 * The canonical JSON of an entry's fields (docs/formats.md §Audit), written out in its sorted key order:
 * byte for byte `canonicalJson({seq, at, userId, username, role, action, recordType, recordId, outcome, details})`
 * (the audit test holds the two together), without sorting the keys for every entry.
 */
const entryJson = (row: Omit<Row, 'prev_hash' | 'hash'>): string =>
  `{"action":${JSON.stringify(row.action)},"at":${JSON.stringify(row.at)},"details":${JSON.stringify(row.details)},"outcome":${JSON.stringify(row.outcome)},` +
  `"recordId":${JSON.stringify(row.record_id)},"recordType":${JSON.stringify(row.record_type)},"role":${JSON.stringify(row.role)},"seq":${canonicalJson(row.seq)},` +
  `"userId":${JSON.stringify(row.user_id)},"username":${JSON.stringify(row.username)}}`;

const hashOf = (prev: string, row: Omit<Row, 'prev_hash' | 'hash'>): string => digest('sha256', `${prev}\n${entryJson(row)}`, 'hex');

/** The current time as an ISO string; entries written in the same millisecond share one string. */
let lastMs = Number.NaN;
let lastIso = '';
function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}

/** Positional parameters: binding twelve named ones looks each name up on the row object (≈ 5 µs of ≈ 9 per entry). */
const INSERT_ENTRY = `INSERT INTO audit_log (seq, at, user_id, username, role, action, record_type, record_id, outcome, details, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const insertEntry = (db: Db, r: Row): void => {
  cached(db, INSERT_ENTRY).run(r.seq, r.at, r.user_id, r.username, r.role, r.action, r.record_type, r.record_id, r.outcome, r.details, r.prev_hash, r.hash);
};
const WRITE_HEAD = `INSERT INTO meta (key, value) VALUES ('audit_head', @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
const LAST_ENTRY = 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1';

/**
 * Per transaction: the head the next entry chains from, kept in memory, or null when the transaction
 * cannot batch (the log's last row disagreed with meta.audit_head at its first entry).
 */
type Batch = { head: { seq: number; hash: string }; readonly startSeq: number };
const batches = new WeakMap<CommitScope, Batch | null>();

const Head = z.object({ seq: z.number().int(), hash: z.string() });

export class AuditLog {
  /** Entry and head move together: a savepoint inside the caller's transaction, or its own transaction. */
  private readonly write: (row: Row) => void;

  constructor(private readonly db: Db) {
    this.write = db.transaction((row: Row) => {
      insertEntry(db, row);
      cached(db, WRITE_HEAD).run({ value: JSON.stringify({ seq: row.seq, hash: row.hash }) });
    });
  }

  /** Appends one entry and returns it. Call inside the transaction of the change it records. */
  append(input: AuditInput): AuditEntry {
    return toEntry(this.appendRow(input));
  }

  /**
   * `append` for writers that never look at the entry they appended (every record write, every case
   * step): the same row, the same chain, without building the returned entry.
   */
  add(input: AuditInput): void {
    this.appendRow(input);
  }

  private appendRow(input: AuditInput): Row {
    const scope = commitScope(this.db);
    const batch = scope === null ? null : this.joinBatch(scope);
    const head = batch ? batch.head : this.head();
    const row: Row = {
      seq: head.seq + 1,
      at: input.at ?? isoNow(),
      user_id: input.actor.userId,
      username: input.actor.username,
      role: input.actor.role,
      action: input.action,
      record_type: input.recordType ?? null,
      record_id: input.recordId ?? null,
      outcome: input.outcome,
      details: input.detailsJson ?? (input.details ? canonicalJson(input.details) : null),
      prev_hash: head.hash,
      hash: '',
    };
    row.hash = hashOf(head.hash, row);
    if (batch) {
      insertEntry(this.db, row);
      batch.head = { seq: row.seq, hash: row.hash };
    } else this.write(row);
    return row;
  }

  /**
   * First entry of a managed transaction: the log's last row may stand for the head if it agrees with
   * meta.audit_head; the head is then written once, at commit, from the last row.
   */
  private joinBatch(scope: CommitScope): Batch | null {
    let batch = batches.get(scope);
    if (batch === undefined) {
      const head = this.head();
      const last = this.lastEntry();
      batch = head.seq === last.seq && head.hash === last.hash ? { head: last, startSeq: last.seq } : null;
      batches.set(scope, batch);
      if (batch) {
        const joined = batch;
        // A step of the transaction rolled back (a savepoint): its entries are gone, chain on from what is left.
        scope.rollbacks.add(() => (joined.head = this.lastEntry()));
        scope.hooks.set('audit_head', () => {
          const last = this.lastEntry();
          const written = cached(this.db, 'SELECT count(*) FROM audit_log WHERE seq > ?').pluck().get(joined.startSeq) as number;
          // Only a plain db.transaction savepoint rolled back unseen leaves a gap or a different end; refuse to commit then.
          if (last.seq !== joined.head.seq || last.hash !== joined.head.hash || written !== last.seq - joined.startSeq) {
            throw new CounterpartError('INTERNAL', 'The audit log changed under a transaction; nothing was saved.');
          }
          cached(this.db, WRITE_HEAD).run({ value: JSON.stringify(last) });
        });
      }
    }
    return batch;
  }

  /** The newest row of the log (savepoints rolled back inside the transaction are already gone from it). */
  private lastEntry(): { seq: number; hash: string } {
    const row = cached(this.db, LAST_ENTRY).get() as { seq: number; hash: string } | undefined;
    return row ?? { seq: 0, hash: GENESIS_HASH };
  }

  private head(): { seq: number; hash: string } {
    const row = cached(this.db, `SELECT value FROM meta WHERE key = 'audit_head'`).get() as { value: string } | undefined;
    return row ? Head.parse(JSON.parse(row.value)) : { seq: 0, hash: GENESIS_HASH };
  }

  /** Walks the whole chain. Reports the first entry whose content, position or link is wrong. */
  verify(): { ok: true; entries: number } | { ok: false; entries: number; firstBadSeq: number; reason: string } {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let count = 0;
    for (const row of this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Row>) {
      count++;
      if (row.seq !== expectedSeq) return { ok: false, entries: count, firstBadSeq: expectedSeq, reason: `entry ${expectedSeq} is missing` };
      if (row.prev_hash !== prev) return { ok: false, entries: count, firstBadSeq: row.seq, reason: `entry ${row.seq} does not link to the entry before it` };
      if (hashOf(prev, row) !== row.hash) return { ok: false, entries: count, firstBadSeq: row.seq, reason: `entry ${row.seq} was changed after it was written` };
      prev = row.hash;
      expectedSeq++;
    }
    const head = this.head();
    if (head.seq !== count || head.hash !== prev) {
      return { ok: false, entries: count, firstBadSeq: count + 1, reason: `entries after ${count} were removed (the log head says ${head.seq})` };
    }
    return { ok: true, entries: count };
  }

  list(filter: AuditFilter): { entries: AuditEntry[]; total: number } {
    const conditions: [keyof AuditFilter, string, unknown][] = [
      ['username', 'username = @username', filter.username],
      ['action', 'action LIKE @action', filter.action === undefined ? undefined : `${filter.action}%`],
      ['recordType', 'record_type = @recordType', filter.recordType],
      ['recordId', 'record_id = @recordId', filter.recordId],
      ['outcome', 'outcome = @outcome', filter.outcome],
      ['from', 'at >= @from', filter.from],
      ['to', 'at <= @to', filter.to],
    ];
    const used = conditions.filter(([, , value]) => value !== undefined);
    const where = used.map(([, sql]) => sql);
    const params: Record<string, unknown> = Object.fromEntries(used.map(([name, , value]) => [name, value]));
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM audit_log ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM audit_log ${clause} ORDER BY seq DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: filter.limit, offset: filter.offset }) as Row[];
    return { entries: rows.map((row) => toEntry(row)), total };
  }
}

function toEntry(row: Row): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    role: row.role,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    outcome: row.outcome as AuditOutcome,
    details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
    hash: row.hash,
  };
}
