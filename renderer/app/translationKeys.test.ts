import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from '../../shared/i18n/locales/en.json';
import { isMethodName } from '../../shared/contract';
import { KNOWN_AUDIT_ACTIONS } from '../features/audit/auditActions';

const RENDERER = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const flatKeys = (value: unknown, prefix = ''): string[] =>
  value !== null && typeof value === 'object'
    ? Object.entries(value).flatMap(([key, child]) => flatKeys(child, prefix ? `${prefix}.${key}` : key))
    : [prefix];

const known = new Set(flatKeys(en));
/** Quoted names that look like keys but are not: contract methods and audit actions. */
const notKeys = (text: string): boolean => isMethodName(text) || (KNOWN_AUDIT_ACTIONS as readonly string[]).includes(text);
const namespaces = Object.keys(en).join('|');
// A quoted string that starts with a catalogue namespace and has no template part: a literal key.
const literalKey = new RegExp(`['"\`]((?:${namespaces})\\.[A-Za-z0-9_.]+)['"\`]`, 'g');

describe('translation keys used by the renderer', () => {
  it('every literal key in the renderer exists in the English catalogue', () => {
    const missing: string[] = [];
    for (const file of sources(RENDERER)) {
      for (const match of readFileSync(file, 'utf8').matchAll(literalKey)) {
        const key = match[1] ?? '';
        if (!known.has(key) && !notKeys(key)) missing.push(`${file.slice(RENDERER.length)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('no user-visible text bypasses t(): no JSX text node is a bare English sentence', () => {
    const offenders: string[] = [];
    for (const file of sources(RENDERER).filter((f) => f.endsWith('.tsx'))) {
      const text = readFileSync(file, 'utf8');
      // >Some words< between JSX tags, outside {…}: text a translator never sees.
      for (const match of text.matchAll(/>\s*([A-Za-z][A-Za-z ,.'!?-]{2,})\s*</g)) offenders.push(`${file.slice(RENDERER.length)}: ${match[1]}`);
    }
    expect(offenders).toEqual([]);
  });

  it('nothing in the renderer injects HTML or evaluates strings', () => {
    const offenders = sources(RENDERER).filter((file) => /dangerouslySetInnerHTML|\beval\(|new Function\(|\.innerHTML\s*=/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
