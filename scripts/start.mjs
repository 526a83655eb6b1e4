#!/usr/bin/env node
// `npm start`: the desktop app where Electron is installed, browser mode everywhere else (DESIGN §8).
//
// With an Electron binary (node_modules/electron/path.txt naming a file under node_modules/electron/dist/):
// builds the renderer if it was never built, rebuilds the Node bundles (under a second with esbuild),
// and launches Electron on this folder (package.json "main" = dist/node/main.mjs).
// Without one: says so in one line, builds the renderer if needed, and runs
//   counterpart serve --workspace <dir> --demo-dir <dir> --open
// with <dir> = $COUNTERPART_WORKSPACE, else the per-user data folder (Linux: ~/.local/share/counterpart/workspace);
// the demo workspace is its sibling `demo`. Extra arguments are passed on (e.g. `npm start -- --port 8765`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The Electron executable, if the binary was downloaded (it cannot be in this build environment). */
export function electronBinary(root = repo) {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

/** Where browser mode keeps its workspace when COUNTERPART_WORKSPACE is not set. */
export function defaultWorkspaceDir(env = process.env, platform = process.platform, home = homedir()) {
  if (env.COUNTERPART_WORKSPACE) return resolve(env.COUNTERPART_WORKSPACE);
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'Counterpart', 'workspace');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Counterpart', 'workspace');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'counterpart', 'workspace');
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: repo, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`"${[command, ...args].join(' ')}" failed; Counterpart was not started.`);
    process.exit(result.status ?? 1);
  }
}

function ensureRenderer() {
  if (existsSync(join(repo, 'dist', 'renderer', 'index.html'))) return;
  console.log('Building the user interface (first start only)…');
  run('npx', ['vite', 'build']);
}

/** Runs a child to the end, passing on Ctrl+C / termination, and exits with its code. */
function runForeground(command, args) {
  const child = spawn(command, args, { cwd: repo, stdio: 'inherit' });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const extra = process.argv.slice(2);
  const electron = electronBinary();
  if (electron) {
    ensureRenderer();
    run(process.execPath, [join(repo, 'scripts', 'build-node.mjs')]);
    runForeground(electron, [repo, ...extra]);
  } else {
    console.log('Electron is not available on this machine; starting Counterpart in browser mode.');
    ensureRenderer();
    const workspace = defaultWorkspaceDir();
    const demo = join(dirname(workspace), 'demo');
    runForeground(process.execPath, [join(repo, 'scripts', 'counterpart.mjs'), 'serve', '--workspace', workspace, '--demo-dir', demo, '--open', ...extra]);
  }
}
