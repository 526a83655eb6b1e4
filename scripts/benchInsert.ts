/**
 * The write path for `npm run bench` (scripts/bench.ts), measured the way issue 8 asks: whole cases
 * written per second through the service path the app uses (`demo.generate` through the dispatcher:
 * validation, envelope, change log, hash-chained audit, case index, full-text index), beside the raw
 * SQLCipher insert rate of exactly the rows those writes added, in the same run.
 *
 * Each round writes `cases` new demo cases into the tier workspace (which already holds `tier.cases`),
 * reads back every row that round added to every table (and the final state of the small tables it
 * updated, such as `meta` and the case-number counters), and then inserts those rows with prepared
 * INSERTs, in one transaction, into two SQLCipher databases: a byte copy of the tier database taken
 * before the first round (the baseline: the raw rounds start where the service rounds start), and a
 * fresh database with the same schema (the only baseline before session 6; smaller B-trees favour it).
 * A tier whose database would take more than a third of the free disk space is not copied; the fresh
 * database is then the baseline, and the JSON says so. Service and raw rounds alternate so that load
 * from other processes falls on both. The figures are medians.
 *
 * The older figure (notes through `records.create` beside a single-row INSERT into `records` alone, and
 * the bare SQL of the three rows per record) is kept, labelled as such, in an empty workspace of its own.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, rmSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { createCore } from '../electron/rpc/core';
import { DB_FILE, openDatabase, type Db } from '../electron/store/database';
import { loadMigrations, migrate } from '../electron/store/migrate';
import { testRegistry } from '../electron/testing/noteRecord';
import { BENCH_KDF, BENCH_PASSWORD, callOf, type BenchTier } from './benchTier';

/** cases: demo cases per round (default 2,000); notes: records of the legacy single-table figure (0 leaves it out). */
export type InsertOptions = { cases?: number; rounds?: number; notes?: number };

export type Value = string | number | bigint | Buffer | null;
type TableRows = { table: string; columns: string[]; rows: Value[][]; upsert: boolean };

const round1 = (n: number) => Math.round(n * 10) / 10;
const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
const time = async (fn: () => unknown) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
/** Wall time and this process's CPU time (user + system) of fn: on a shared machine the CPU time moves less with the load of others. */
const timeCpu = async (fn: () => unknown) => {
  const cpu = process.cpuUsage();
  const ms = await time(fn);
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
};
/** A raw database's path, emptied of what a stopped earlier run left (its key was random and is gone). */
export function freshPath(path: string): string {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  return path;
}

export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export type TableInfo = { name: string; withoutRowid: boolean; virtual: boolean };

