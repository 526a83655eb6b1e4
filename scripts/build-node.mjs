#!/usr/bin/env node
// Bundles the Node side for packaging (`npm run build` runs it after `vite build`):
//   electron/app/main.ts        -> dist/node/main.mjs     Electron main process (package.json "main"), ESM
//   electron/preload/preload.ts -> dist/node/preload.cjs  sandboxed preload: must be CommonJS, one file
//   electron/worker/entry.ts    -> dist/node/worker.mjs   the core's worker thread
//   electron/cli/run.ts         -> dist/node/cli.mjs      the command line (when it exists)
//   electron/store/migrations/*.sql -> dist/node/migrations/ (the store looks next to its bundle)
// 'electron' and the native SQLCipher module stay external: Electron provides the first, the second
// is a compiled addon that electron-builder unpacks from the asar archive.
//
// Usage: node scripts/build-node.mjs [--outdir DIR]
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** esbuild is not a direct dependency; it comes with tsx (which the dev runtime needs anyway). */
function loadEsbuild() {
  const fromRepo = createRequire(join(repoRoot, 'package.json'));
  return createRequire(fromRepo.resolve('tsx/esm/api'))('esbuild');
}

export const EXTERNAL = ['electron', 'better-sqlite3-multiple-ciphers'];

// Bundled CommonJS dependencies may call require() or read __dirname; give ESM bundles both.
const ESM_BANNER = [
  "import { createRequire as __counterpartCreateRequire } from 'node:module';",
  "import { fileURLToPath as __counterpartFileURLToPath } from 'node:url';",
  'const require = __counterpartCreateRequire(import.meta.url);',
  'const __filename = __counterpartFileURLToPath(import.meta.url);',
  "const __dirname = __counterpartFileURLToPath(new URL('.', import.meta.url));",
].join('\n');

/** Electron 45 ships Node 22 and Chromium 140+. */
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome130';

function entries() {
  const cli = ['electron/cli/run.ts', 'electron/cli/main.ts'].find((p) => existsSync(join(repoRoot, p)));
  return [
    { name: 'main', entry: 'electron/app/main.ts', out: 'main.mjs', format: 'esm', target: NODE_TARGET },
    { name: 'preload', entry: 'electron/preload/preload.ts', out: 'preload.cjs', format: 'cjs', target: CHROME_TARGET },
    { name: 'worker', entry: 'electron/worker/entry.ts', out: 'worker.mjs', format: 'esm', target: NODE_TARGET },
    ...(cli ? [{ name: 'cli', entry: cli, out: 'cli.mjs', format: 'esm', target: NODE_TARGET }] : []),
  ];
}

/** Builds every bundle into `outdir` (default dist/node); returns the bundles written. */
export async function buildNode({ outdir = join(repoRoot, 'dist', 'node'), log = console.log } = {}) {
  const esbuild = loadEsbuild();
  mkdirSync(outdir, { recursive: true });
  const built = [];
  for (const bundle of entries()) {
    await esbuild.build({
      entryPoints: [join(repoRoot, bundle.entry)],
      outfile: join(outdir, bundle.out),
      bundle: true,
      platform: 'node',
      format: bundle.format,
      target: bundle.target,
      external: EXTERNAL,
      sourcemap: true,
      logLevel: 'warning',
      ...(bundle.format === 'esm' ? { banner: { js: ESM_BANNER } } : {}),
    });
    built.push(bundle.out);
    log(`built ${join(outdir, bundle.out)}  (from ${bundle.entry})`);
  }
  const migrationsFrom = join(repoRoot, 'electron', 'store', 'migrations');
  const migrationsTo = join(outdir, 'migrations');
  mkdirSync(migrationsTo, { recursive: true });
  const sql = readdirSync(migrationsFrom).filter((f) => f.endsWith('.sql'));
  for (const file of sql) copyFileSync(join(migrationsFrom, file), join(migrationsTo, file));
  log(`copied ${sql.length} migration(s) to ${migrationsTo}`);
  return built;
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const at = process.argv.indexOf('--outdir');
  const outdir = at > 0 ? resolve(process.argv[at + 1] ?? '') : undefined;
  try {
    await buildNode(outdir ? { outdir } : {});
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
