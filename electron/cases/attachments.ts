import { createHash } from 'node:crypto';
import { CounterpartError } from '../../shared/contract/errors';
import { safeFileName, sniffMediaType, type AttachmentMeta } from '../../shared/domain/cases';
import { cached } from '../store/database';
import { requireCaseAccess } from './access';
import { getRecord, type StoredRecord } from './caseRecords';
import { createRecord, onCase, type Operation } from './operation';
import { readCaseSettings } from './settings';
import { auditCaseView, recordStep } from './steps';

/**
 * Attachments: the content goes into `attachment_blobs` inside the encrypted database (never a file
 * on disk), keyed by SHA-256; the metadata is a synchronised `attachment` record. Size and type are
 * checked before anything is written — the type by the file's first bytes, never by its name.
 */

const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

export function uploadAttachment(o: Operation, input: { caseId: string; fileName: string; description?: string; contentBase64: string }): StoredRecord<AttachmentMeta> {
  const limit = readCaseSettings(o.db).attachmentMaxBytes;
  // Cheap size check before decoding: base64 is 4 characters per 3 bytes.
  if (Math.floor((input.contentBase64.length * 3) / 4) - 2 > limit) {
    throw new CounterpartError('ATTACHMENT_TOO_LARGE', `This file is larger than ${mib(limit)}, the most this workspace accepts. Attach a smaller or compressed copy.`, { limit });
  }
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw new CounterpartError('VALIDATION', 'The file is empty.');
  if (content.length > limit) {
    throw new CounterpartError('ATTACHMENT_TOO_LARGE', `This file is larger than ${mib(limit)}, the most this workspace accepts. Attach a smaller or compressed copy.`, { limit, size: content.length });
  }
  const mediaType = sniffMediaType(content);
  if (!mediaType) {
    throw new CounterpartError('ATTACHMENT_TYPE_NOT_ALLOWED', 'This file is not a PDF, JPEG, PNG or WebP image (whatever its name says), so it cannot be attached.');
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  try {
    return onCase(o, input.caseId, () => {
      cached(o.db, 'INSERT INTO attachment_blobs (sha256, size, content, created_at) VALUES (@sha256, @size, @content, @createdAt) ON CONFLICT (sha256) DO NOTHING').run({
        sha256,
        size: content.length,
        content,
        createdAt: o.now,
      });
      const meta = createRecord(o, 'attachment', {
        caseId: input.caseId,
        fileName: safeFileName(input.fileName, mediaType),
        mediaType,
        size: content.length,
        sha256,
        description: input.description,
        uploadedBy: o.viewer.username,
        uploadedAt: o.now,
      });
      recordStep(o.u, input.caseId, 'attachment_added', { recordType: 'attachment', recordId: meta.id, details: { mediaType, size: content.length, sha256 } });
      return meta;
    });
  } finally {
    content.fill(0);
  }
}

export function downloadAttachment(o: Operation, id: string): { attachment: StoredRecord<AttachmentMeta>; contentBase64: string } {
  const meta = getRecord(o.db, 'attachment', id);
  requireCaseAccess(o.u, meta.caseId, o.viewer);
  const blob = cached(o.db, 'SELECT content FROM attachment_blobs WHERE sha256 = @sha256').pluck().get({ sha256: meta.sha256 }) as Buffer | undefined;
  if (!blob) throw new CounterpartError('NOT_FOUND', 'The content of this attachment has not arrived in this workspace yet.', { sha256: meta.sha256 });
  auditCaseView(o.u, 'attachment', [meta.caseId], { attachmentId: id });
  return { attachment: meta, contentBase64: blob.toString('base64') };
}

/** Removes an attachment (tombstone); its content is wiped when no other attachment uses it. */
export function removeAttachment(o: Operation, id: string, reason: string): { ok: true } {
  const meta = getRecord(o.db, 'attachment', id);
  onCase(
    o,
    meta.caseId,
    () => {
      o.u.records.remove('attachment', id);
      const stillUsed = cached(o.db, `SELECT 1 FROM records WHERE type = 'attachment' AND deleted = 0 AND json_extract(data, '$.sha256') = @sha256 LIMIT 1`).get({ sha256: meta.sha256 });
      if (!stillUsed) cached(o.db, 'DELETE FROM attachment_blobs WHERE sha256 = @sha256').run({ sha256: meta.sha256 });
      recordStep(o.u, meta.caseId, 'attachment_removed', { recordType: 'attachment', recordId: id, details: { reasonLength: reason.length } });
      o.u.records.create('case_note', { caseId: meta.caseId, cco_CaseComment: `Attachment ${meta.fileName} removed: ${reason}`, confidential: false, authoredBy: o.viewer.username, writtenAt: o.now });
    },
    { closedOk: true },
  );
  return { ok: true };
}
