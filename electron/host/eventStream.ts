import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CoreHandle } from './callForwarding';
import { SECURITY_HEADERS } from './headers';

const HEARTBEAT_MS = 20_000;

/**
 * GET /events: the core's events (progress, session.locked) as a Server-Sent Events stream, one
 * unnamed message per event whose data is the event's JSON; the page routes them by `type`.
 * A comment line every 20 s keeps idle connections from being dropped.
 */
export class EventStreams {
  private readonly open_ = new Set<ServerResponse>();

  constructor(private readonly core: Pick<CoreHandle, 'on'>) {}

  open(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    this.open_.add(res);
    const unsubscribe = this.core.on((event) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const cleanup = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open_.delete(res);
    };
    req.on('close', cleanup);
    res.on('close', cleanup);
  }

  closeAll(): void {
    for (const res of this.open_) res.end();
    this.open_.clear();
  }
}
