import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CoreWorker, devWorkerEntry } from '../worker/client';
import type { WorkerConfig } from '../worker/protocol';
import { CounterpartError, type Result, type RpcError } from '../../shared/contract/errors';
import { createCallForwarder, type CoreHandle } from './callForwarding';
import { originOf, type TransportRefusal } from '../audit/transportRefusals';
import { EventStreams } from './eventStream';
import { SECURITY_HEADERS } from './headers';
import { LaunchAuth } from './launchAuth';
import { resolveStaticFile } from './staticFiles';

/**
 * Browser mode (DESIGN §5): the same core and the same renderer as the Electron app, served by a
 * loopback HTTP server. Only a page that holds this launch's secret (see launchAuth.ts) and is served
 * from this exact origin can reach the core:
 *   - bound to 127.0.0.1 only, on a random port unless one is given;
 *   - Host must be 127.0.0.1:PORT or localhost:PORT (defeats DNS rebinding);
 *   - every POST must carry Origin http://<that host> and a JSON body (defeats CSRF);
 *   - /rpc and /events need the session cookie obtained by POST /auth.
 * The protocol is written up in docs/electron.md.
 */

export type HostOptions = {
  workspaceDir: string;
  demoDir?: string;
  /** 0 or absent: a random free port. */
  port?: number;
  /** The built renderer; default <repo>/dist/renderer. */
  rendererDir?: string;
  worker?: { entry?: string; config?: Partial<WorkerConfig> };
  /** Largest accepted request body; default 10 MiB. */
  maxBodyBytes?: number;
};

export type Host = { url: string; port: number; secret: string; close(): Promise<void> };

const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

/** The built renderer: next to a bundle (dist/node/ -> dist/renderer), else <repo>/dist/renderer from the sources. */
export function defaultRendererDir(): string {
  const besideBundle = fileURLToPath(new URL('../renderer/', import.meta.url));
  return existsSync(join(besideBundle, 'index.html')) ? besideBundle : fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
}

/** The bundled worker next to a bundled caller (dist/node/worker.mjs), else the TypeScript one via tsx. */
export function defaultWorkerEntry(): string {
  const bundled = fileURLToPath(new URL('./worker.mjs', import.meta.url));
  return existsSync(bundled) ? bundled : devWorkerEntry();
}

const AuthBody = z.strictObject({ secret: z.string().min(1).max(256) });

type Answer = { status: number; error: RpcError };

const refusal = (status: number, code: RpcError['code'], message: string, reason: string): Answer => ({
  status,
  error: { code, message, details: { reason } },
});

const NOT_SIGNED_IN = refusal(
  401,
  'SESSION_LOCKED',
  'This browser window is not connected to Counterpart. Close it and start Counterpart again.',
  'host_session_missing',
);

export async function startHost(opts: HostOptions): Promise<Host> {
  const rendererDir = resolve(opts.rendererDir ?? defaultRendererDir());
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new CounterpartError('INTERNAL', `The user interface is not built (${join(rendererDir, 'index.html')} is missing); run "npm run build" first.`, {
      reason: 'renderer_not_built',
    });
  }
  const core = await CoreWorker.start(
    { ...opts.worker?.config, workspaceDir: resolve(opts.workspaceDir), ...(opts.demoDir ? { demoDir: resolve(opts.demoDir) } : {}) },
    opts.worker?.entry ?? defaultWorkerEntry(),
  );
  let server: Server;
  try {
    server = await listen(opts.port ?? 0);
  } catch (err) {
    await core.stop();
    throw err;
  }
  const port = (server.address() as { port: number }).port;
  const auth = new LaunchAuth(port);
  const streams = new EventStreams(core);
  const handle = createRequestHandler({ core, auth, streams, port, rendererDir, maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      console.error('[counterpart] browser-mode request failed', err);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Counterpart.' } });
      else res.destroy();
    });
  });

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      streams.closeAll();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await core.stop();
    })();
    return closing;
  };

  return { url: `http://127.0.0.1:${port}/#launch=${auth.secret}`, port, secret: auth.secret, close };
}

function listen(port: number): Promise<Server> {
  const server = createServer({ requestTimeout: 60_000, headersTimeout: 20_000 });
  return new Promise((resolveListen, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(new CounterpartError('CONFLICT', `Port ${port} on 127.0.0.1 is already in use; choose another with --port, or leave it out.`, { reason: 'port_in_use', port }));
      } else reject(err);
    });
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => resolveListen(server));
  });
}

type HandlerDeps = { core: CoreHandle; auth: LaunchAuth; streams: EventStreams; port: number; rendererDir: string; maxBodyBytes: number };

function createRequestHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { auth, port } = deps;
  const forward = createCallForwarder(deps.core, 'http');
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  /** Refuses a request and tells the core, which audits it (electron/audit/transportRefusals.ts). */
  const refuse = (req: IncomingMessage, res: ServerResponse, answer: ReturnType<typeof refusal>, reason: TransportRefusal['reason']) => {
    deps.core.refused({ transport: 'http', reason, origin: originOf(req.headers.origin ?? req.headers.referer) });
    sendError(res, answer);
  };

  return async (req, res) => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(host)) return refuse(req, res, refusal(403, 'FORBIDDEN', 'Requests must be addressed to this computer.', 'host_not_allowed'), 'host_not_allowed');

    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';

    // The API refuses anything a browser would mark as coming from another site.
    const fetchSite = req.headers['sec-fetch-site'];
    const crossSite = typeof fetchSite === 'string' && fetchSite !== 'same-origin' && fetchSite !== 'none';
    if (method === 'POST' && req.headers.origin !== `http://${host}`) {
      return refuse(req, res, refusal(403, 'FORBIDDEN', 'Requests must come from the Counterpart page itself.', 'origin_not_allowed'), 'origin_not_allowed');
    }

    if (path === '/auth' || path === '/rpc' || path === '/events') {
      if (crossSite) return refuse(req, res, refusal(403, 'FORBIDDEN', 'Requests must come from the Counterpart page itself.', 'cross_site'), 'cross_site');
      const expected = path === '/events' ? 'GET' : 'POST';
      if (method !== expected) {
        res.setHeader('Allow', expected);
        return sendError(res, refusal(405, 'VALIDATION', `Use ${expected} for ${path}.`, 'method_not_allowed'));
      }
      if (path === '/auth') return exchangeSecret(req, res, deps);
      if (!auth.isAuthenticated(req.headers.cookie)) return refuse(req, res, NOT_SIGNED_IN, 'host_session_missing');
      if (path === '/events') return deps.streams.open(req, res);
      const body = await readJsonBody(req, deps.maxBodyBytes);
      if (!body.ok) return sendError(res, body);
      return sendJson(res, 200, await forward(body.value));
    }

    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendError(res, refusal(405, 'VALIDATION', 'Only GET and HEAD are answered here.', 'method_not_allowed'));
    }
    serveStatic(req, res, deps.rendererDir, path, method === 'HEAD');
  };
}

async function exchangeSecret(req: IncomingMessage, res: ServerResponse, deps: HandlerDeps): Promise<void> {
  const body = await readJsonBody(req, 4096);
  if (!body.ok) return sendError(res, body);
  const parsed = AuthBody.safeParse(body.value);
  const token = parsed.success ? deps.auth.exchange(parsed.data.secret) : null;
  if (!token) {
    deps.core.refused({ transport: 'http', reason: 'launch_secret_rejected', origin: originOf(req.headers.origin) });
    return sendError(res, refusal(403, 'FORBIDDEN', 'This launch link was already used or is not valid. Start Counterpart again to open a new window.', 'launch_secret_rejected'));
  }
  res.setHeader('Set-Cookie', deps.auth.setCookieHeader(token));
  sendJson(res, 200, { ok: true, value: { ok: true } });
}

function serveStatic(req: IncomingMessage, res: ServerResponse, rendererDir: string, path: string, headOnly: boolean): void {
  const file = resolveStaticFile(rendererDir, path);
  if (!file) {
    res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.contentType });
  if (headOnly) {
    res.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

type Body = { ok: true; value: unknown } | ({ ok: false } & Answer);

/** Reads a JSON request body of at most `limit` bytes; Content-Type must say JSON (a CSRF form cannot). */
function readJsonBody(req: IncomingMessage, limit: number): Promise<Body> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    req.resume();
    return Promise.resolve({ ok: false, ...refusal(415, 'VALIDATION', 'The request body must be JSON.', 'content_type') });
  }
  const tooLarge = { ok: false as const, ...refusal(413, 'VALIDATION', `The request is larger than ${limit} bytes.`, 'too_large') };
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) {
    req.resume();
    return Promise.resolve(tooLarge);
  }
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (body: Body): void => {
      if (finished) return;
      finished = true;
      done(body);
    };
    req.on('data', (chunk: Buffer) => {
      if (finished) return;
      size += chunk.length;
      if (size > limit) {
        finish(tooLarge);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        finish({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      } catch {
        finish({ ok: false, ...refusal(400, 'VALIDATION', 'The request body is not valid JSON.', 'malformed_json') });
      }
    });
    req.on('error', () => finish({ ok: false, ...refusal(400, 'VALIDATION', 'The request body could not be read.', 'body_unreadable') }));
  });
}

function sendError(res: ServerResponse, answer: Answer): void {
  // After a refused request the rest of its body is not read; close so the connection is not reused mid-body.
  if (answer.status === 413 || answer.status === 415) res.setHeader('Connection', 'close');
  sendJson(res, answer.status, { ok: false, error: answer.error });
}

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}

/** Whether a process exists (EPERM: it does, under another account). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Browser mode ends with the process that launched it (DESIGN §5): every second, check that the
 * original parent is still there — on Unix an orphan is re-parented, so `process.ppid` changes; on
 * Windows it is not, so the parent's pid is also probed. When it has gone, close the host and exit.
 * Returns a function that stops watching.
 */
export function exitWithParent(
  host: Pick<Host, 'close'>,
  opts: { intervalMs?: number; ppid?: () => number; isAlive?: (pid: number) => boolean; exit?: (code: number) => void } = {},
): () => void {
  const ppid = opts.ppid ?? (() => process.ppid);
  const isAlive = opts.isAlive ?? processAlive;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const parent = ppid();
  const timer = setInterval(() => {
    if (ppid() === parent && isAlive(parent)) return;
    clearInterval(timer);
    host.close().then(
      () => exit(0),
      (err: unknown) => {
        console.error('[counterpart] closing browser mode failed', err);
        exit(1);
      },
    );
  }, opts.intervalMs ?? 1000);
  timer.unref();
  return () => clearInterval(timer);
}
