import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import { canonicalJson } from '../../shared/domain/canonicalJson';
import type { Conflict } from '../../shared/contract/exchange';
import { cached, type Db } from '../store/database';
import type { Envelope } from '../store/records';
import type { Unlocked } from '../identity/session';
import { OWNER_FIELD, type Clock, type MergeResult, type Siblings, type Write } from './merge';

/**
 * The conflict queue: concurrent writes to one field that a person decides (docs/bundles.md §Conflicts).
 * A row holds the write that is not shown ("sibling"); the record shows the other. Resolving writes the
 * chosen value as a new local write, which has seen both, so it replaces them at every office it reaches.
 */

type Row = {
  id: string;
  record_type: string;
  record_id: string;
  field: string;
  sibling_value: string | null;
  sibling_clock: string;
  sibling_org: string;
  bundle_id: string;
  detected_at: string;
  state: 'open' | 'resolved' | 'superseded';
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
};

const ClockJson = z.tuple([z.string(), z.number().int()]);
const encode = (value: unknown): string | null => (value === undefined ? null : canonicalJson(value));
const decode = (text: string | null): unknown => (text === null ? undefined : (JSON.parse(text) as unknown));
const sameClock = (a: Clock, b: Clock) => a[0] === b[0] && a[1] === b[1];

export class ConflictStore {
  constructor(private readonly db: Db) {}

  private openRows(recordId: string): Row[] {
    return cached(this.db, `SELECT * FROM conflicts WHERE record_id = ? AND state = 'open' ORDER BY detected_at, id`).all(recordId) as Row[];
  }

  /** The open siblings of a record, per field: the merge input and what bundles carry. */
  siblings(recordId: string): Siblings {
    const out: Siblings = {};
    for (const row of this.openRows(recordId)) (out[row.field] ??= []).push({ value: decode(row.sibling_value), clock: ClockJson.parse(JSON.parse(row.sibling_clock)) as Clock });
    return out;
  }

  /** The open siblings of many records (one query): what `siblings` gives for each id that has any. */
  siblingsOf(recordIds: readonly string[]): Map<string, Siblings> {
    const out = new Map<string, Siblings>();
    const rows = cached(this.db, `SELECT * FROM conflicts WHERE state = 'open' AND record_id IN (SELECT value FROM json_each(?)) ORDER BY detected_at, id`).all(JSON.stringify(recordIds)) as Row[];
    for (const row of rows) {
      let siblings = out.get(row.record_id);
      if (!siblings) out.set(row.record_id, (siblings = {}));
      (siblings[row.field] ??= []).push({ value: decode(row.sibling_value), clock: ClockJson.parse(JSON.parse(row.sibling_clock)) as Clock });
    }
    return out;
  }

  /** Opens rows for new siblings and closes those the merge dropped (a later write had seen them). */
  applyMerge(record: Envelope, result: MergeResult, ctx: { bundleId: string; senderOrg: string; ourNode: string; ourOrg: string; now: string }): void {
    for (const { field, write } of result.addedSiblings) {
      cached(
        this.db,
        `INSERT INTO conflicts (id, record_type, record_id, field, sibling_value, sibling_clock, sibling_org, bundle_id, detected_at, state)
         VALUES (@id, @type, @recordId, @field, @value, @clock, @org, @bundleId, @now, 'open')`,
      ).run({
        id: uuidv7(),
        type: record.type,
        recordId: record.id,
        field,
        value: encode(write.value),
        clock: JSON.stringify(write.clock),
        org: write.clock[0] === ctx.ourNode ? ctx.ourOrg : ctx.senderOrg,
        bundleId: ctx.bundleId,
        now: ctx.now,
      });
    }
    for (const { field, write } of result.removedSiblings) this.close(record.id, field, write.clock, 'superseded', null, null, ctx.now);
    // A sibling first received as a placeholder (a field profile kept its value out) takes its value, as
    // at the offices that received it whole: the queues of every office show the same conflicts.
    for (const { field, write } of result.filledSiblings) {
      for (const row of this.openRows(record.id)) {
        if (row.field !== field || row.sibling_value !== null || !sameClock(ClockJson.parse(JSON.parse(row.sibling_clock)) as Clock, write.clock)) continue;
        cached(this.db, 'UPDATE conflicts SET sibling_value = @value WHERE id = @id').run({ id: row.id, value: encode(write.value) });
      }
    }
  }