/** Ordinary tables and the full-text table (its shadow tables are written by SQLite from it). */
export function tablesOf(db: Db): TableInfo[] {
  const list = db.prepare(`SELECT name, type, wr FROM pragma_table_list WHERE schema = 'main'`).all() as { name: string; type: string; wr: number }[];
  const fts = new Set((db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5 %'`).pluck().all() as string[]).map((n) => n.toLowerCase()));
  const tables = list
    .filter((t) => !t.name.startsWith('sqlite_') && (t.type === 'table' || (t.type === 'virtual' && fts.has(t.name.toLowerCase()))))
    .map((t) => ({ name: t.name, withoutRowid: t.wr === 1, virtual: t.type === 'virtual' }));
  // Parents before the tables whose foreign keys point at them, so the raw inserts satisfy the keys.
  const parents = new Map(tables.map((t) => [t.name, db.prepare(`SELECT "table" FROM pragma_foreign_key_list(?)`).pluck().all(t.name) as string[]]));
  const ordered: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t.name)) return;
    path.add(t.name);
    for (const p of parents.get(t.name) ?? []) {
      const parent = tables.find((x) => x.name === p);
      if (parent) visit(parent, path);
    }
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

/** Small tables are compared whole (rows updated in place show up); large ones are read from their last rowid on. */
const SMALL = 5_000;

export type Mark = { maxRowid: number; snapshot: Set<string> | null; copy?: string };

/** What each table holds before a service round. */
export function markTables(db: Db, tables: TableInfo[]): Map<string, Mark> {
  const marks = new Map<string, Mark>();
  for (const t of tables) {
    const count = db.prepare(`SELECT count(*) FROM ${quote(t.name)}`).pluck().get() as number;
    const maxRowid = t.withoutRowid ? 0 : ((db.prepare(`SELECT coalesce(max(rowid), 0) FROM ${quote(t.name)}`).pluck().get() as number) ?? 0);
    let snapshot: Set<string> | null = null;
    let copy: string | undefined;
    // A WITHOUT ROWID table not hanging off case_index (report counts, updated in place) is always compared whole.
    const hangsOffCases = (db.prepare(`SELECT count(*) FROM pragma_table_info(?) WHERE name = 'case_rowid'`).pluck().get(t.name) as number) > 0;
    if (!t.virtual && count <= SMALL) {
      snapshot = new Set();
      for (const row of db.prepare(`SELECT * FROM ${quote(t.name)}`).raw().iterate() as IterableIterator<Value[]>) snapshot.add(rowKey(row));
    } else if (!t.virtual && t.withoutRowid && !hangsOffCases) {
      // Too large to hold in memory (case_children has ≈ 9 rows per case: 9M at 1M cases): a copy in
      // the connection's temporary schema, compared in SQL after the round.
      copy = quote(`bench_mark_${t.name}`);
      db.exec(`DROP TABLE IF EXISTS temp.${copy}; CREATE TEMP TABLE ${copy} AS SELECT * FROM main.${quote(t.name)}`);
    }
    marks.set(t.name, copy ? { maxRowid, snapshot, copy } : { maxRowid, snapshot });
  }
  return marks;
}
/**
 * A row as a comparable key; a blob stands as its SHA-256. (JSON.stringify alone writes a Buffer as its
 * bytes one number each: the sent-bundle parts of a tier that ran the exchange part, 752 rows of
 * 2 MiB, ran the bench out of heap that way.)
 */
export const rowKey = (row: Value[]): string =>
  JSON.stringify(row.map((v) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? `sha256:${createHash('sha256').update(v).digest('hex')}` : v)));

/** Every row the round added (and, for small tables, every row it changed), table by table. */
function captureAdded(db: Db, tables: TableInfo[], marks: Map<string, Mark>): TableRows[] {
  const out: TableRows[] = [];
  const caseIndexMark = marks.get('case_index')?.maxRowid ?? 0;
  for (const t of tables) {
    const mark = marks.get(t.name)!;
    if (t.virtual) {
      // FTS5: its columns plus the rowid that ties it to case_index.
      const stmt = db.prepare(`SELECT rowid, * FROM ${quote(t.name)} WHERE rowid > ?`).raw();
      const columns = ['rowid', ...stmt.columns().slice(1).map((c) => c.name)];
      out.push({ table: t.name, columns, rows: stmt.all(mark.maxRowid) as Value[][], upsert: false });
      continue;
    }
    const all = db.prepare(`SELECT * FROM ${quote(t.name)}`).raw();
    const columns = all.columns().map((c) => c.name);
    if (mark.snapshot) {
      const rows: Value[][] = [];
      for (const row of all.iterate() as IterableIterator<Value[]>) if (!mark.snapshot.has(rowKey(row))) rows.push(row);
      out.push({ table: t.name, columns, rows, upsert: true });
    } else if (mark.copy) {
      const rows = db.prepare(`SELECT * FROM main.${quote(t.name)} EXCEPT SELECT * FROM temp.${mark.copy}`).raw().all() as Value[][];
      db.exec(`DROP TABLE temp.${mark.copy}`);
      out.push({ table: t.name, columns, rows, upsert: true });
    } else if (!t.withoutRowid) {
      out.push({ table: t.name, columns, rows: db.prepare(`SELECT * FROM ${quote(t.name)} WHERE rowid > ?`).raw().all(mark.maxRowid) as Value[][], upsert: false });
    } else if (columns.includes('case_rowid') && !mark.snapshot) {
      // The case index's side tables (WITHOUT ROWID) hang off case_index rows.
      out.push({ table: t.name, columns, rows: db.prepare(`SELECT * FROM ${quote(t.name)} WHERE case_rowid > ?`).raw().all(caseIndexMark) as Value[][], upsert: false });
    } else {
      throw new Error(`benchInsert: cannot tell which rows of the large WITHOUT ROWID table ${t.name} are new`);
    }
  }
  return out.filter((t) => t.rows.length > 0);
}

