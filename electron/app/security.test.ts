import { describe, expect, it } from 'vitest';
import { hardenAllWebContents, hardenSession, isAllowedExternalUrl } from './security';
import { FakeEvent, FakeSession, FakeWebContents, fakeElectron } from './testing';

const DOCS = ['https://docs.counterpart.example/manual/'];

function hardened(allowList: readonly string[] = []) {
  const electron = fakeElectron();
  hardenAllWebContents(electron.app, electron.shell, allowList);
  const contents = new FakeWebContents();
  contents.url = 'app://counterpart/index.html';
  electron.app.emit('web-contents-created', {}, contents);
  return { contents, shell: electron.shell };
}

describe('navigation, new windows and permissions', () => {
  it('a page cannot navigate away from app://counterpart', () => {
    const { contents } = hardened();
    expect(contents.navigate('https://evil.example/')).toBe(false);
    expect(contents.navigate('file:///etc/passwd')).toBe(false);
    expect(contents.navigate('http://127.0.0.1:8080/')).toBe(false);
    expect(contents.navigate('https://evil.example/', 'will-redirect')).toBe(false);
    expect(contents.url).toBe('app://counterpart/index.html');
    expect(contents.navigate('app://counterpart/index.html#/cases')).toBe(true);
  });

  it('window.open is always denied, and only allow-listed https links open in the browser', () => {
    const { contents, shell } = hardened(DOCS);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'app://counterpart/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://docs.counterpart.example/manual/cases.html' })).toEqual({ action: 'deny' });
    expect(shell.external).toEqual(['https://docs.counterpart.example/manual/cases.html']);
  });

  it('with the default (empty) allow-list nothing opens outside the app', () => {
    const { contents, shell } = hardened();
    contents.windowOpenHandler!({ url: 'https://docs.counterpart.example/manual/' });
    expect(shell.external).toEqual([]);
  });

  it('the allow-list matches scheme, origin and path prefix exactly', () => {
    expect(isAllowedExternalUrl('https://docs.counterpart.example/manual/x', DOCS)).toBe(true);
    expect(isAllowedExternalUrl('http://docs.counterpart.example/manual/x', DOCS)).toBe(false);
    expect(isAllowedExternalUrl('https://docs.counterpart.example.evil.example/manual/', DOCS)).toBe(false);
    expect(isAllowedExternalUrl('https://docs.counterpart.example/other/', DOCS)).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@docs.counterpart.example/manual/', DOCS)).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)', DOCS)).toBe(false);
  });

  it('webviews cannot be attached', () => {
    const { contents } = hardened();
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('every permission request is denied and every permission check fails', () => {
    const session = new FakeSession();
    hardenSession(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | null = null;
      session.requestHandler!({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(session.checkHandler!({}, permission), permission).toBe(false);
    }
  });
});
