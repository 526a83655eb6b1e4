import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultWorkspaceDir, electronBinary } from './start.mjs';

const repo = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'counterpart-start-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm start', () => {
  it('finds Electron only when path.txt names a binary that exists under node_modules/electron/dist', () => {
    const root = join(scratch, 'repo');
    mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
    expect(electronBinary(root)).toBeNull();
    writeFileSync(join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(electronBinary(root)).toBeNull();
    mkdirSync(join(root, 'node_modules', 'electron', 'dist'));
    writeFileSync(join(root, 'node_modules', 'electron', 'dist', 'electron'), '');
    expect(electronBinary(root)).toBe(join(root, 'node_modules', 'electron', 'dist', 'electron'));
  });

  it('keeps the browser-mode workspace in $COUNTERPART_WORKSPACE, else in the per-user data folder', () => {
    expect(defaultWorkspaceDir({ COUNTERPART_WORKSPACE: '/srv/cp/ws' }, 'linux', '/home/ana')).toBe('/srv/cp/ws');
    expect(defaultWorkspaceDir({}, 'linux', '/home/ana')).toBe('/home/ana/.local/share/counterpart/workspace');
    expect(defaultWorkspaceDir({ XDG_DATA_HOME: '/data' }, 'linux', '/home/ana')).toBe('/data/counterpart/workspace');
    expect(defaultWorkspaceDir({ LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'win32', 'C:\\Users\\ana')).toContain('Counterpart');
  });

  it.skipIf(electronBinary() !== null || !existsSync(join(repo, 'dist', 'renderer', 'index.html')))(
    'without Electron, says so in one line and serves the app in the browser (skipped when Electron exists or the renderer is not built)',
    async () => {
      // A stand-in for xdg-open records the address the browser would have been given.
      const bin = join(scratch, 'bin');
      mkdirSync(bin, { recursive: true });
      const opened = join(scratch, 'opened.txt');
      writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\necho "$1" > '${opened}'\n`);
      chmodSync(join(bin, 'xdg-open'), 0o755);
      const child = spawn(process.execPath, [join(repo, 'scripts', 'start.mjs')], {
        cwd: repo,
        env: { ...process.env, COUNTERPART_WORKSPACE: join(scratch, 'data', 'workspace'), COUNTERPART_TEST_KDF: '1', PATH: `${bin}:${process.env.PATH}` },
      });
      let output = '';
      const url = await new Promise<string>((resolveUrl, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const match = /Counterpart is running at (\S+)/.exec(output);
          if (match) resolveUrl(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`start.mjs exited with ${code}: ${output}`)));
      });
      expect(output.split('\n')[0]).toBe('Electron is not available on this machine; starting Counterpart in browser mode.');
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#launch=[A-Za-z0-9_-]{43}$/);
      const page = await fetch(url.split('#')[0]!);
      expect(page.status).toBe(200);
      await expect.poll(() => existsSync(opened) && readFileSync(opened, 'utf8').trim()).toBe(url);
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
  );
});
