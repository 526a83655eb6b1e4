import { describe, expect, it } from 'vitest';
import type { AuditInput } from './auditLog';
import { COALESCE_MS, MAX_PENDING, MAX_PER_MINUTE, TransportRefusals, originOf } from './transportRefusals';

function clock(start = Date.UTC(2026, 10, 24, 2, 0, 0)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('refusals of the transports, for the audit log', () => {
  it('writes the first of identical refusals and counts the rest of the minute into the next entry', () => {
    const c = clock();
    const log = new TransportRefusals(c.now);
    const written: AuditInput[] = [];
    const write = (e: AuditInput) => void written.push(e);
    for (let i = 0; i < 5; i++) log.note({ transport: 'http', reason: 'cross_site', origin: 'https://evil.example' }, write);
    log.note({ transport: 'http', reason: 'cross_site', origin: 'https://other.example' }, write);
    expect(written.map((e) => e.details)).toEqual([
      { transport: 'http', reason: 'cross_site', origin: 'https://evil.example' },
      { transport: 'http', reason: 'cross_site', origin: 'https://other.example' },
    ]);
    c.advance(COALESCE_MS);
    log.note({ transport: 'http', reason: 'cross_site', origin: 'https://evil.example' }, write);
    expect(written[2]).toMatchObject({ action: 'transport.refused', outcome: 'denied', actor: { username: null }, details: { origin: 'https://evil.example', alsoRefusedInTheMinuteBefore: 4 } });
  });

  it('writes at most MAX_PER_MINUTE entries a minute whatever the origins, and says how many it left out', () => {
    const c = clock();
    const log = new TransportRefusals(c.now);
    const written: AuditInput[] = [];
    for (let i = 0; i < MAX_PER_MINUTE + 30; i++) log.note({ transport: 'http', reason: 'origin_not_allowed', origin: `https://o${i}.example` }, (e) => void written.push(e));
    expect(written).toHaveLength(MAX_PER_MINUTE);
    c.advance(COALESCE_MS);
    log.note({ transport: 'ipc', reason: 'invalid_request' }, (e) => void written.push(e));
    expect(written.at(-1)?.details).toEqual({ transport: 'ipc', reason: 'invalid_request', otherRefusalsNotWritten: 30 });
  });

  it('keeps refusals while locked (also when the write fails) and hands them over once, with a count of those it could not keep', () => {
    const c = clock();
    const log = new TransportRefusals(c.now);
    log.note({ transport: 'ipc', reason: 'ipc_sender_not_allowed', origin: 'https://a.example' }, null);
    c.advance(1);
    log.note({ transport: 'ipc', reason: 'ipc_sender_not_allowed', origin: 'https://b.example' }, () => {
      throw new Error('locked');
    });
    expect(log.drain().map((e) => e.details)).toEqual([
      { transport: 'ipc', reason: 'ipc_sender_not_allowed', origin: 'https://a.example' },
      { transport: 'ipc', reason: 'ipc_sender_not_allowed', origin: 'https://b.example' },
    ]);
    expect(log.drain()).toEqual([]);
    for (let minute = 0; minute < 10; minute++) {
      c.advance(COALESCE_MS);
      for (let i = 0; i < MAX_PER_MINUTE; i++) log.note({ transport: 'http', reason: 'host_not_allowed', origin: `http://h${minute}-${i}.example` }, null);
    }
    const kept = log.drain();
    expect(kept).toHaveLength(MAX_PENDING + 1);
    expect(kept.at(-1)?.details).toEqual({ notKeptWhileLocked: 10 * MAX_PER_MINUTE - MAX_PENDING });
  });

  it('a note that is not a refusal of a known kind is still recorded, as an invalid request', () => {
    const log = new TransportRefusals();
    const written: AuditInput[] = [];
    log.note({ transport: 'carrier-pigeon', reason: 'x', origin: 'y' }, (e) => void written.push(e));
    expect(written.map((e) => e.details)).toEqual([{ transport: 'ipc', reason: 'invalid_request', origin: 'unknown' }]);
  });

  it('keeps only the scheme, host and port of an origin', () => {
    expect(originOf('https://evil.example:8443/path/x?name=Aung#frag')).toBe('https://evil.example:8443');
    expect(originOf('file:///home/user/secret.html')).toBe('file:');
    expect(originOf('not a url')).toBe('unknown');
    expect(originOf(undefined)).toBe('unknown');
  });
});
