import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { productionRegistry } from '../rpc/recordTypes';
import type { RecordTypeDef } from '../store/records';
import { sha256Hex } from './bundle';
import { resigned, snapshot } from './forgeKit';
import { fits } from './plan';
import { newOffice, OFFICES, outDir, pair, type Office } from './testkit';

/**
 * The type check of merged values (`fits`) says what `schema.partial().safeParse(data).success` says,
 * for every record type the app registers: on real demo records, on each of them with fields removed,
 * replaced by any JSON value or added, and on records built from nothing. An import refuses a record
 * that does not fit (SCHEMA_MISMATCH) and writes nothing of it.
 */

const lenient = (def: RecordTypeDef): z.ZodType => (def.schema instanceof z.ZodObject ? def.schema.partial() : def.schema);
const same = (def: RecordTypeDef, data: Record<string, unknown>) => expect(fits(def, data), `${def.type} ${JSON.stringify(data)}`).toBe(lenient(def).safeParse(data).success);

describe('fits: the type check of merged values', () => {
  it('agrees with the partial schema on demo records of every type, mutated at random', async () => {
    const registry = productionRegistry();
    const office = await newOffice(OFFICES.TH, registry);
    await office.call('demo.generate', { cases: 12 });
    const rows = office.core.session.requireUnlocked().workspace.db.prepare('SELECT type, data FROM records WHERE deleted = 0').all() as { type: string; data: string }[];
    const samples = rows.map((r) => ({ def: registry.get(r.type), data: JSON.parse(r.data) as Record<string, unknown> }));
    const types = new Set(samples.map((s) => s.def.type));
    expect(types.size).toBeGreaterThanOrEqual(8);
    for (const { def, data } of samples) {
      expect(fits(def, data), def.type).toBe(true);
      same(def, data);
    }

    const names = (def: RecordTypeDef): string[] => (def.schema instanceof z.ZodObject ? Object.keys(def.schema.shape as object) : []);
    const value = fc.oneof(fc.jsonValue(), fc.constantFrom('', 'MMR', 'not-a-code', '2026-11-24', '2026-11-24T05:00:00.000Z', -1, 0, 1.5, [], {}, null, true));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: samples.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('remove', 'replace', 'add'), value), { maxLength: 4 }),
        (at, changes) => {
          const { def, data } = samples[at]!;
          const next: Record<string, unknown> = { ...data };
          const shape = names(def);
          for (const [n, how, v] of changes) {
            const keys = Object.keys(next);
            if (how === 'remove' && keys.length > 0) delete next[keys[n % keys.length]!];
            else if (how === 'replace' && keys.length > 0) next[keys[n % keys.length]!] = v;
            else next[shape.length > 0 && n % 3 > 0 ? shape[n % shape.length]! : `extra${n % 5}`] = v;
          }
          same(def, next);
        },
      ),
      { numRuns: 1500 },
    );
  }, 120_000);

  it('agrees with the partial schema on records built from nothing, for every registered type', () => {
    const registry = productionRegistry();
    const defs = registry.list();
    const known = [...new Set(defs.flatMap((d) => (d.schema instanceof z.ZodObject ? Object.keys(d.schema.shape as object) : [])))];
    const key = fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: defs.length - 1 }), fc.dictionary(key, fc.jsonValue(), { maxKeys: 4 }), (i, data) => {
        same(defs[i]!, data);
      }),
      { numRuns: 1000 },
    );
    for (const def of defs) same(def, {});
  });
});

describe('import of a record whose values do not fit its type', () => {
  const u = (o: Office) => o.core.session.requireUnlocked();

  it('refuses it as SCHEMA_MISMATCH and writes nothing of it; the other records of the bundle land', async () => {
    const th = await newOffice(OFFICES.TH);
    const mm = await newOffice(OFFICES.MM);
    await pair(th, mm);
    const [good, bad] = u(th).transaction(() => [
      u(th).records.create('note', { title: 'Intake interview', body: 'screened at the border' }).id,
      u(th).records.create('note', { title: 'Shelter placement', tags: ['shelter'] }).id,
    ]);
    const sent = await th.call('bundles.export', { to: [mm.code], type: 'case-update', select: { mode: 'sinceLast' }, purpose: 'case management', outDir: outDir() });
    // A sender with a bug: the tags of one note arrive as a number (the line itself is well formed).
    const path = await resigned(th, mm, sent.path, (m, files) => {
      const text = Buffer.from(files.get('data/note.ndjson')!).toString('utf8');
      const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; data: Record<string, unknown> });
      for (const line of lines) if (line.id === bad) line.data.tags = 42;
      const bytes = Buffer.from(lines.map((l) => `${JSON.stringify(l)}\n`).join(''), 'utf8');
      files.set('data/note.ndjson', bytes);
      const entry = m.files.find((f) => f.path === 'data/note.ndjson')!;
      entry.sha256 = sha256Hex(bytes);
      entry.size = bytes.length;
    });
    const before = snapshot(mm);
    const preview = await mm.call('bundles.inspect', { path });
    expect(preview.preview).toEqual({ new: 1, updated: 0, unchanged: 0, conflicting: 0, held: 0, refused: 1 });
    expect(preview.refusals).toEqual([{ recordId: bad, recordType: 'note', reason: 'SCHEMA_MISMATCH', params: { recordType: 'note' } }]);
    expect(snapshot(mm)).toEqual(before);

    const result = await mm.call('bundles.import', { path });
    expect(result.applied).toEqual({ new: 1, updated: 0, unchanged: 0, conflicting: 0, held: 0, refused: 1 });
    const db = u(mm).workspace.db;
    expect(db.prepare('SELECT id FROM records').pluck().all()).toEqual([good]);
    expect(db.prepare('SELECT record_id FROM change_log').pluck().all()).toEqual([good]);
    expect(db.prepare(`SELECT record_id FROM audit_log WHERE action = 'note.merge'`).pluck().all()).toEqual([good]);
    expect(JSON.parse(db.prepare('SELECT data FROM records WHERE id = ?').pluck().get(good) as string)).toEqual({ body: 'screened at the border', tags: [], title: 'Intake interview' });
  });
});
