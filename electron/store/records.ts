import { createHash } from 'node:crypto';
import { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import { CounterpartError } from '../../shared/contract/errors';
import { canonicalJson } from '../../shared/domain/canonicalJson';
import { cached, type Db } from './database';
import type { HybridClock } from './hlc';
import type { AuditLog, Actor } from '../audit/auditLog';
import type { BundleType } from '../../shared/domain/exchange';
import type { ConsentGate } from '../exchange/consent';

/**
 * The one write path for synchronised records (DESIGN §4). Every create, update and delete:
 *  - stamps the record envelope: UUIDv7 id, owner organisation, HLC, version vector, per-field clocks;
 *  - appends to the change log (what exchange sends "since the last bundle");
 *  - appends the audit entry;
 * all inside the caller's transaction, so data, change log and audit stand or fall together.
 *
 * Versions are fit for the merge of DESIGN §6: `vv` counts each node's writes to the record; each
 * field remembers the (node, counter) of its last write, so two versions are concurrent when neither
 * vector dominates, and a field conflicts when both sides wrote it without having seen the other's write.
 */

export type VersionVector = Record<string, number>;
export type FieldClock = Record<string, [node: string, counter: number]>;

export type RecordTypeDef<S extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>> = {
  type: string;
  schema: S;
  /** Holds personal data: reads are audited; bundles apply field profiles. */
  personalData: boolean;
  /**
   * Which fields travel in each bundle type (data minimisation, DESIGN §6). A record type without a
   * profile for a bundle type never travels in it.
   */
  profiles?: Partial<Record<BundleType, FieldProfile>>;
  /** For personal-data types: decides whether a record may leave for these recipients and purpose. */
  consent?: ConsentGate;
};

/** The fields of a record that one bundle type carries: a list, or every field. */
export type FieldProfile = { fields: readonly string[] | 'all' };

export type Envelope<T = Record<string, unknown>> = {
  id: string;
  type: string;
  ownerOrg: string;
  hlc: string;
  vv: VersionVector;
  fieldClock: FieldClock;
  updatedAt: string;
  updatedBy: string;
  deleted: boolean;
  data: T;
};

type Row = {
  id: string;
  type: string;
  owner_org: string;
  hlc: string;
  vv: string;
  field_clock: string;
  updated_at: string;
  updated_by: string;
  deleted: number;
  data: string;
};

const toEnvelope = (row: Row): Envelope => ({
  id: row.id,
  type: row.type,
  ownerOrg: row.owner_org,
  hlc: row.hlc,
  vv: JSON.parse(row.vv) as VersionVector,
  fieldClock: JSON.parse(row.field_clock) as FieldClock,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
  deleted: row.deleted === 1,
  data: JSON.parse(row.data) as Record<string, unknown>,
});

export class RecordRegistry {
  private readonly types = new Map<string, RecordTypeDef>();

  register(def: RecordTypeDef): this {
    if (this.types.has(def.type)) throw new CounterpartError('INTERNAL', `Record type ${def.type} is registered twice.`);
    this.types.set(def.type, def);
    return this;
  }

  get(type: string): RecordTypeDef {
    const def = this.types.get(type);
    if (!def) throw new CounterpartError('INTERNAL', `Unknown record type ${type}.`);
    return def;
  }

  list(): RecordTypeDef[] {
    return [...this.types.values()];
  }
}

/** What `applyRemote` records of a merged version: whether it is new here, the fields it changed, and where it came from. */
export type RemoteWrite = { isNew: boolean; fields: string[]; bundleId: string; sender: string };

/**
 * The details of a merged record's audit entry, written out directly: the same bytes as
 * `canonicalJson({ bundleId, from, fields, new })` (keys in code-point order, strings as JSON.stringify
 * writes them; records.test.ts holds the two equal), from the fields JSON the change log already made.
 */
export function mergeDetailsJson(info: RemoteWrite, fieldsJson = JSON.stringify(info.fields)): string {
  return `{"bundleId":${JSON.stringify(info.bundleId)},"fields":${fieldsJson},"from":${JSON.stringify(info.sender)},"new":${info.isNew}}`;
}

export type WriteContext = {
  actor: Actor;
  nodeId: string;
  orgCode: string;
  clock: HybridClock;
  audit: AuditLog;
  now?: () => Date;
};

export class Records {
  constructor(
    private readonly db: Db,
    private readonly registry: RecordRegistry,
    private readonly ctx: WriteContext,
  ) {}

  /** The record types this workspace knows (exchange reads their field profiles and consent gates). */
  get types(): RecordRegistry {
    return this.registry;
  }

  /** The node and organisation this write path stamps. */
  get origin(): { nodeId: string; orgCode: string } {
    return { nodeId: this.ctx.nodeId, orgCode: this.ctx.orgCode };
  }

  private requireTransaction(): void {
    if (!this.db.inTransaction) throw new CounterpartError('INTERNAL', 'Record writes must run inside the caller’s transaction.');
  }

  private validate(type: string, data: unknown): Record<string, unknown> {
    const parsed = this.registry.get(type).schema.safeParse(data);
    if (!parsed.success) throw new CounterpartError('VALIDATION', `The ${type} record is not valid.`, { issues: parsed.error.issues });
    return parsed.data;
  }

  private row(id: string): Row | undefined {
    return cached(this.db, 'SELECT * FROM records WHERE id = ?').get(id) as Row | undefined;
  }

  get(type: string, id: string): Envelope | null {
    const row = this.row(id);
    return row && row.type === type ? toEnvelope(row) : null;
  }

  /** The records of these ids that exist, whatever their type, with one query (exchange plans in chunks). */
  getMany(ids: readonly string[]): Map<string, Envelope> {
    const out = new Map<string, Envelope>();
    if (ids.length === 0) return out;
    const rows = cached(this.db, 'SELECT * FROM records WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as Row[];
    for (const row of rows) out.set(row.id, toEnvelope(row));
    return out;
  }

  create(type: string, data: unknown, opts: { id?: string; ownerOrg?: string } = {}): Envelope {
    this.requireTransaction();
    const valid = this.validate(type, data);
    const id = opts.id ?? uuidv7();
    // A new UUIDv7 cannot exist yet; only an id given by the caller is looked up first.
    if (opts.id !== undefined && this.row(id)) throw new CounterpartError('CONFLICT', `A record with id ${id} already exists.`);
    const node = this.ctx.nodeId;
    const hlc = this.ctx.clock.now();
    const vv: VersionVector = { [node]: 1 };
    const fields = Object.keys(valid);
    // Every field starts at (this node, 1): its JSON is written out directly; the object is built only
    // if a caller reads it (most use the id).
    const stamp = `:[${JSON.stringify(node)},1]`;
    let clockJson = '{';
    let fieldsJson = '[';
    for (let i = 0; i < fields.length; i++) {
      const key = JSON.stringify(fields[i]);
      clockJson += `${i > 0 ? ',' : ''}${key}${stamp}`;
      fieldsJson += `${i > 0 ? ',' : ''}${key}`;
    }
    clockJson += '}';
    fieldsJson += ']';
    let fieldClock: FieldClock | undefined;
    const envelope: Envelope = {
      id,
      type,
      ownerOrg: opts.ownerOrg ?? this.ctx.orgCode,
      hlc,
      vv,
      get fieldClock(): FieldClock {
        if (fieldClock === undefined) {
          fieldClock = {};
          for (const f of fields) fieldClock[f] = [node, 1];
        }
        return fieldClock;
      },
      updatedAt: this.nowIso(),
      updatedBy: this.ctx.actor.username ?? 'system',
      deleted: false,
      data: valid,
    };
    cached(
      this.db,
      `INSERT INTO records (id, type, owner_org, hlc, vv, field_clock, updated_at, updated_by, deleted, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
    ).run(id, type, envelope.ownerOrg, hlc, `{${JSON.stringify(node)}:1}`, clockJson, envelope.updatedAt, envelope.updatedBy, JSON.stringify(valid));
    this.logChange(envelope, 'put', fields, fieldsJson);
    this.ctx.audit.add({ actor: this.ctx.actor, action: `${type}.create`, recordType: type, recordId: id, outcome: 'ok' });
    return envelope;
  }

  /** Applies a partial change; only fields whose value actually changes get a new field clock. */
  update(type: string, id: string, patch: Record<string, unknown>): Envelope {
    this.requireTransaction();
    const current = this.get(type, id);
    if (!current || current.deleted) throw new CounterpartError('NOT_FOUND', `There is no ${type} with id ${id}.`);
    if (current.ownerOrg !== this.ctx.orgCode) {
      throw new CounterpartError('FORBIDDEN', `This ${type} belongs to ${current.ownerOrg}; only its owner can change it.`, { ownerOrg: current.ownerOrg });
    }
    const next = this.validate(type, { ...current.data, ...patch });
    const changed = Object.keys(next).filter((f) => canonicalJson(next[f]) !== canonicalJson(current.data[f]));
    const removed = Object.keys(current.data).filter((f) => !(f in next));
    const fields = [...changed, ...removed];
    if (fields.length === 0) return current;
    return this.write(current, next, fields, false);
  }

  /** Deletes as a tombstone: the id and version stay so the deletion travels; the content is dropped. */
  remove(type: string, id: string): Envelope {
    this.requireTransaction();
    const current = this.get(type, id);
    if (!current || current.deleted) throw new CounterpartError('NOT_FOUND', `There is no ${type} with id ${id}.`);
    if (current.ownerOrg !== this.ctx.orgCode) {
      throw new CounterpartError('FORBIDDEN', `This ${type} belongs to ${current.ownerOrg}; only its owner can delete it.`, { ownerOrg: current.ownerOrg });
    }
    return this.write(current, {}, Object.keys(current.data), true);
  }

  /**
   * Writes a version merged from another office's bundle (electron/exchange/merge.ts computes it): the
   * envelope as given, with its version vector and field clocks, plus the change-log row and the audit
   * entry. The local clock moves past the remote one. Inside the caller's transaction.
   */
  applyRemote(next: Envelope, info: RemoteWrite): Envelope {
    this.applyRemoteMany([{ next, info }]);
    return next;
  }

  /**
   * `applyRemote` for many merged versions (the import applies its plan in chunks): for each the same
   * rows — the record, its change-log row, its audit entry — with one query to check that none of the
   * new ones exists yet instead of one per record.
   */
  applyRemoteMany(items: readonly { next: Envelope; info: RemoteWrite }[]): void {
    this.requireTransaction();
    const fresh = items.filter((i) => i.info.isNew).map((i) => i.next.id);
    if (fresh.length > 0) {
      const existing = cached(this.db, 'SELECT id FROM records WHERE id IN (SELECT value FROM json_each(?)) LIMIT 1').pluck().get(JSON.stringify(fresh)) as string | undefined;
      if (existing !== undefined) throw new CounterpartError('CONFLICT', `A record with id ${existing} already exists.`);
    }
    // Positional parameters, one fields JSON for the change log and the audit details (written out in
    // canonical order: bundleId, fields, from, new), as in records.create.
    const insert = cached(this.db, `INSERT INTO records (id, type, owner_org, hlc, vv, field_clock, updated_at, updated_by, deleted, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // better-sqlite3 binds `?` in order only (numbered `?NNN` are refused), so the update takes its
    // values first and the key last.
    const update = cached(
      this.db,
      `UPDATE records SET owner_org = ?, hlc = ?, vv = ?, field_clock = ?, updated_at = ?, updated_by = ?, deleted = ?, data = ? WHERE id = ? AND type = ?`,
    );
    for (const { next, info } of items) {
      this.registry.get(next.type);
      this.ctx.clock.observe(next.hlc);
      const vv = JSON.stringify(next.vv);
      const fieldClock = JSON.stringify(next.fieldClock);
      const data = JSON.stringify(next.data);
      const deleted = next.deleted ? 1 : 0;
      if (info.isNew) insert.run(next.id, next.type, next.ownerOrg, next.hlc, vv, fieldClock, next.updatedAt, next.updatedBy, deleted, data);
      else update.run(next.ownerOrg, next.hlc, vv, fieldClock, next.updatedAt, next.updatedBy, deleted, data, next.id, next.type);
      const fieldsJson = JSON.stringify(info.fields);
      this.logChange(next, next.deleted ? 'delete' : 'put', info.fields, fieldsJson);
      this.ctx.audit.add({
        actor: this.ctx.actor,
        action: `${next.type}.merge`,
        recordType: next.type,
        recordId: next.id,
        outcome: 'ok',
        detailsJson: mergeDetailsJson(info, fieldsJson),
      });
    }
  }

  /**
   * A new write of the given fields even when a value does not change, so that it supersedes every
   * concurrent write it has seen (the resolution of a conflict travels this way).
   */
  rewrite(type: string, id: string, patch: Record<string, unknown>): Envelope {
    this.requireTransaction();
    const current = this.get(type, id);
    if (!current || current.deleted) throw new CounterpartError('NOT_FOUND', `There is no ${type} with id ${id}.`);
    if (current.ownerOrg !== this.ctx.orgCode) {
      throw new CounterpartError('FORBIDDEN', `This ${type} belongs to ${current.ownerOrg}; only its owner can change it.`, { ownerOrg: current.ownerOrg });
    }
    const next = this.validate(type, { ...current.data, ...patch });
    for (const f of Object.keys(patch)) if (patch[f] === undefined) delete next[f];
    return this.write(current, next, Object.keys(patch), false);
  }

  /**
   * Takes ownership of a record offered to this organisation by a signed transfer (the caller checked
   * the offer). Ownership is written like a field (`@owner`) so the change travels and merges.
   */
  takeOwnership(type: string, id: string, ownerField: string): Envelope {
    this.requireTransaction();
    const current = this.get(type, id);
    if (!current) throw new CounterpartError('NOT_FOUND', `There is no ${type} with id ${id}.`);
    const next = this.write({ ...current, ownerOrg: this.ctx.orgCode }, current.data, [ownerField], current.deleted);
    cached(this.db, 'UPDATE records SET owner_org = @ownerOrg WHERE id = @id').run({ id, ownerOrg: this.ctx.orgCode });
    return next;
  }

  private write(current: Envelope, data: Record<string, unknown>, fields: string[], deleted: boolean): Envelope {
    const node = this.ctx.nodeId;
    const counter = (current.vv[node] ?? 0) + 1;
    const vv = { ...current.vv, [node]: counter };
    const fieldClock: FieldClock = { ...current.fieldClock };
    for (const f of fields) fieldClock[f] = [node, counter];
    const envelope: Envelope = {
      ...current,
      hlc: this.ctx.clock.now(),
      vv,
      fieldClock,
      updatedAt: this.nowIso(),
      updatedBy: this.ctx.actor.username ?? 'system',
      deleted,
      data,
    };
    cached(this.db, `UPDATE records SET hlc = ?, vv = ?, field_clock = ?, updated_at = ?, updated_by = ?, deleted = ?, data = ? WHERE id = ?`).run(
      envelope.hlc,
      JSON.stringify(vv),
      JSON.stringify(fieldClock),
      envelope.updatedAt,
      envelope.updatedBy,
      deleted ? 1 : 0,
      JSON.stringify(data),
      envelope.id,
    );
    this.logChange(envelope, deleted ? 'delete' : 'put', fields);
    this.ctx.audit.add({
      actor: this.ctx.actor,
      action: `${current.type}.${deleted ? 'delete' : 'update'}`,
      recordType: current.type,
      recordId: current.id,
      outcome: 'ok',
      details: { fields },
    });
    return envelope;
  }

  /** `fieldsJson`: JSON.stringify(fields), when the caller already has it. */
  private logChange(envelope: Envelope, op: 'put' | 'delete', fields: string[], fieldsJson = JSON.stringify(fields)): void {
    cached(this.db, `INSERT INTO change_log (record_type, record_id, hlc, op, fields, at) VALUES (?, ?, ?, ?, ?, ?)`).run(envelope.type, envelope.id, envelope.hlc, op, fieldsJson, envelope.updatedAt);
  }

  private lastMs = Number.NaN;
  private lastIso = '';

  /** The write time; writes in the same millisecond share one string (toISOString is not free at ten writes a case). */
  private nowIso(): string {
    if (this.ctx.now) return this.ctx.now().toISOString();
    const ms = Date.now();
    if (ms !== this.lastMs) {
      this.lastIso = new Date(ms).toISOString();
      this.lastMs = ms;
    }
    return this.lastIso;
  }
}

/** Per-type counts of live records. */
export function recordCounts(db: Db): Record<string, number> {
  const rows = db.prepare('SELECT type, count(*) AS n FROM records WHERE deleted = 0 GROUP BY type').all() as { type: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.type, r.n]));
}

/**
 * SHA-256 over every synchronised record's type, id, deletion flag and version vector, in id order.
 * Two offices that hold the same records at the same versions get the same digest.
 */
export function stateDigest(db: Db): string {
  const hash = createHash('sha256');
  for (const row of db.prepare('SELECT id, type, vv, deleted FROM records ORDER BY id').iterate() as IterableIterator<Pick<Row, 'id' | 'type' | 'vv' | 'deleted'>>) {
    hash.update(`${row.type}\t${row.id}\t${row.deleted}\t${canonicalJson(JSON.parse(row.vv))}\n`, 'utf8');
  }
  return hash.digest('hex');
}

/** The newest HLC this node has written or seen, so the clock never runs backwards after a restart. */
export const latestHlc = (db: Db): string | undefined =>
  (db.prepare('SELECT max(hlc) FROM change_log').pluck().get() as string | null) ?? undefined;
