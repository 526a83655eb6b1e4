import { readFile } from 'node:fs/promises';
import { SECURITY_HEADERS } from '../host/headers';
import { resolveStaticFile } from '../host/staticFiles';
import type { ProtocolLike, SchemePrivileges } from './electronApi';

/**
 * The app is served from app://counterpart/ rather than file:// (DESIGN §5): one origin to check
 * IPC senders and navigations against, file:// keeps no extra privileges, and every response carries
 * the CSP header. Files come from the built renderer (dist/renderer) only.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'counterpart';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True only for app://counterpart/... (no credentials, no port, no other host). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.hostname === APP_HOST && parsed.port === '' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** Standard (relative URLs, origin) and secure (like https: for web APIs); no CORS, nobody else fetches it. */
export const APP_SCHEME_PRIVILEGES: SchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: false },
};

/** Must run before the app's `ready` event. */
export function registerAppSchemeAsPrivileged(protocol: Pick<ProtocolLike, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

const plain = (status: number, text: string, extra: Record<string, string> = {}): Response =>
  new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra } });

/** The app:// handler: GET/HEAD of a renderer file (or index.html for an app route), else 404/405. */
export function createAppProtocolHandler(rendererDir: string): (request: { url: string; method: string }) => Promise<Response> {
  return async (request) => {
    if (!isAppUrl(request.url)) return plain(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const file = resolveStaticFile(rendererDir, new URL(request.url).pathname);
    if (!file) return plain(404, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file.path);
    } catch {
      return plain(404, 'Not found');
    }
    const headers = { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Content-Length': String(body.length) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/** Must run after `ready`; serves app:// on the default session. */
export function registerAppProtocol(protocol: Pick<ProtocolLike, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}
