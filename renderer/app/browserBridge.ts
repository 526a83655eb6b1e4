import { z } from 'zod';
import { CANCEL_METHOD, type CounterpartBridge, type EventName, type EventPayload } from '../../shared/contract/bridge';
import { RpcError, type Result } from '../../shared/contract/errors';
import type { CoreEvent } from '../../shared/contract';

/**
 * `window.counterpart` in browser mode (DESIGN §5): the same bridge the Electron preload exposes,
 * over the loopback host's HTTP API (electron/host/server.ts; protocol in docs/electron.md).
 *
 * Start-up: the launch link is `http://127.0.0.1:PORT/#launch=<secret>`. The secret is removed from
 * the address bar and history first, then traded once on POST /auth for an HttpOnly session cookie.
 * A reload of the tab has no secret any more and simply keeps using the cookie.
 *
 * Without a session (the link was already used in another browser, or Counterpart was restarted):
 * createBrowserBridge still resolves, and every invoke resolves to the host's answer
 * `{ ok: false, error: { code: 'SESSION_LOCKED', details: { reason: 'host_session_missing' } } }`,
 * whose message tells the user to start Counterpart again. When the host cannot be reached at all,
 * invoke resolves to `INTERNAL` with `details.reason = 'host_unreachable'`. invoke never throws.
 */

type EventSourceLike = {
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
};

/** What the bridge needs from the page; tests may hand in their own. */
export type BrowserEnvironment = {
  location: { hash: string; pathname: string; search: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url?: string): void };
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  openEventSource: (url: string) => EventSourceLike;
};

const defaultEnvironment = (): BrowserEnvironment => ({
  location: window.location,
  history: window.history,
  fetch: (input, init) => window.fetch(input, init),
  openEventSource: (url) => new EventSource(url),
});

const ResultSchema = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: RpcError })]);

/** One schema per event type; adding an event to CoreEvent fails to compile until it is listed here. */
const EVENT_SCHEMAS: { [E in EventName]: z.ZodType<EventPayload<E>> } = {
  progress: z.object({ type: z.literal('progress'), callId: z.string(), done: z.number(), total: z.number(), label: z.string() }),
  'session.locked': z.object({ type: z.literal('session.locked'), reason: z.enum(['idle', 'user']) }),
};

const isEventName = (name: string): name is EventName => Object.prototype.hasOwnProperty.call(EVENT_SCHEMAS, name);

function parseEvent(data: unknown): CoreEvent | null {
  if (typeof data !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const type = z.object({ type: z.string() }).safeParse(json);
  if (!type.success || !isEventName(type.data.type)) return null;
  const event = EVENT_SCHEMAS[type.data.type].safeParse(json);
  return event.success ? event.data : null;
}

const unreachable = (): Result<never> => ({
  ok: false,
  error: { code: 'INTERNAL', message: 'Counterpart is not running any more. Start it again to continue.', details: { reason: 'host_unreachable' } },
});

const unreadable = (status: number): Result<never> => ({
  ok: false,
  error: { code: 'INTERNAL', message: 'Counterpart sent an answer this page cannot read.', details: { reason: 'bad_response', status } },
});

const JSON_POST = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
  credentials: 'same-origin',
  cache: 'no-store',
});

/** Reads `#launch=<secret>` and removes the whole fragment from the address bar and history. */
function takeLaunchSecret(env: BrowserEnvironment): string | null {
  const secret = new URLSearchParams(env.location.hash.replace(/^#/, '')).get('launch');
  if (secret !== null) env.history.replaceState(env.history.state, '', env.location.pathname + env.location.search);
  return secret;
}

export async function createBrowserBridge(env: BrowserEnvironment = defaultEnvironment()): Promise<CounterpartBridge> {
  const secret = takeLaunchSecret(env);
  if (secret) {
    // A refused exchange (link already used) is not fatal: a cookie from earlier in this browser may still be valid.
    await env.fetch('/auth', JSON_POST({ secret })).catch(() => undefined);
  }

  const post = async (body: unknown): Promise<Result<unknown>> => {
    let response: Response;
    try {
      response = await env.fetch('/rpc', JSON_POST(body));
    } catch {
      return unreachable();
    }
    try {
      const parsed = ResultSchema.safeParse(await response.json());
      return parsed.success ? parsed.data : unreadable(response.status);
    } catch {
      return unreadable(response.status);
    }
  };

  const listeners = new Set<(event: CoreEvent) => void>();
  let source: EventSourceLike | null = null;
  const ensureEventStream = (): void => {
    if (source) return;
    source = env.openEventSource('/events');
    source.onmessage = (message) => {
      const event = parseEvent(message.data);
      if (event) for (const listener of [...listeners]) listener(event);
    };
  };

  return {
    invoke(method, params, options) {
      if (typeof method !== 'string') return Promise.resolve({ ok: false, error: { code: 'VALIDATION', message: 'The method name must be text.' } });
      if (method === CANCEL_METHOD) return post({ method, params });
      return post(options?.callId === undefined ? { method, params } : { method, params, callId: options.callId });
    },
    on(event, listener) {
      const forward = (payload: CoreEvent): void => {
        if (payload.type === event) listener(payload as EventPayload<typeof event>);
      };
      listeners.add(forward);
      ensureEventStream();
      return () => {
        listeners.delete(forward);
      };
    },
  };
}