/** The raw side: the captured rows as prepared INSERTs, one transaction. */
function rawInsert(db: Db, captured: TableRows[]): () => void {
  const statements = captured.map((t) => ({
    stmt: db.prepare(`INSERT ${t.upsert ? 'OR REPLACE ' : ''}INTO ${quote(t.table)} (${t.columns.map(quote).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`),
    rows: t.rows,
  }));
  return db.transaction(() => {
    for (const { stmt, rows } of statements) for (const row of rows) stmt.run(row);
  });
}

/** A raw database: the captured rows of each round go into it, timed. */
type RawSide = { db: Db; wall: number[]; cpu: number[] };

/**
 * The raw side that starts where the service side starts: a byte copy of the tier database (same key,
 * same B-trees, the page cache demo generation uses), taken before the first round. Each round's raw
 * inserts bring it to the state the service round left, so every round starts even. Null when the
 * copy would take more than a third of the free disk space (the 1M tier: 33 GB).
 */
function sameStartCopy(tier: BenchTier, path: string): { db: Db; bytes: number } | { db: null; bytes: number; freeBytes: number } {
  const ws = tier.core.session.requireUnlocked().workspace;
  const file = join(ws.dir, DB_FILE);
  ws.db.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = statSync(file).size;
  freshPath(path); // a copy a stopped run left would count against the free space
  const fs = statfsSync(tier.root);
  const freeBytes = fs.bavail * fs.bsize;
  if (bytes > freeBytes / 3) return { db: null, bytes, freeBytes };
  copyFileSync(file, path);
  const db = ws.withMasterKey((key) => openDatabase(path, key, { mustExist: true }));
  db.pragma('cache_size = -262144');
  return { db, bytes };
}

