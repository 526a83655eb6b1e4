import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildNode, repoRoot } from './build-node.mjs';
import { CoreWorker } from '../electron/worker/client';
import { ADMIN_PASSWORD, TEST_KDF, TEST_ORG } from '../electron/testing/fixtures';

/**
 * The bundles are what the packaged app runs. Built into a scratch folder inside dist/ (so that the
 * external native module still resolves from the repository's node_modules), then run for real.
 */

let outdir: string;
let scratch: string;
beforeAll(async () => {
  mkdirSync(join(repoRoot, 'dist'), { recursive: true });
  scratch = mkdtempSync(join(repoRoot, 'dist', '.build-test-'));
  outdir = join(scratch, 'node');
  await buildNode({ outdir, log: () => undefined });
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the Node bundles', () => {
  it('writes main, preload, worker (and the CLI when present) with the migrations next to them', () => {
    expect(readdirSync(outdir).filter((f) => !f.endsWith('.map')).sort()).toEqual(
      ['main.mjs', 'migrations', 'preload.cjs', 'worker.mjs', ...(existsSync(join(repoRoot, 'electron/cli')) ? ['cli.mjs'] : [])].sort(),
    );
    expect(readdirSync(join(outdir, 'migrations'))).toEqual(readdirSync(join(repoRoot, 'electron/store/migrations')).filter((f) => f.endsWith('.sql')));
  });

  it('the sandboxed preload is one CommonJS file that requires nothing but electron', () => {
    const preload = readFileSync(join(outdir, 'preload.cjs'), 'utf8');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('the main bundle leaves electron and the native module external and passes the bundled worker', () => {
    const main = readFileSync(join(outdir, 'main.mjs'), 'utf8');
    expect(main).toMatch(/from "electron"/);
    expect(main).toContain('./worker.mjs');
    expect(main).toContain('./preload.cjs');
    expect(main).toContain('../renderer/');
  });

  it('the bundled worker runs the core: status, then a new workspace using the copied migrations', async () => {
    const workspaceDir = join(mkdtempSync(join(tmpdir(), 'counterpart-bundle-')), 'ws');
    const core = await CoreWorker.start({ workspaceDir, kdf: TEST_KDF }, join(outdir, 'worker.mjs'));
    try {
      expect(await core.invoke('session.status', {})).toMatchObject({ ok: true, value: { state: 'no_workspace' } });
      const created = await core.invoke('workspace.create', { organisation: TEST_ORG, admin: { username: 'admin', displayName: 'Admin', password: ADMIN_PASSWORD } });
      expect(created).toMatchObject({ ok: true, value: { status: { state: 'unlocked' } } });
      expect(await core.invoke('workspace.info', {})).toMatchObject({ ok: true, value: { schemaVersion: readdirSync(join(outdir, 'migrations')).length } });
    } finally {
      await core.stop();
      rmSync(join(workspaceDir, '..'), { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync(join(repoRoot, 'electron/cli')))('the bundled command line starts', () => {
    expect(execFileSync(process.execPath, [join(outdir, 'cli.mjs'), '--help'], { encoding: 'utf8' })).toContain('Usage: counterpart');
  });
});
