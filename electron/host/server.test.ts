import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, exitWithParent, type Host } from './server';
import { fakeRenderer, MARKER, postJson, send, sendRaw } from './testing';
import { ADMIN_PASSWORD, TEST_KDF, TEST_ORG } from '../testing/fixtures';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';

let root: string;
let rendererDir: string;
const hosts: Host[] = [];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'counterpart-host-'));
  rendererDir = fakeRenderer(root);
});
afterAll(async () => {
  await Promise.all(hosts.map((h) => h.close()));
  rmSync(root, { recursive: true, force: true });
});

async function newHost(name: string, extra: { maxBodyBytes?: number } = {}): Promise<Host> {
  const host = await startHost({
    workspaceDir: join(root, name, 'workspace'),
    demoDir: join(root, name, 'demo'),
    rendererDir,
    worker: { config: { kdf: TEST_KDF } },
    ...extra,
  });
  hosts.push(host);
  return host;
}

/** Does what the page does with its launch link; returns the Cookie header for later requests. */
async function signIn(host: Host): Promise<string> {
  const reply = await postJson(host.port, '/auth', { secret: host.secret });
  expect(reply.status).toBe(200);
  const setCookie = reply.headers['set-cookie']?.[0] ?? '';
  return setCookie.split(';')[0] ?? '';
}

const createParams = { organisation: TEST_ORG, admin: { username: 'admin', displayName: 'Somchai Admin', password: ADMIN_PASSWORD } };

