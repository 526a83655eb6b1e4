import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCore } from '../rpc/core';
import { ADMIN_PASSWORD, newWorkspace, tempDir, TEST_KDF, TEST_THROTTLE, unwrap } from '../testing/fixtures';
import { DEMO_ORGANISATION } from '../identity/session';
import { generateDemoCases } from './demo';
import { rebuildCaseIndex } from './caseIndex';
import { listCases } from './caseQueries';
import { operation } from './operation';
import { CaseListInput } from '../../shared/contract/cases';
import { AUNG_KYAW_MOE } from './testkit';

const BIN = fileURLToPath(new URL('../../scripts/counterpart.mjs', import.meta.url));

function counterpart(args: string[], config: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', XDG_CONFIG_HOME: config, COUNTERPART_TEST_KDF: '1', COUNTERPART_PASSWORD: ADMIN_PASSWORD },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function demoWorkspace() {
  const dir = join(tempDir(), 'demo');
  const core = createCore(dir, { kdf: TEST_KDF, throttle: TEST_THROTTLE, idleCheckMs: 0 });
  unwrap(await core.dispatcher.dispatch('workspace.create', { organisation: DEMO_ORGANISATION, admin: { username: 'admin', displayName: 'Admin', password: ADMIN_PASSWORD } }));
  return core;
}

