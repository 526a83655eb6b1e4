/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import en from '../../shared/i18n/locales/en.json';
import { isMethodName } from '../../shared/contract';
import { KNOWN_AUDIT_ACTIONS } from '../features/audit/auditActions';

// The renderer's own sources as text (Vite reads them; the renderer never imports Node built-ins).
const files: Record<string, string> = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../testing/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const sources = Object.entries(files);

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
    expect(sources.length).toBeGreaterThan(20);
    for (const [file, text] of sources) {
      for (const match of text.matchAll(literalKey)) {
        const key = match[1] ?? '';
        if (!known.has(key) && !notKeys(key)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('no user-visible text bypasses t(): no JSX text node is a bare English sentence', () => {
    const offenders: string[] = [];
    for (const [file, text] of sources.filter(([name]) => name.endsWith('.tsx'))) {
      // >Some words< between JSX tags, outside {…}: text a translator never sees.
      for (const match of text.matchAll(/>\s*([A-Za-z][A-Za-z ,.'!?-]{2,})\s*</g)) offenders.push(`${file}: ${match[1]}`);
    }
    expect(offenders).toEqual([]);
  });

  it('nothing in the renderer injects HTML or evaluates strings', () => {
    const offenders = sources.filter(([, text]) => /dangerouslySetInnerHTML|\beval\(|new Function\(|\.innerHTML\s*=/.test(text)).map(([file]) => file);
    expect(offenders).toEqual([]);
  });
});
