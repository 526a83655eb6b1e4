#!/usr/bin/env node
// Static Electron security scan with @doyensec/electronegativity, through its programmatic API
// (its CLI needs an old hoisted `commander` and crashes next to our commander 14).
//
// Scans the built main and preload bundles (dist/node/main.mjs, dist/node/preload.cjs, made by
// `node scripts/build-node.mjs`) and the TypeScript sources in electron/app and electron/preload
// (tests excluded: they are not shipped). The tool only loads .js/.ts files from a directory and
// its global checks need every file in one run, so everything is staged under
// out/electronegativity/input/ first. Results go to out/electronegativity/.
//
// Exits 1 if any HIGH or MEDIUM finding is not in ALLOWED below. Every allowed entry is explained
// in docs/security.md, section "Electronegativity findings".
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const outDir = join(root, 'out', 'electronegativity');
const inputDir = join(outDir, 'input');

/**
 * Accepted HIGH/MEDIUM findings: check id, staged file (relative to the input directory), reason.
 * Keep in step with docs/security.md, "Electronegativity findings".
 */
const ALLOWED = [
  {
    check: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'electron/app/window.ts',
    reason: 'webPreferences come from secureWebPreferences(), which sets contextIsolation: true; the check cannot follow the function call',
  },
  {
    check: 'SANDBOX_JS_CHECK',
    file: 'electron/app/window.ts',
    reason: 'webPreferences come from secureWebPreferences(), which sets sandbox: true; the check cannot follow the function call',
  },
  {
    check: 'AUXCLICK_JS_CHECK',
    file: 'electron/app/window.ts',
    reason: 'a middle click can only open a window or navigate, and security.ts denies every new window and every navigation off app://counterpart',
  },
  {
    check: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    reason: 'the CSP is sent as a response header by the app:// protocol handler (protocol.ts, SECURITY_HEADERS), which the check does not look for',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/app/security.ts',
    reason: 'shell.openExternal only after isAllowedExternalUrl(): https and a prefix on EXTERNAL_URL_ALLOWLIST, which is empty by default',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/app/menu.ts',
    reason: 'Help > Documentation calls shell.openExternal only after isAllowedExternalUrl() on the configured documentation URL',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'dist/node/main.js',
    reason: 'the bundled copies of the two guarded shell.openExternal calls in security.ts and menu.ts',
  },
];

// Checks never run: AVAILABLE_SECURITY_FIXES asks GitHub for Electron's release list (network; this
// project builds and tests offline). The Electron version is kept current through package.json.
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const bundles = [
  ['dist/node/main.mjs', 'dist/node/main.js'],
  ['dist/node/preload.cjs', 'dist/node/preload.js'],
];
for (const [from] of bundles) {
  if (!existsSync(join(root, from))) {
    console.error(`electronegativity: ${from} is missing; run \`node scripts/build-node.mjs\` first`);
    process.exit(2);
  }
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(inputDir, { recursive: true });
for (const [from, to] of bundles) {
  mkdirSync(dirname(join(inputDir, to)), { recursive: true });
  cpSync(join(root, from), join(inputDir, to));
}
for (const dir of ['electron/app', 'electron/preload']) {
  mkdirSync(join(inputDir, dir), { recursive: true });
  for (const name of readdirSync(join(root, dir))) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    cpSync(join(root, dir, name), join(inputDir, dir, name));
  }
}

const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const mod = require('@doyensec/electronegativity');
const run = mod.default ?? mod.run ?? mod;

const resultFile = join(outDir, 'results.json');
const result = await run({
  input: inputDir,
  output: resultFile,
  isSarif: false,
  customScan: [],
  excludeFromScan: EXCLUDED_CHECKS,
  severitySet: 'informational',
  confidenceSet: 'tentative',
  isRelative: true,
  electronVersionOverride: electronVersion,
  parserPlugins: [],
});
const { issues, errors } = result;
// A file that did not parse was not scanned: that fails the run like a finding would.
const parseFailures = errors.filter((e) => !e.tolerable);

const rel = (file) => relative(inputDir, resolve(inputDir, file)).split('\\').join('/');
const sev = (i) => String(i.severity?.name ?? i.severity?.format?.() ?? i.severity).toUpperCase();
const isAllowed = (i) => ALLOWED.some((a) => a.check === i.id && a.file === rel(i.file));

const lines = [];
const blocking = [];
for (const i of issues) {
  const s = sev(i);
  const serious = /HIGH|MEDIUM/.test(s);
  const mark = serious ? (isAllowed(i) ? 'allowed' : 'BLOCKING') : 'info';
  if (mark === 'BLOCKING') blocking.push(i);
  lines.push(`${mark.padEnd(8)} ${s.padEnd(13)} ${i.id.padEnd(40)} ${rel(i.file)}:${i.location.line}:${i.location.column}`);
}
lines.sort();
writeFileSync(join(outDir, 'summary.txt'), lines.join('\n') + '\n');

const stale = ALLOWED.filter((a) => !issues.some((i) => i.id === a.check && rel(i.file) === a.file));
console.log(`electronegativity (Electron ${electronVersion}): ${issues.length} finding(s), ` +
  `${blocking.length} blocking; excluded checks: ${EXCLUDED_CHECKS.join(', ')}`);
for (const l of lines) console.log('  ' + l);
for (const a of stale) console.log(`  note: allow-list entry no longer matches anything: ${a.check} ${a.file}`);
console.log(`results: ${relative(root, resultFile)}, ${relative(root, join(outDir, 'summary.txt'))}`);
for (const e of errors) console.log(`  ${e.tolerable ? 'parse warning' : 'PARSE ERROR'}: ${rel(e.file)}: ${e.message}`);
if (parseFailures.length > 0) {
  console.error('electronegativity: some files could not be parsed, so they were not scanned');
  process.exit(1);
}
if (blocking.length > 0) {
  console.error('electronegativity: HIGH/MEDIUM findings not in the allow-list (scripts/electronegativity.mjs, docs/security.md)');
  process.exit(1);
}