  private close(recordId: string, field: string, clock: Clock | null, state: 'resolved' | 'superseded', resolution: string | null, by: string | null, now: string): void {
    for (const row of this.openRows(recordId)) {
      if (row.field !== field) continue;
      if (clock && !sameClock(ClockJson.parse(JSON.parse(row.sibling_clock)) as Clock, clock)) continue;
      cached(this.db, `UPDATE conflicts SET state = @state, resolution = @resolution, resolved_by = @by, resolved_at = @now WHERE id = @id`).run({ id: row.id, state, resolution, by, now });
    }
  }

  private row(id: string): Row {
    const row = cached(this.db, 'SELECT * FROM conflicts WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new CounterpartError('NOT_FOUND', `There is no conflict ${id}.`);
    return row;
  }

  list(state: Row['state'] | 'all', current: (type: string, id: string) => Envelope | null, ourOrg: string): Conflict[] {
    const rows = (state === 'all' ? cached(this.db, 'SELECT * FROM conflicts ORDER BY detected_at DESC, id').all() : cached(this.db, 'SELECT * FROM conflicts WHERE state = ? ORDER BY detected_at DESC, id').all(state)) as Row[];
    return rows.map((r) => this.view(r, current(r.record_type, r.record_id), ourOrg));
  }

  get(id: string, current: (type: string, id: string) => Envelope | null, ourOrg: string): Conflict {
    const row = this.row(id);
    return this.view(row, current(row.record_type, row.record_id), ourOrg);
  }

  private view(r: Row, record: Envelope | null, ourOrg: string): Conflict {
    return {
      id: r.id,
      recordType: r.record_type,
      recordId: r.record_id,
      field: r.field,
      localValue: record ? (r.field === OWNER_FIELD ? record.ownerOrg : record.data[r.field]) : undefined,
      remoteValue: decode(r.sibling_value),
      remoteOrg: r.sibling_org,
      bundleId: r.bundle_id,
      detectedAt: r.detected_at,
      state: r.state,
      resolution: r.resolution,
      resolvedBy: r.resolved_by,
      resolvedAt: r.resolved_at,
      canResolve: r.state === 'open' && record !== null && record.ownerOrg === ourOrg && !record.deleted && r.field !== OWNER_FIELD,
    };
  }

  /**
   * Resolves: "mine" keeps the value shown here, "theirs" takes the other office's, "edit" writes a new
   * value. Only the record's owner resolves; the write travels in the next bundle and closes the
   * conflict at every office that receives it. Inside the caller's transaction.
   */
  resolve(u: Unlocked, id: string, choice: 'mine' | 'theirs' | 'edit', edited: unknown): Conflict {
    const row = this.row(id);
    if (row.state !== 'open') throw new CounterpartError('CONFLICT', 'This conflict was already resolved.');
    const record = u.records.get(row.record_type, row.record_id);
    if (!record || record.deleted) throw new CounterpartError('NOT_FOUND', 'The record of this conflict was deleted.');
    if (row.field === OWNER_FIELD) throw new CounterpartError('VALIDATION', 'Ownership is not decided here: it moves only by a signed transfer.');
    if (record.ownerOrg !== u.organisation.code) {
      throw new CounterpartError('FORBIDDEN', `${record.ownerOrg} owns this record and resolves its conflicts; its decision will arrive in its next bundle.`, { ownerOrg: record.ownerOrg });
    }
    if (choice === 'edit' && edited === undefined) throw new CounterpartError('VALIDATION', 'Give the value to write.');
    const value: unknown = choice === 'mine' ? record.data[row.field] : choice === 'theirs' ? decode(row.sibling_value) : edited;
    u.records.rewrite(row.record_type, row.record_id, { [row.field]: value });
    const now = new Date().toISOString();
    this.close(row.record_id, row.field, null, 'resolved', choice, u.user.username, now);
    u.audit.append({ actor: u.actor, action: 'conflict.resolve', recordType: row.record_type, recordId: row.record_id, outcome: 'ok', details: { conflict: id, field: row.field, choice } });
    return this.get(id, (t, i) => u.records.get(t, i), u.organisation.code);
  }
}

export type { Write };