describe('demo data', () => {
  it('`counterpart demo --cases 500` creates the workspace and `counterpart info` reports 500 cases', () => {
    const dir = join(tempDir(), 'd');
    const config = tempDir('cli-config-');
    const demo = counterpart(['demo', '--workspace', dir, '--cases', '500'], config);
    expect(demo.stderr).toContain('Demo cases: 500/500');
    expect(demo.status, demo.stderr).toBe(0);
    const info = counterpart(['info', '--workspace', dir, '--json'], config);
    expect(info.status, info.stderr).toBe(0);
    const parsed = JSON.parse(info.stdout) as { organisation: { code: string }; records: Record<string, number> };
    expect(parsed.organisation.code).toBe('DEMO');
    expect(parsed.records.case).toBe(500);
    // Running it again adds to the same workspace.
    expect(counterpart(['demo', '--workspace', dir, '--cases', '20', '--json'], config)).toMatchObject({ status: 0 });
    expect(JSON.parse(counterpart(['info', '--workspace', dir, '--json'], config).stdout).records.case).toBe(520);
  }, 180_000);

  it('covers every stage, the citizenships and scripts asked for, and marks every case as demo', async () => {
    const core = await demoWorkspace();
    const u = core.session.requireUnlocked();
    await generateDemoCases(u, { cases: 400, seed: 7, asOf: '2025-06-30' });
    const stats = unwrap(await core.dispatcher.dispatch('cases.stats', {})) as { total: number; demo: number; byStage: { key: string }[]; byCitizenship: { key: string }[]; byExploitation: { key: string }[] };
    expect(stats.total).toBe(400);
    expect(stats.demo).toBe(400);
    expect(stats.byStage.map((s) => s.key).sort()).toEqual(['assistance', 'closed', 'identification', 'reintegration', 'return', 'screening']);
    for (const c of ['MMR', 'THA', 'KHM', 'LAO', 'VNM', 'COD', 'SLV', 'GTM', 'HND']) expect(stats.byCitizenship.map((s) => s.key)).toContain(c);
    for (const e of ['ForcedLabour', 'SexualExploitation', 'ForcedMarriage', 'ForcedCriminality', 'ForcedBegging', 'ForcedMilitaryByNonStateActors']) expect(stats.byExploitation.map((s) => s.key)).toContain(e);
    const names = u.workspace.db.prepare('SELECT display_name FROM case_index').pluck().all() as string[];
    for (const script of [/[\u1000-\u109f]/u, /[\u0e00-\u0e7f]/u, /[\u1780-\u17ff]/u, /[\u0e80-\u0eff]/u, /[áéíóúñ]/u, /[éèêëïîç]/u]) expect(names.some((n) => script.test(n)), String(script)).toBe(true);
    // A demo case opens like any other, with its timeline.
    const list = unwrap(await core.dispatcher.dispatch('cases.list', { stage: ['reintegration'], limit: 1 })) as { rows: { caseId: string; demo: boolean }[] };
    expect(list.rows[0]!.demo).toBe(true);
    const timeline = unwrap(await core.dispatcher.dispatch('cases.timeline', { id: list.rows[0]!.caseId })) as { entries: { kind: string }[] };
    const kinds = timeline.entries.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['registered', 'screened_rapid', 'screened_full', 'consent_recorded', 'referral_created', 'assistance_recorded', 'reintegration_planned']));
    expect(kinds.some((k) => k.startsWith('followup_'))).toBe(true);
    expect(unwrap(await core.dispatcher.dispatch('audit.verify', {}))).toMatchObject({ ok: true });
  });

  it('is deterministic: the same seed and day give the same caseload', async () => {
    const caseload = async () => {
      const core = await demoWorkspace();
      await generateDemoCases(core.session.requireUnlocked(), { cases: 60, seed: 42, asOf: '2025-06-30', chunkSize: 7 });
      return core.session.requireUnlocked().workspace.db.prepare('SELECT case_number, display_name, stage, citizenships, exploitation, registered_at FROM case_index ORDER BY case_number').all();
    };
    expect(await caseload()).toEqual(await caseload());
  });

  it('never goes into a workspace with real cases, and stops between chunks when cancelled', async () => {
    const { core } = await newWorkspace();
    unwrap(await core.dispatcher.dispatch('cases.register', AUNG_KYAW_MOE));
    expect(await core.dispatcher.dispatch('demo.generate', { cases: 10 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const demo = await demoWorkspace();
    const abort = new AbortController();
    const result = await demo.dispatcher.dispatch('demo.generate', { cases: 1000 }, { signal: abort.signal, onProgress: (done) => done >= 200 && abort.abort() });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    const kept = demo.session.requireUnlocked().workspace.db.prepare('SELECT count(*) FROM case_index').pluck().get() as number;
    expect(kept).toBeGreaterThanOrEqual(200);
    expect(kept).toBeLessThan(1000);
  });

  it('the first-run demo workspace opens filled with demo cases', async () => {
    const dir = join(tempDir(), 'firstrun');
    const core = createCore(join(tempDir(), 'elsewhere'), { kdf: TEST_KDF, throttle: TEST_THROTTLE, idleCheckMs: 0, demoDir: dir });
    expect(await core.dispatcher.dispatch('workspace.openDemo', {})).toMatchObject({ ok: true, value: { demo: true, state: 'unlocked' } });
    const mine = unwrap(await core.dispatcher.dispatch('cases.list', { view: 'mine', withTotal: true })) as { total: number };
    expect(mine.total).toBeGreaterThan(100);
    const info = unwrap(await core.dispatcher.dispatch('workspace.info', {})) as { records: Record<string, number> };
    expect(info.records.case).toBe(300);
  }, 120_000);

  it('a long generation counts as activity: the session does not lock as idle meanwhile', async () => {
    let clock = Date.now();
    const dir = join(tempDir(), 'idle');
    const core = createCore(dir, { kdf: TEST_KDF, throttle: TEST_THROTTLE, idleCheckMs: 0, now: () => clock });
    unwrap(await core.dispatcher.dispatch('workspace.create', { organisation: DEMO_ORGANISATION, admin: { username: 'admin', displayName: 'Admin', password: ADMIN_PASSWORD } }));
    unwrap(await core.dispatcher.dispatch('settings.update', { idleMinutes: 1 }));
    // Each chunk takes 50 s of (fake) time: 250 cases in chunks of 200 would run past the 1-minute idle lock.
    const result = await core.dispatcher.dispatch('demo.generate', { cases: 250 }, { onProgress: () => (clock += 50_000) });
    expect(result).toMatchObject({ ok: true, value: { created: 250, totalDemoCases: 250 } });
    expect(await core.dispatcher.dispatch('cases.stats', {})).toMatchObject({ ok: true, value: { total: 250 } });
    // A second run reports the demo cases in all, as the index counts them.
    expect(await core.dispatcher.dispatch('demo.generate', { cases: 30 })).toMatchObject({ ok: true, value: { created: 30, totalDemoCases: 280 } });
    expect(await core.dispatcher.dispatch('cases.stats', { demo: true })).toMatchObject({ ok: true, value: { total: 280 } });
  });

  it('a list reads the same pages whether a filter is read from its own table or checked while walking the sort index', async () => {
    const core = await demoWorkspace();
    const u = core.session.requireUnlocked();
    await generateDemoCases(u, { cases: 300, seed: 3, asOf: '2025-06-30' });
    const o = operation(u);
    for (const filter of [{ citizenship: ['MMR', 'KHM'] }, { exploitation: ['ForcedLabour'], stage: ['assistance', 'reintegration'] as const }, { citizenship: ['THA'], sort: 'risk' as const }]) {
      const pages = (few: number) => {
        const ids: string[] = [];
        let cursor: string | undefined;
        do {
          const page = listCases(o.db, CaseListInput.parse({ ...filter, limit: 17, cursor }), o.viewer, o.today, few);
          ids.push(...page.rows.map((r) => r.caseId));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return ids;
      };
      const fromTable = pages(Number.MAX_SAFE_INTEGER);
      expect(fromTable.length, JSON.stringify(filter)).toBeGreaterThan(17);
      expect(pages(0)).toEqual(fromTable);
    }
    // Filtered by stage and sorted by registration (read stage by stage): the same rows, in the same
    // order, as the whole list filtered here.
    const everything = listCases(o.db, CaseListInput.parse({ limit: 200 }), o.viewer, o.today).rows.concat(
      listCases(o.db, CaseListInput.parse({ limit: 200, cursor: listCases(o.db, CaseListInput.parse({ limit: 200 }), o.viewer, o.today).nextCursor }), o.viewer, o.today).rows,
    );
    expect(everything).toHaveLength(300);
    for (const direction of ['desc', 'asc'] as const) {
      const wanted = (direction === 'desc' ? everything : [...everything].reverse()).filter((r) => ['screening', 'reintegration', 'closed'].includes(r.stage) && r.citizenships.includes('MMR')).map((r) => r.caseId);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = listCases(o.db, CaseListInput.parse({ stage: ['screening', 'reintegration', 'closed'], citizenship: ['MMR'], direction, limit: 9, cursor }), o.viewer, o.today, 0);
        seen.push(...page.rows.map((r) => r.caseId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen, direction).toEqual(wanted);
    }
    expect(listCases(o.db, CaseListInput.parse({ stage: ['screening', 'closed'], withTotal: true }), o.viewer, o.today).total).toBe(everything.filter((r) => r.stage === 'screening' || r.stage === 'closed').length);
  });

  it('builds each case’s index rows from what it wrote, exactly as a rebuild from the stored records does', async () => {
    const core = await demoWorkspace();
    const u = core.session.requireUnlocked();
    await generateDemoCases(u, { cases: 150, seed: 11, asOf: '2025-06-30', chunkSize: 40 });
    const db = u.workspace.db;
    const index = () => ({
      cases: (db.prepare('SELECT * FROM case_index ORDER BY case_id').all() as Record<string, unknown>[]).map((r): Record<string, unknown> => ({ ...r, rowid: undefined })),
      citizenship: db.prepare('SELECT ci.case_id, cc.country FROM case_citizenship cc JOIN case_index ci ON ci.rowid = cc.case_rowid ORDER BY 1, 2').all(),
      exploitation: db.prepare('SELECT ci.case_id, ce.type FROM case_exploitation ce JOIN case_index ci ON ci.rowid = ce.case_rowid ORDER BY 1, 2').all(),
      search: db.prepare('SELECT ci.case_id, s.names, s.identifiers FROM case_search s JOIN case_index ci ON ci.rowid = s.rowid ORDER BY 1').all(),
    });
    const written = index();
    expect(written.cases).toHaveLength(150);
    expect(written.search).toHaveLength(150);
    expect(written.cases.some((c) => c['stage'] === 'closed' && c['status'] === 'Closed')).toBe(true);
    expect(rebuildCaseIndex(db)).toBe(150);
    expect(index()).toEqual(written);
  });
});
