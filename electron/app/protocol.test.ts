import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, isAppUrl, registerAppProtocol, registerAppSchemeAsPrivileged } from './protocol';
import { fakeElectron } from './testing';
import { fakeRenderer, MARKER } from '../host/testing';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';

let root: string;
let rendererDir: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'counterpart-protocol-'));
  rendererDir = fakeRenderer(root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => createAppProtocolHandler(rendererDir)({ url, method });

describe('the app:// protocol', () => {
  it('is registered as a standard, secure scheme before ready, and handled after', async () => {
    const electron = fakeElectron();
    registerAppSchemeAsPrivileged(electron.protocol);
    expect(electron.protocol.privileged).toEqual([APP_SCHEME_PRIVILEGES]);
    expect(electron.protocol.privilegedBeforeReady).toBe(true);
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: false } });
    electron.app.becomeReady();
    registerAppProtocol(electron.protocol, rendererDir);
    const response = await electron.protocol.handlers.get('app')!({ url: 'app://counterpart/index.html', method: 'GET' });
    expect(response.status).toBe(200);
  });

  it('serves index.html with the CSP header', async () => {
    const response = await get('app://counterpart/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<div id="root">');
  });

  it('serves assets with their types, and app routes as index.html', async () => {
    expect((await get('app://counterpart/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://counterpart/assets/font.woff2')).headers.get('content-type')).toBe('font/woff2');
    expect(await (await get('app://counterpart/cases/42')).text()).toContain('<div id="root">');
    expect((await get('app://counterpart/assets/missing.js')).status).toBe(404);
    expect((await get('app://counterpart/index.html', 'POST')).status).toBe(405);
  });

  it('refuses traversal, dot-files and other hosts', async () => {
    for (const url of [
      'app://counterpart/../package.json',
      'app://counterpart/%2e%2e/package.json',
      'app://counterpart/assets/..%2f..%2fpackage.json',
      'app://counterpart/..%5cpackage.json',
      'app://counterpart/.env',
      'app://evil/index.html',
      'app://counterpart:8080/index.html',
      'file:///etc/passwd',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain(MARKER);
    }
  });

  it('recognises only app://counterpart as the app', () => {
    expect(isAppUrl('app://counterpart/index.html')).toBe(true);
    expect(isAppUrl('app://counterpart.evil.example/')).toBe(false);
    expect(isAppUrl('app://user@counterpart/')).toBe(false);
    expect(isAppUrl('https://counterpart/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