describe('browser mode: the loopback host', () => {
  let host: Host;
  let cookie: string;

  beforeAll(async () => {
    host = await newHost('main');
    cookie = await signIn(host);
  });

  it('listens on 127.0.0.1 only, and the launch link carries the secret in the fragment', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#launch=${host.secret}`);
    expect(host.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const reachable = (address: string): Promise<boolean> =>
      new Promise((resolve) => {
        const socket = connect(host.port, address);
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
    expect(await reachable('127.0.0.1')).toBe(true);
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal && i.family === 'IPv4')
      .map((i) => i!.address);
    for (const address of external) expect(await reachable(address)).toBe(false);
    expect(await reachable('::1')).toBe(false);
  });

  it('refuses the API without the session cookie', async () => {
    const reply = await postJson(host.port, '/rpc', { method: 'session.status', params: {} });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED', details: { reason: 'host_session_missing' } } });
    const forged = await postJson(host.port, '/rpc', { method: 'session.status', params: {} }, { cookie: `cp_session_${host.port}=forged` });
    expect(forged.status).toBe(401);
    expect((await send(host.port, { path: '/events' })).status).toBe(401);
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const raw = await sendRaw(host.port, `GET / HTTP/1.1\r\nHost: evil.example:${host.port}\r\nConnection: close\r\n\r\n`);
    expect(raw.status).toBe(403);
    expect(raw.raw).not.toContain('<div id="root">');
    const rpc = await postJson(host.port, '/rpc', { method: 'session.status' }, { host: `evil.example:${host.port}`, origin: `http://evil.example:${host.port}`, cookie });
    expect(rpc.status).toBe(403);
    expect((await send(host.port, { path: '/', headers: { host: `127.0.0.1:${host.port + 1}` } })).status).toBe(403);
    expect((await send(host.port, { path: '/', headers: { host: `localhost:${host.port}` } })).status).toBe(200);
  });

  it('refuses a POST from another origin, or without one (CSRF)', async () => {
    const call = { method: 'session.status', params: {} };
    for (const origin of ['https://evil.example', `http://localhost:${host.port}`, 'null']) {
      const reply = await postJson(host.port, '/rpc', call, { origin, cookie });
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'origin_not_allowed' } } });
    }
    const noOrigin = await send(host.port, { method: 'POST', path: '/rpc', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(call) });
    expect(noOrigin.status).toBe(403);
    const crossSite = await postJson(host.port, '/rpc', call, { cookie, 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    // A form post cannot send JSON: anything but application/json is refused before it is read.
    const form = await send(host.port, {
      method: 'POST',
      path: '/rpc',
      headers: { origin: `http://127.0.0.1:${host.port}`, 'content-type': 'text/plain', cookie },
      body: JSON.stringify(call),
    });
    expect(form.status).toBe(415);
  });

  it('trades the launch secret once for an HttpOnly, SameSite=Strict cookie', async () => {
    const fresh = await newHost('exchange');
    const wrong = await postJson(fresh.port, '/auth', { secret: 'not-the-secret' });
    expect(wrong.status).toBe(403);
    const first = await postJson(fresh.port, '/auth', { secret: fresh.secret });
    expect(first.status).toBe(200);
    expect(first.headers['set-cookie']).toEqual([expect.stringMatching(new RegExp(`^cp_session_${fresh.port}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`))]);
    const second = await postJson(fresh.port, '/auth', { secret: fresh.secret });
    expect(second.status).toBe(403);
    expect(second.headers['set-cookie']).toBeUndefined();
    expect(JSON.parse(second.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'launch_secret_rejected' } } });
  });

  it('with the cookie, creates a workspace and reports the session through the core', async () => {
    const created = await postJson(host.port, '/rpc', { method: 'workspace.create', params: createParams }, { cookie });
    expect(created.status).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { status: { state: 'unlocked' } } });
    const status = await postJson(host.port, '/rpc', { method: 'session.status', params: {} }, { cookie });
    expect(JSON.parse(status.body)).toMatchObject({ ok: true, value: { state: 'unlocked', user: { username: 'admin' } } });
    // Core errors keep their stable codes and come back as values.
    const unknown = await postJson(host.port, '/rpc', { method: 'no.such.method', params: {} }, { cookie });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const malformed = await postJson(host.port, '/rpc', { method: 42 }, { cookie });
    expect(malformed.status).toBe(200);
    expect(JSON.parse(malformed.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('audits refused requests: at once while unlocked, at the next unlock while locked', async () => {
    const fresh = await newHost('refusals');
    const freshCookie = await signIn(fresh);
    const call = { method: 'session.status', params: {} };
    // No workspace yet: the refusal waits in the core until a workspace is unlocked.
    expect((await postJson(fresh.port, '/rpc', call, { origin: 'https://before.example', cookie: freshCookie })).status).toBe(403);
    expect((await postJson(fresh.port, '/rpc', { method: 'workspace.create', params: createParams }, { cookie: freshCookie })).status).toBe(200);
    await postJson(fresh.port, '/rpc', { method: 'session.lock', params: {} }, { cookie: freshCookie });
    expect((await postJson(fresh.port, '/rpc', call, { origin: 'https://locked.example/path?q=secret', cookie: freshCookie })).status).toBe(403);
    const unlocked = await postJson(fresh.port, '/rpc', { method: 'session.unlock', params: { username: 'admin', password: ADMIN_PASSWORD } }, { cookie: freshCookie });
    expect(JSON.parse(unlocked.body)).toMatchObject({ ok: true });
    // Unlocked: written at once. Three more from the same origin within the minute are counted, not written.
    for (let i = 0; i < 4; i++) expect((await postJson(fresh.port, '/rpc', call, { cookie: freshCookie, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await send(fresh.port, { path: '/rpc', method: 'POST', headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${fresh.port}` }, body: '{}' })).status).toBe(401);
    const listed = JSON.parse((await postJson(fresh.port, '/rpc', { method: 'audit.list', params: { action: 'transport.refused', limit: 50, offset: 0 } }, { cookie: freshCookie })).body) as {
      ok: true;
      value: { entries: { outcome: string; username: string | null; details: Record<string, unknown> }[] };
    };
    expect(listed.value.entries.map((e) => [e.outcome, e.username, e.details]).reverse()).toEqual([
      ['denied', null, { transport: 'http', reason: 'origin_not_allowed', origin: 'https://before.example' }],
      ['denied', null, { transport: 'http', reason: 'origin_not_allowed', origin: 'https://locked.example' }],
      ['denied', null, { transport: 'http', reason: 'cross_site', origin: `http://127.0.0.1:${fresh.port}` }],
      ['denied', null, { transport: 'http', reason: 'host_session_missing', origin: `http://127.0.0.1:${fresh.port}` }],
    ]);
  });

  it('answers $cancel through the core', async () => {
    const cancel = await postJson(host.port, '/rpc', { method: '$cancel', params: { callId: 'nothing-running' } }, { cookie });
    expect(JSON.parse(cancel.body)).toEqual({ ok: true, value: { ok: true } });
    const badCancel = await postJson(host.port, '/rpc', { method: '$cancel', params: {} }, { cookie });
    expect(JSON.parse(badCancel.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const backup = await postJson(host.port, '/rpc', { method: 'backup.create', params: {}, callId: 'backup-1' }, { cookie });
    expect(JSON.parse(backup.body)).toMatchObject({ ok: true, value: { path: expect.stringContaining('backups') } });
  });

  it('refuses a body over the size limit with 413', async () => {
    const small = await newHost('limit', { maxBodyBytes: 1024 });
    const smallCookie = await signIn(small);
    const big = await postJson(small.port, '/rpc', { method: 'session.status', params: { padding: 'x'.repeat(4096) } }, { cookie: smallCookie });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { reason: 'too_large' } } });
    // Without a declared length, the body is counted as it arrives.
    const chunked = await postJson(small.port, '/rpc', { method: 'session.status', params: { padding: 'x'.repeat(4096) } }, { cookie: smallCookie, 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    const fine = await postJson(small.port, '/rpc', { method: 'session.status', params: {} }, { cookie: smallCookie });
    expect(fine.status).toBe(200);
  });

  it('sends the CSP and the other security headers on the page and on static files', async () => {
    for (const [path, type] of [
      ['/', 'text/html; charset=utf-8'],
      ['/index.html', 'text/html; charset=utf-8'],
      ['/assets/app.js', 'text/javascript; charset=utf-8'],
      ['/assets/app.css', 'text/css; charset=utf-8'],
      ['/assets/font.woff2', 'font/woff2'],
      ['/cases/42', 'text/html; charset=utf-8'],
    ] as const) {
      const reply = await send(host.port, { path });
      expect(reply.status, path).toBe(200);
      expect(reply.headers['content-type'], path).toBe(type);
      expect(reply.headers['content-security-policy'], path).toBe(CONTENT_SECURITY_POLICY);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
      expect(reply.headers['cross-origin-opener-policy']).toBe('same-origin');
    }
    expect((await send(host.port, { path: '/assets/missing.js' })).status).toBe(404);
    expect((await send(host.port, { path: '/', method: 'DELETE' })).status).toBe(405);
  });

  it('never serves a file outside the renderer folder, or a dot-file', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json', '/..%5cpackage.json', '/.env', '/%2eenv']) {
      const reply = await sendRaw(host.port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`);
      expect(reply.status, path).toBe(404);
      expect(reply.raw, path).not.toContain(MARKER);
    }
  });

  it('streams a session.locked event after session.lock', async () => {
    const events = await new Promise<{ body: string; close: () => void }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: host.port, path: '/events', headers: { host: `127.0.0.1:${host.port}`, cookie } }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString('utf8');
          if (body.includes('session.locked')) resolve({ body, close: () => req.destroy() });
        });
        void postJson(host.port, '/rpc', { method: 'session.lock', params: {} }, { cookie });
      });
      req.on('error', reject);
      req.end();
    });
    events.close();
    const message = events.body.split('\n\n').find((m) => m.includes('session.locked'));
    expect(message).toBe('data: {"type":"session.locked","reason":"user"}');
  });
});

describe('browser mode: lifetime', () => {
  it('close() stops the server and the core', async () => {
    const host = await newHost('close');
    expect((await send(host.port, { path: '/' })).status).toBe(200);
    await host.close();
    await expect(send(host.port, { path: '/' })).rejects.toThrow(/ECONNREFUSED/);
    await host.close(); // idempotent
  });

  it('refuses to start when the renderer is not built', async () => {
    await expect(startHost({ workspaceDir: join(root, 'nobuild', 'ws'), rendererDir: join(root, 'missing') })).rejects.toMatchObject({
      code: 'INTERNAL',
      details: { reason: 'renderer_not_built' },
    });
  });

  it('exits when the launching process is gone: re-parented (Unix) or no longer running (Windows)', async () => {
    for (const gone of ['reparented', 'dead'] as const) {
      let parent = 4242;
      let alive = true;
      let closed = false;
      const exited = new Promise<number>((resolve) => {
        exitWithParent({ close: async () => void (closed = true) }, { intervalMs: 10, ppid: () => parent, isAlive: () => alive, exit: resolve });
      });
      await new Promise((r) => setTimeout(r, 40));
      expect(closed).toBe(false);
      if (gone === 'reparented') parent = 1;
      else alive = false;
      expect(await exited).toBe(0);
      expect(closed).toBe(true);
    }
  });

  it('keeps running while the launching process lives', async () => {
    let closed = false;
    const stop = exitWithParent({ close: async () => void (closed = true) }, { intervalMs: 10, exit: () => undefined });
    await new Promise((r) => setTimeout(r, 50));
    stop();
    expect(closed).toBe(false);
  });
});
