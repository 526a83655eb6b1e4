import { z } from 'zod';
import { IsoDate, Line, RecordId, Text, Timestamp, Username } from './common';

/** What sits around every case: append-only notes, tasks with due dates, attachments. */

/** A note (HTCDS "Case Comment", `cco_CaseComment`). Append-only: corrected by a later note, never edited. */
export const CaseNote = z.object({
  caseId: RecordId,
  cco_CaseComment: Text(20_000).pipe(z.string().min(1)),
  /** Confidential notes are shown to their author and to case managers only. */
  confidential: z.boolean().default(false),
  authoredBy: Username,
  writtenAt: Timestamp,
});
export type CaseNote = z.infer<typeof CaseNote>;

export const CaseTask = z.object({
  caseId: RecordId,
  title: Line(300),
  dueDate: IsoDate,
  assignee: Username.optional(),
  notes: Text(2000).optional(),
  createdBy: Username,
  doneOn: IsoDate.optional(),
  doneBy: Username.optional(),
});
export type CaseTask = z.infer<typeof CaseTask>;

/** The file types an attachment may be, recognised by their first bytes, never by their name. */
export const ATTACHMENT_TYPES = [
  { mediaType: 'application/pdf', extension: 'pdf' },
  { mediaType: 'image/jpeg', extension: 'jpg' },
  { mediaType: 'image/png', extension: 'png' },
  { mediaType: 'image/webp', extension: 'webp' },
] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_TYPES)[number]['mediaType'];
export const AttachmentMediaType = z.enum(ATTACHMENT_TYPES.map((t) => t.mediaType) as [AttachmentMediaType, ...AttachmentMediaType[]]);

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0): boolean => bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

/** The media type of a file from its content (magic bytes), or null when it is not an allowed type. */
export function sniffMediaType(bytes: Uint8Array): AttachmentMediaType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'; // RIFF....WEBP
  return null;
}

/**
 * A file name safe to show and to offer on download: no folders, no control or bidi characters, and
 * the extension of what the file really is (a PDF named "photo.exe" is offered as "photo.exe.pdf").
 */
export function safeFileName(name: string, mediaType: AttachmentMediaType): string {
  const ext = ATTACHMENT_TYPES.find((t) => t.mediaType === mediaType)!.extension;
  const base =
    name
      .normalize('NFC')
      .split(/[/\\]/)
      .pop()!
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/^\.+/, '')
      .trim()
      .slice(0, 150) || 'attachment';
  const lower = base.toLowerCase();
  const fits = lower.endsWith(`.${ext}`) || (ext === 'jpg' && lower.endsWith('.jpeg'));
  return fits ? base : `${base}.${ext}`;
}

export const AttachmentMeta = z.object({
  caseId: RecordId,
  fileName: Line(200),
  mediaType: AttachmentMediaType,
  size: z.number().int().min(1),
  /** SHA-256 of the content (lower-case hex): the key of the encrypted blob, and its name in bundles. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  description: Text(1000).optional(),
  uploadedBy: Username,
  uploadedAt: Timestamp,
});
export type AttachmentMeta = z.infer<typeof AttachmentMeta>;

/** Attachments are refused above this many bytes (a workspace setting may lower it, never raise it). */
export const ATTACHMENT_HARD_LIMIT = 25 * 1024 * 1024;
export const ATTACHMENT_DEFAULT_LIMIT = 10 * 1024 * 1024;