/** The raw side inserts every captured row itself: the rows a trigger added on the service side (report counts) are among them. */
function dropTriggers(db: Db): void {
  for (const name of db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger'`).pluck().all() as string[]) db.exec(`DROP TRIGGER ${quote(name)}`);
}

export async function benchInsert(tier: BenchTier, opts: InsertOptions = {}) {
  const cases = opts.cases ?? 2_000;
  const rounds = opts.rounds ?? 3;
  const db = tier.core.session.requireUnlocked().workspace.db;
  const tables = tablesOf(db);
  const freshDb = openDatabase(freshPath(join(tier.root, 'insert-raw.db')), randomBytes(32), { mustExist: false });
  migrate(freshDb, loadMigrations());
  dropTriggers(freshDb);
  const copy = sameStartCopy(tier, join(tier.root, 'insert-same.db'));
  if (copy.db) dropTriggers(copy.db);
  const fresh: RawSide = { db: freshDb, wall: [], cpu: [] };
  const same: RawSide | null = copy.db ? { db: copy.db, wall: [], cpu: [] } : null;

  const serviceSamples: number[] = [];
  const serviceCpu: number[] = [];
  const rowsPerCase: Record<string, number> = {};
  for (let r = 0; r < rounds; r++) {
    const marks = markTables(db, tables);
    const service = await timeCpu(() => tier.call('demo.generate', { cases }));
    serviceSamples.push(service.ms);
    serviceCpu.push(service.cpuMs);
    const captured = captureAdded(db, tables, marks);
    // The two raw sides take turns going first, so neither always inherits a warmer machine.
    const sides = same ? (r % 2 === 0 ? [fresh, same] : [same, fresh]) : [fresh];
    for (const side of sides) {
      const raw = await timeCpu(rawInsert(side.db, captured));
      side.wall.push(raw.ms);
      side.cpu.push(raw.cpuMs);
    }
    if (r === 0) for (const t of captured) rowsPerCase[t.table] = Math.round((t.rows.length / cases) * 1000) / 1000;
  }
  const sizeOf = (side: RawSide) => side.db.prepare('SELECT page_count * page_size FROM pragma_page_count, pragma_page_size').pluck().get() as number;
  const freshMiB = Math.round(sizeOf(fresh) / 2 ** 20);
  fresh.db.close();
  same?.db.close();
  if (same) freshPath(join(tier.root, 'insert-same.db'));

  const serviceMs = median(serviceSamples);
  const servicePerSec = Math.round(cases / (serviceMs / 1000));
  const against = (side: RawSide) => {
    const rawPerSec = Math.round(cases / (median(side.wall) / 1000));
    return {
      rawPerSec,
      ratio: Math.round((servicePerSec / rawPerSec) * 1000) / 1000,
      byCpuTime: {
        what: 'the same ratio from the CPU time of this process (user + system) instead of wall time, medians over the rounds',
        serviceCpuMsPerCase: Math.round((median(serviceCpu) / cases) * 1000) / 1000,
        rawCpuMsPerCase: Math.round((median(side.cpu) / cases) * 1000) / 1000,
        ratio: Math.round((median(side.cpu) / median(serviceCpu)) * 1000) / 1000,
      },
      perRound: { rawMs: side.wall.map(round1), rawCpuMs: side.cpu.map(round1) },
    };
  };
  const freshFigures = {
    what: 'raw SQLCipher INSERT of the same rows, one transaction, into a fresh database with the same schema (its B-trees are smaller than the tier\'s, which favours the raw side; the only baseline before session 6)',
    rawDbMiB: freshMiB,
    ...against(fresh),
  };
  const headline = same
    ? {
        what: 'raw SQLCipher INSERT of the same rows, one transaction, into a byte copy of the tier database taken before the first round (same key, same B-trees, the same 256 MiB page cache as demo generation); its rounds start where the service rounds start',
        tierDbMiB: Math.round(copy.bytes / 2 ** 20),
        ...against(same),
      }
    : {
        ...freshFigures,
        notCopied: `the tier database (${Math.round(copy.bytes / 2 ** 30)} GiB) is more than a third of the free disk space (${'freeBytes' in copy ? Math.round(copy.freeBytes / 2 ** 30) : 0} GiB): the baseline is the fresh database`,
      };
  return {
    what: `whole demo cases written through the service path (demo.generate via the dispatcher) into the workspace of ${tier.cases} cases, beside prepared INSERTs of exactly the rows those writes added`,
    cases,
    rounds,
    servicePerSec,
    baseline: { what: headline.what, rawPerSec: headline.rawPerSec, ...('tierDbMiB' in headline ? { tierDbMiB: headline.tierDbMiB } : { rawDbMiB: freshMiB, notCopied: 'notCopied' in headline ? headline.notCopied : undefined }) },
    ratio: headline.ratio,
    byCpuTime: headline.byCpuTime,
    freshDatabase: same ? freshFigures : null,
    rowsPerCase,
    perRound: { serviceMs: serviceSamples.map(round1), serviceCpuMs: serviceCpu.map(round1), ...headline.perRound },
    singleTable: (opts.notes ?? 20_000) > 0 ? await singleTable(tier.root, opts.notes ?? 20_000, rounds) : null,
  };
}

/**
 * The earlier figure, kept for comparison: notes through `records.create` beside a single-row INSERT
 * into `records` alone, and the bare SQL of the three rows the service path writes per record.
 */
async function singleTable(root: string, records: number, rounds: number) {
  const core = createCore(join(root, 'insert-notes-ws'), { idleCheckMs: 0, kdf: BENCH_KDF, registry: testRegistry() });
  await callOf(core)('workspace.create', {
    organisation: { name: 'Bench Task Force', code: 'BENCH', country: 'THA', type: 'LawEnforcement' },
    admin: { username: 'admin', displayName: 'Admin', password: BENCH_PASSWORD },
  });
  const u = core.session.requireUnlocked();
  const rows = Array.from({ length: records }, (_, i) => ({ title: `Note ${i}`, body: 'Follow-up visit, household interview, referral to shelter.', tags: ['bench'] }));
  const rawDb = openDatabase(freshPath(join(root, 'notes-raw.db')), randomBytes(32), { mustExist: false });
  migrate(rawDb, loadMigrations());
  const insert = rawDb.prepare(
    `INSERT INTO records (id, type, owner_org, hlc, vv, field_clock, updated_at, updated_by, deleted, data) VALUES (?, 'note', 'BENCH', ?, '{"n":1}', '{}', ?, 'admin', 0, ?)`,
  );
  const floorDb = openDatabase(freshPath(join(root, 'notes-floor.db')), randomBytes(32), { mustExist: false });
  migrate(floorDb, loadMigrations());
  const floorRecord = floorDb.prepare(
    `INSERT INTO records (id, type, owner_org, hlc, vv, field_clock, updated_at, updated_by, deleted, data) VALUES (?, 'note', 'BENCH', ?, '{"n":1}', '{}', ?, 'admin', 0, ?)`,
  );
  const floorChange = floorDb.prepare(`INSERT INTO change_log (record_type, record_id, hlc, op, fields, at) VALUES ('note', ?, ?, 'put', '["body","tags","title"]', ?)`);
  const floorAudit = floorDb.prepare(
    `INSERT INTO audit_log (seq, at, user_id, username, role, action, record_type, record_id, outcome, details, prev_hash, hash) VALUES (?, ?, ?, 'admin', 'admin', 'note.create', 'note', ?, 'ok', NULL, ?, ?)`,
  );
  const serviceSamples: number[] = [];
  const rawSamples: number[] = [];
  const floorSamples: number[] = [];
  let floorSeq = 0;
  let floorHash = '0'.repeat(64);
  for (let r = 0; r < rounds; r++) {
    serviceSamples.push(await time(() => u.transaction(() => rows.forEach((row) => u.records.create('note', row)))));
    const now = new Date().toISOString();
    rawSamples.push(await time(() => rawDb.transaction(() => rows.forEach((row, i) => insert.run(uuidv7(), String(r * records + i).padStart(13, '0'), now, JSON.stringify(row))))()));
    floorSamples.push(
      await time(() =>
        floorDb.transaction(() =>
          rows.forEach((row, i) => {
            const id = uuidv7();
            const hlc = String(r * records + i).padStart(13, '0');
            floorRecord.run(id, hlc, now, JSON.stringify(row));
            floorChange.run(id, hlc, now);
            const hash = createHash('sha256').update(`${floorHash}\n${id}`).digest('hex');
            floorAudit.run(++floorSeq, now, 'user-id', id, floorHash, hash);
            floorHash = hash;
          }),
        )(),
      ),
    );
  }
  core.session.lock('user');
  rawDb.close();
  floorDb.close();
  const serviceMs = median(serviceSamples);
  const rawMs = median(rawSamples);
  const floorMs = median(floorSamples);
  const servicePerSec = Math.round(records / (serviceMs / 1000));
  const rawPerSec = Math.round(records / (rawMs / 1000));
  return {
    what: 'LEGACY single-table figure: notes through records.create in an empty workspace, beside a single-row INSERT into `records` alone',
    records,
    servicePathPerSec: servicePerSec,
    baseline: { what: 'raw SQLCipher INSERT of the same notes into `records` only, one transaction', rawPerSec },
    ratio: Math.round((servicePerSec / rawPerSec) * 1000) / 1000,
    floor: {
      what: 'bare SQL of the three rows the service path writes per record (record, change-log row, hashed audit entry), one transaction',
      perSec: Math.round(records / (floorMs / 1000)),
      ratioToRaw: Math.round((rawMs / floorMs) * 1000) / 1000,
    },
    perRound: { serviceMs: serviceSamples.map(round1), rawMs: rawSamples.map(round1), floorMs: floorSamples.map(round1) },
  };
}
