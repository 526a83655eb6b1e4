import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron } from 'playwright-core';
import type { CounterpartBridge } from '../../shared/contract/bridge';

/**
 * The real app, launched through Playwright's Electron driver (DESIGN §8). It runs wherever the
 * Electron binary was downloaded (node_modules/electron/dist); in this build environment it cannot
 * be, so the test is skipped and says why.
 */

const repo = resolve(import.meta.dirname, '../..');

function electronBinary(): string | null {
  const pathFile = join(repo, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(join(repo, 'node_modules', 'electron', 'dist')) || !existsSync(pathFile)) return null;
  const executable = join(repo, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

const binary = electronBinary();
const why = binary ? '' : ' (skipped: Electron binary not available in this environment)';

describe('the packaged-style Electron app', () => {
  it.skipIf(binary === null)(`opens app://counterpart with only window.counterpart exposed, and answers through the core${why}`, async () => {
    execFileSync(process.execPath, [join(repo, 'scripts', 'build-node.mjs')], { cwd: repo, stdio: 'ignore' });
    if (!existsSync(join(repo, 'dist', 'renderer', 'index.html'))) execFileSync('npx', ['vite', 'build'], { cwd: repo, stdio: 'ignore' });
    const userData = mkdtempSync(join(tmpdir(), 'counterpart-electron-'));
    const app = await _electron.launch({ executablePath: binary!, args: [repo, `--user-data-dir=${userData}`] });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toBe('app://counterpart/index.html');
      const surface = await page.evaluate(() => ({
        bridge: Object.keys((window as Window & { counterpart?: CounterpartBridge }).counterpart ?? {}).sort(),
        node: typeof (window as Window & { require?: unknown }).require,
        process: typeof (window as Window & { process?: unknown }).process,
      }));
      expect(surface).toEqual({ bridge: ['invoke', 'on'], node: 'undefined', process: 'undefined' });
      const status = await page.evaluate(() => (window as Window & { counterpart?: CounterpartBridge }).counterpart!.invoke('session.status', {}));
      expect(status).toMatchObject({ ok: true, value: { state: 'no_workspace' } });
      const opened = await page.evaluate(() => window.open('https://evil.example/'));
      expect(opened).toBeNull();
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
