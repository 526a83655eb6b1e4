import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startHost, type Host } from './server';
import { fakeRenderer } from './testing';
import { ADMIN_PASSWORD, TEST_KDF, TEST_ORG } from '../testing/fixtures';
import type { CounterpartBridge } from '../../shared/contract/bridge';
import type { CoreEvent } from '../../shared/contract';

/**
 * renderer/app/browserBridge.ts in Debian's Chromium against a real host and core: the launch
 * exchange, the cookie surviving a reload, events over SSE, and a browser without the cookie.
 */

const CHROMIUM = '/usr/bin/chromium';
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

type Esbuild = { build(options: Record<string, unknown>): Promise<unknown> };
/** esbuild comes with tsx (it is not a direct dependency), so it is loaded from there. */
const loadEsbuild = (): Esbuild => {
  const fromRepo = createRequire(join(repo, 'package.json'));
  return createRequire(fromRepo.resolve('tsx/esm/api'))('esbuild') as Esbuild;
};

declare global {
  interface Window {
    counterpart: CounterpartBridge;
    bridgeReady: Promise<void>;
    seen: CoreEvent[];
  }
}

let root: string;
let host: Host;
let browser: Browser;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'counterpart-bridge-'));
  const rendererDir = fakeRenderer(root, {
    'index.html': '<!doctype html><html><head><script type="module" src="./assets/bridge.js"></script></head><body></body></html>',
  });
  await loadEsbuild().build({
    stdin: {
      contents: `import { createBrowserBridge } from './renderer/app/browserBridge';
        window.seen = [];
        window.bridgeReady = createBrowserBridge().then((bridge) => { window.counterpart = bridge; });`,
      resolveDir: repo,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile: join(rendererDir, 'assets', 'bridge.js'),
    logLevel: 'silent',
  });
  host = await startHost({ workspaceDir: join(root, 'ws'), rendererDir, worker: { config: { kdf: TEST_KDF } } });
  if (existsSync(CHROMIUM)) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  rmSync(root, { recursive: true, force: true });
});

async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(() => window.bridgeReady);
}

describe.skipIf(!existsSync(CHROMIUM))('the browser bridge in Chromium', () => {
  it('trades the launch secret, hides it, calls the core, receives events, and survives a reload', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => m.text().includes('Content Security Policy') && cspViolations.push(m.text()));
    await openApp(page, host.url);

    expect(page.url()).toBe(`http://127.0.0.1:${host.port}/`);
    const cookies = await context.cookies();
    expect(cookies).toEqual([expect.objectContaining({ name: `cp_session_${host.port}`, httpOnly: true, sameSite: 'Strict' })]);
    expect(await page.evaluate(() => document.cookie)).toBe('');

    const created = await page.evaluate(
      ([org, password]) => window.counterpart.invoke('workspace.create', { organisation: org, admin: { username: 'admin', displayName: 'Admin', password } }),
      [TEST_ORG, ADMIN_PASSWORD] as const,
    );
    expect(created).toMatchObject({ ok: true, value: { status: { state: 'unlocked' } } });

    // Progress of a long call, matched by its call id.
    const backup = await page.evaluate(async () => {
      window.counterpart.on('progress', (e) => window.seen.push(e));
      return window.counterpart.invoke('backup.create', {}, { callId: 'backup-from-page' });
    });
    expect(backup).toMatchObject({ ok: true });
    await expect.poll(() => page.evaluate(() => window.seen.filter((e) => e.type === 'progress' && e.callId === 'backup-from-page').length)).toBeGreaterThan(0);

    const locked = await page.evaluate(
      () =>
        new Promise<CoreEvent>((resolve) => {
          const stop = window.counterpart.on('session.locked', (e) => {
            stop();
            resolve(e);
          });
          void window.counterpart.invoke('session.lock', {});
        }),
    );
    expect(locked).toEqual({ type: 'session.locked', reason: 'user' });

    await page.reload();
    await page.evaluate(() => window.bridgeReady);
    expect(await page.evaluate(() => window.counterpart.invoke('session.status', {}))).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(await page.evaluate(() => window.counterpart.invoke('$cancel', { callId: 'nothing' }))).toEqual({ ok: true, value: { ok: true } });
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it('in a browser without the session (link already used), every call says to start Counterpart again', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openApp(page, host.url);
    expect(page.url()).not.toContain('launch');
    expect(await page.evaluate(() => window.counterpart.invoke('session.status', {}))).toMatchObject({
      ok: false,
      error: { code: 'SESSION_LOCKED', details: { reason: 'host_session_missing' } },
    });
    await context.close();
  });
});
