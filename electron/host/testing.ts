import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Test helpers for the browser-mode host: plain HTTP requests with full control over every header. */

export type Reply = { status: number; headers: IncomingHttpHeaders; body: string };

export function send(
  port: number,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: { host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A POST with JSON, as the page would send it (same Origin, JSON content type). */
export function postJson(port: number, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(port, {
    method: 'POST',
    path,
    headers: { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** A request written byte for byte on a socket, so that nothing normalises the path. */
export function sendRaw(port: number, text: string): Promise<{ status: number; raw: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0), raw });
    });
    socket.on('error', reject);
  });
}

export const MARKER = 'MUST-NEVER-BE-SERVED';

/**
 * A small built renderer in `root/renderer`, with a file next to it (outside the served folder)
 * holding MARKER, which a path-traversal request would reveal.
 */
export function fakeRenderer(root: string, extra: Record<string, string> = {}): string {
  const dir = join(root, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ secret: MARKER }));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>Counterpart</title></head><body><div id="root"></div></body></html>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'export const app = 1;\n');
  writeFileSync(join(dir, 'assets', 'app.css'), 'body { margin: 0 }\n');
  writeFileSync(join(dir, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(join(dir, '.env'), MARKER);
  for (const [name, content] of Object.entries(extra)) writeFileSync(join(dir, name), content);
  return dir;
}
