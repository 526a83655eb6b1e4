import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * End-to-end harness (DESIGN §8): the real CLI `serve` (browser mode, real core, real encrypted
 * workspace in a temp folder) driven by Debian's Chromium through playwright-core. No mocks between
 * the button and the file. Nothing is downloaded: the browser is /usr/bin/chromium.
 */

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CHROMIUM = process.env.COUNTERPART_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const STARTUP_TIMEOUT_MS = 60_000;
const READY_LINE = /^Counterpart is running at (http:\/\/127\.0\.0\.1:\d+\/\S*)$/;

/** Builds the renderer once if dist/renderer is missing (normally `npx vite build` ran before). */
export function ensureRendererBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) return;
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed; the end-to-end tests need dist/renderer.');
}

export type Server = { url: string; workspaceDir: string; demoDir: string; stop(): Promise<void> };

/** `counterpart serve` on a random port, over empty temp folders; resolves with the launch URL. */
export async function startServer(options: { workspaceDir?: string } = {}): Promise<Server> {
  ensureRendererBuilt();
  const base = mkdtempSync(join(tmpdir(), 'counterpart-e2e-'));
  const workspaceDir = options.workspaceDir ?? join(base, 'workspace');
  const demoDir = join(base, 'demo');
  mkdirSync(workspaceDir, { recursive: true });
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'counterpart.mjs'), 'serve', '--workspace', workspaceDir, '--demo-dir', demoDir, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, COUNTERPART_TEST_KDF: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  let url: string;
  try {
    url = await readyUrl(child, stderr);
  } catch (err) {
    rmSync(base, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    workspaceDir,
    demoDir,
    async stop() {
      await stopChild(child);
      rmSync(base, { recursive: true, force: true });
    },
  };
}

function readyUrl(child: ChildProcess, stderr: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`counterpart serve did not start within ${STARTUP_TIMEOUT_MS} ms.\n${stderr.join('')}`));
    }, STARTUP_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = READY_LINE.exec(line.trim());
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(match[1]);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`counterpart serve exited with ${code} before it was ready.\n${stderr.join('')}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}; install Debian's chromium package (never a downloaded browser).`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

export type Session = { server: Server; browser: Browser; context: BrowserContext; page: Page; close(): Promise<void> };

/** The pages of the sessions open in this test file, for the failure record (e2e/failures.ts). */
export const openPages = new Set<Page>();

/** A server, a browser and a page that opened the launch link (and so holds the session cookie). */
export async function openApp(options: { locale?: string } = {}): Promise<Session> {
  const server = await startServer();
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await server.stop();
    throw err;
  }
  const context = await browser.newContext({ locale: options.locale ?? 'en-GB', viewport: { width: 1280, height: 860 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  openPages.add(page);
  await page.goto(server.url);
  return {
    server,
    browser,
    context,
    page,
    async close() {
      openPages.delete(page);
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.stop();
      if (errors.length) throw new Error(`Uncaught errors in the page:\n${errors.join('\n')}`);
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** Passwords the rules accept (shared/domain/passwords) and one they refuse. */
export const PASSWORDS = {
  admin: 'river lantern copper meadow',
  caseWorker: 'saffron harbour quiet seventeen',
  weak: 'password1234',
};
