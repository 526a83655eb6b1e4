import { realpathSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';

/**
 * Maps a request path onto a file of the built renderer (dist/renderer), for both the browser-mode
 * host and the Electron app:// protocol. Everything that could step outside the folder is refused
 * rather than normalised: `..` or `.` segments (raw or percent-encoded), encoded slashes or
 * backslashes, NUL bytes, dot-files, and symbolic links pointing elsewhere.
 */

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticFile = { path: string; contentType: string };

/** Splits a URL path (no query, still percent-encoded) into safe decoded segments, or null. */
function safeSegments(urlPath: string): string[] | null {
  if (!urlPath.startsWith('/')) return null;
  const segments: string[] = [];
  for (const raw of urlPath.slice(1).split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || segment.startsWith('.')) return null;
    if (/[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

/** True when `child` is `root` itself or lies inside it (both already resolved). */
const isInside = (root: string, child: string): boolean => child === root || child.startsWith(root.endsWith(sep) ? root : root + sep);

function existingFile(rootReal: string, candidate: string): string | null {
  try {
    const real = realpathSync(candidate);
    if (!isInside(rootReal, real) || !statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

/**
 * The file to serve for `urlPath` under `rootDir`, or null (answer 404). A path whose last segment
 * has no extension (`/cases/42`) is an app route and gets index.html; a missing asset stays a 404.
 * Only the types in CONTENT_TYPES are ever served.
 */
export function resolveStaticFile(rootDir: string, urlPath: string): StaticFile | null {
  const segments = safeSegments(urlPath);
  if (!segments) return null;
  let rootReal: string;
  try {
    rootReal = realpathSync(rootDir);
  } catch {
    return null;
  }
  const last = segments.at(-1);
  const isRoute = last === undefined || extname(last) === '';
  const found = isRoute ? existingFile(rootReal, join(rootReal, 'index.html')) : existingFile(rootReal, join(rootReal, ...segments));
  if (!found) return null;
  const contentType = CONTENT_TYPES[extname(found).toLowerCase()];
  return contentType ? { path: found, contentType } : null;
}
