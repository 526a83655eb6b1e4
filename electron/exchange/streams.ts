import { CounterpartError } from '../../shared/contract/errors';
import { cached, type Db } from '../store/database';

/**
 * Bundle streams (docs/bundles.md §Streams). Every bundle belongs to the stream of its sender and
 * recipient set and carries the next sequence number and the hash of the previous manifest. On import:
 * the same bundle again is a duplicate (no-op); a sequence number already used by another bundle, or a
 * broken hash chain, is a replay (refused); a number past the next one leaves a gap that is shown until
 * the missing bundle arrives late and fills it.
 */

export type SequenceStatus = 'new' | 'duplicate' | 'replay' | 'fills-gap' | 'after-gap';

export const streamIdFor = (sender: string, recipients: readonly string[]): string => `${sender}>${[...recipients].sort().join('+')}`;

type StreamRow = { stream_id: string; direction: 'in' | 'out'; partner_code: string; last_seq: number; last_hash: string | null; updated_at: string };
type SeqRow = { seq: number; bundle_id: string; manifest_hash: string; prev_hash: string | null };

export class Streams {
  constructor(private readonly db: Db) {}

  private stream(id: string): StreamRow | undefined {
    return cached(this.db, 'SELECT * FROM bundle_streams WHERE stream_id = ?').get(id) as StreamRow | undefined;
  }

  /** The next sequence number and previous manifest hash of one of our outgoing streams. */
  nextOut(streamId: string): { seq: number; prev: string | null } {
    const row = this.stream(streamId);
    if (row && row.direction !== 'out') throw new CounterpartError('INTERNAL', `Stream ${streamId} is not outgoing.`);
    return { seq: (row?.last_seq ?? 0) + 1, prev: row?.last_hash ?? null };
  }

  commitOut(streamId: string, partner: string, seq: number, manifestHash: string, now: string): void {
    cached(
      this.db,
      `INSERT INTO bundle_streams (stream_id, direction, partner_code, last_seq, last_hash, updated_at) VALUES (@streamId, 'out', @partner, @seq, @hash, @now)
       ON CONFLICT (stream_id) DO UPDATE SET last_seq = excluded.last_seq, last_hash = excluded.last_hash, updated_at = excluded.updated_at`,
    ).run({ streamId, partner, seq, hash: manifestHash, now });
  }

  private seqRow(streamId: string, seq: number): SeqRow | undefined {
    return cached(this.db, 'SELECT seq, bundle_id, manifest_hash, prev_hash FROM bundle_stream_seqs WHERE stream_id = ? AND seq = ?').get(streamId, seq) as SeqRow | undefined;
  }

  isImported(bundleId: string): boolean {
    return cached(this.db, 'SELECT 1 FROM imported_bundles WHERE bundle_id = ?').get(bundleId) !== undefined;
  }

  /** Where an incoming bundle falls in its stream; changes nothing. */
  classify(m: { streamId: string; seq: number; prev: string | null; bundleId: string; manifestHash: string }): { status: SequenceStatus; reason?: string } {
    if (this.isImported(m.bundleId)) return { status: 'duplicate' };
    const used = this.seqRow(m.streamId, m.seq);
    if (used) return { status: 'replay', reason: `bundle ${m.seq} of this stream was already received (a different bundle had that number)` };
    const before = this.seqRow(m.streamId, m.seq - 1);
    if (before && before.manifest_hash !== m.prev) return { status: 'replay', reason: `it does not follow bundle ${m.seq - 1} that was received (the chain of manifests is broken)` };
    const after = this.seqRow(m.streamId, m.seq + 1);
    if (after && after.prev_hash !== m.manifestHash) return { status: 'replay', reason: `bundle ${m.seq + 1} that was received does not follow it (the chain of manifests is broken)` };
    const last = this.stream(m.streamId)?.last_seq ?? 0;
    if (m.seq < last) return { status: 'fills-gap' };
    if (m.seq > last + 1) return { status: 'after-gap' };
    return { status: 'new' };
  }

  recordIn(m: { streamId: string; partner: string; seq: number; prev: string | null; bundleId: string; manifestHash: string }, now: string): void {
    cached(
      this.db,
      `INSERT INTO bundle_stream_seqs (stream_id, seq, bundle_id, manifest_hash, prev_hash, received_at) VALUES (@streamId, @seq, @bundleId, @manifestHash, @prev, @now)`,
    ).run({ ...m, now });
    cached(
      this.db,
      `INSERT INTO bundle_streams (stream_id, direction, partner_code, last_seq, last_hash, updated_at) VALUES (@streamId, 'in', @partner, @seq, @manifestHash, @now)
       ON CONFLICT (stream_id) DO UPDATE SET
         last_seq = max(bundle_streams.last_seq, excluded.last_seq),
         last_hash = CASE WHEN excluded.last_seq > bundle_streams.last_seq THEN excluded.last_hash ELSE bundle_streams.last_hash END,
         updated_at = excluded.updated_at`,
    ).run({ ...m, now });
  }

  /** Sequence numbers below the highest received that never arrived; `extra` counts as received. */
  missing(streamId: string, extra?: number): number[] {
    const last = Math.max(this.stream(streamId)?.last_seq ?? 0, extra ?? 0);
    const have = new Set((cached(this.db, 'SELECT seq FROM bundle_stream_seqs WHERE stream_id = ?').pluck().all(streamId) as number[]).concat(extra ? [extra] : []));
    const out: number[] = [];
    for (let s = 1; s <= last; s++) if (!have.has(s)) out.push(s);
    return out;
  }

  list(): StreamRow[] {
    return cached(this.db, 'SELECT * FROM bundle_streams ORDER BY direction, partner_code, stream_id').all() as StreamRow[];
  }
}
