/**
 * Hybrid logical clock (Kulkarni et al.): timestamps that sort like wall time, never go backwards on
 * one node, and order causally related events across nodes. Encoded so that string order is time order:
 * `<13-digit ms>.<5-digit counter>.<node id>`.
 */
export type HlcParts = { ms: number; counter: number; node: string };

export const encodeHlc = ({ ms, counter, node }: HlcParts): string =>
  `${String(ms).padStart(13, '0')}.${String(counter).padStart(5, '0')}.${node}`;

export function decodeHlc(value: string): HlcParts {
  const match = /^(\d{13})\.(\d{5})\.(.+)$/.exec(value);
  if (!match) throw new TypeError(`Not an HLC timestamp: ${value}`);
  return { ms: Number(match[1]), counter: Number(match[2]), node: match[3]! };
}

export class HybridClock {
  private last: HlcParts;

  constructor(
    private readonly node: string,
    private readonly wall: () => number = Date.now,
    latestSeen?: string,
  ) {
    this.last = latestSeen ? decodeHlc(latestSeen) : { ms: 0, counter: 0, node };
  }

  /** A new timestamp for a local event. */
  now(): string {
    const wall = this.wall();
    this.last = wall > this.last.ms ? { ms: wall, counter: 0, node: this.node } : { ms: this.last.ms, counter: this.last.counter + 1, node: this.node };
    return encodeHlc(this.last);
  }

  /** Advance past a timestamp received from another node, so later local events sort after it. */
  observe(remote: string): void {
    const r = decodeHlc(remote);
    if (r.ms > this.last.ms || (r.ms === this.last.ms && r.counter > this.last.counter)) this.last = { ms: r.ms, counter: r.counter, node: this.node };
  }
}
