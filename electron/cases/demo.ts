import { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import { isoDay, type ServiceProvider } from '../../shared/domain/cases';
import type { Unlocked } from '../identity/session';
import { cached, type Db } from '../store/database';
import { markIndexed } from './caseIndex';
import { writeDemoCase, type DemoContext } from './demoCase';
import type { Rng } from './demoProfiles';

/**
 * Synthetic demonstration cases (`counterpart demo`, the first-run demo workspace): realistic people,
 * paths and records across every stage, written through the one write path (records, change log,
 * audit, timeline steps) in chunks of one transaction each. Each case is marked `demo: true`, and the
 * workspace remembers in `meta` ('cases.demo') how many were made from which seed. The content of case
 * number i depends only on the seed, i and the reference day, so a seed reproduces the same caseload.
 * Demo cases go only into a workspace without real cases.
 */

export type DemoOptions = {
  cases: number;
  seed: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, label: string) => void;
  /** The reference day the caseload is built around (default today). */
  asOf?: string;
  chunkSize?: number;
};

const DemoState = z.object({ seed: z.number().int(), generated: z.number().int().min(0), asOf: z.string() });
const META_KEY = 'cases.demo';

/** A small fast PRNG (mulberry32), seeded per case so chunking never changes the output. */
function rngFor(seed: number, index: number): Rng {
  let a = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const DEMO_PROVIDERS: ServiceProvider[] = [
  { org_Name: 'Samut Sakhon Protection Shelter', org_Type: 'CentralGovernmentOrganisation', services: ['shelter', 'psychosocial', 'education'], org_ShippingCountry: 'THA', org_ShippingState: 'Samut Sakhon', active: true },
  { org_Name: 'Ranong Migrant Health Clinic', org_Type: 'HealthServiceOrganisation', services: ['medical', 'psychosocial'], org_ShippingCountry: 'THA', org_ShippingState: 'Ranong', active: true },
  { org_Name: 'Mekong Legal Aid Network', org_Type: 'LegalService', services: ['legal_aid', 'documentation'], org_ShippingCountry: 'THA', org_ShippingState: 'Bangkok', active: true },
  { org_Name: 'Bright Futures Livelihood Programme', org_Type: 'NGO', services: ['livelihood', 'education', 'financial'], org_ShippingCountry: 'THA', org_ShippingState: 'Chiang Mai', active: true },
  { org_Name: 'Family Tracing Desk, Mae Sot', org_Type: 'NGO', services: ['family_tracing', 'documentation'], org_ShippingCountry: 'THA', org_ShippingState: 'Tak', active: true },
  { org_Name: 'Yangon Reintegration Support Centre', org_Type: 'NGO', orgCode: 'MM-YRSC', services: ['livelihood', 'psychosocial', 'shelter'], org_ShippingCountry: 'MMR', org_ShippingState: 'Yangon', active: true },
  { org_Name: 'Centre d’accueil de Bukavu', org_Type: 'NGO', services: ['shelter', 'medical', 'psychosocial'], org_ShippingCountry: 'COD', org_ShippingState: 'Sud-Kivu', active: true },
  { org_Name: 'Casa de Acogida San Salvador', org_Type: 'NGO', services: ['shelter', 'legal_aid', 'psychosocial'], org_ShippingCountry: 'SLV', active: true },
];

function readState(db: Db): z.infer<typeof DemoState> | null {
  const raw = cached(db, 'SELECT value FROM meta WHERE key = @key').pluck().get({ key: META_KEY }) as string | undefined;
  const parsed = raw ? DemoState.safeParse(JSON.parse(raw)) : null;
  return parsed?.success ? parsed.data : null;
}

function ensureProviders(ctx: Pick<DemoContext, 'u' | 'db'>): { id: string; p: ServiceProvider }[] {
  const existing = cached(ctx.db, `SELECT id, data FROM records WHERE type = 'service_provider' AND deleted = 0`).all() as { id: string; data: string }[];
  if (existing.length > 0) return existing.map((r) => ({ id: r.id, p: JSON.parse(r.data) as ServiceProvider }));
  return DEMO_PROVIDERS.map((p) => ({ id: ctx.u.records.create('service_provider', p).id, p }));
}

/**
 * Adds `cases` demo cases. Reports progress after each chunk and stops between chunks when the
 * signal is aborted (the chunks already written stay: they are complete cases).
 */
export async function generateDemoCases(u: Unlocked, opts: DemoOptions): Promise<{ created: number; totalDemoCases: number }> {
  const db = u.workspace.db;
  // One pass over the index for both counts (no index holds `demo`: at 1M cases a pass takes ≈ 1.4 s).
  const { real, demo } = cached(db, 'SELECT count(*) FILTER (WHERE demo = 0) AS real, count(*) FILTER (WHERE demo = 1) AS demo FROM case_index').get() as { real: number; demo: number };
  if (real > 0) throw new CounterpartError('CONFLICT', 'This workspace holds real cases. Demo cases go only into a workspace of their own, so that they never mix with real files.');
  const state = readState(db);
  const asOf = state?.asOf ?? opts.asOf ?? isoDay(new Date());
  const seed = state?.seed ?? opts.seed;
  const start = state?.generated ?? 0;
  const chunk = opts.chunkSize ?? 200;
  const base = { u, db, asOf, orgCode: u.organisation.code, orgCountry: u.organisation.country, assignee: u.user.username };
  const providers = u.transaction(() => ensureProviders(base));
  const ctx: DemoContext = { ...base, providers, steps: [], written: [] };
  // Chunks touch many index pages at once: a larger page cache for the run spares re-reading (and
  // re-decrypting) them. Restored afterwards.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -262144');
  // Each chunk's commit rewrites the pages every table appends to; checkpointing after every chunk
  // copied (decrypted and re-encrypted) those pages into the database each time. With up to 64 MiB of
  // log between checkpoints they are copied once per several chunks (≈ 4% fewer instructions per case,
  // counted with cachegrind). The log is checkpointed and emptied when the run ends.
  const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 16384');
  let done = 0;
  try {
    opts.onProgress?.(0, opts.cases, 'demo cases');
    while (done < opts.cases) {
      if (opts.signal?.aborted) throw new CounterpartError('CANCELLED', `Stopped after ${done} demo cases; those are kept.`, { created: done });
      const n = Math.min(chunk, opts.cases - done);
      const from = start + done;
      u.transaction(() => {
        for (let i = 0; i < n; i++) writeDemoCase(ctx, rngFor(seed, from + i));
        markIndexed(db);
        cached(db, 'INSERT INTO meta (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run({
          key: META_KEY,
          value: JSON.stringify({ seed, generated: from + n, asOf }),
        });
      });
      done += n;
      opts.onProgress?.(done, opts.cases, 'demo cases');
      // Let progress events and a cancel request through between chunks.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Busy (another connection reads): the next commit past the limit checkpoints instead.
    }
  }
  u.audit.append({ actor: u.actor, action: 'demo.generate', outcome: 'ok', details: { cases: done, seed, asOf } });
  // Every case written here is a new demo case (fresh ids), so the total is the count before plus them.
  return { created: done, totalDemoCases: demo + done };
}

/** How many cases the first-run demo workspace (`workspace.openDemo`) starts with. */
export const DEMO_WORKSPACE_CASES = 300;

/** The `onDemoCreated` hook of the session: a new demo workspace is filled with demo cases. */
export async function fillDemoWorkspace(u: Unlocked): Promise<void> {
  await generateDemoCases(u, { cases: DEMO_WORKSPACE_CASES, seed: 20240601 });
}
