import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, type MethodName } from '../../shared/contract';
import { caseOffice, AUNG_KYAW_MOE } from '../cases/testkit';

type AuditPage = { entries: { action: string; outcome: string; recordType: string | null; recordId: string | null; username: string | null }[]; total: number };

const methods = Object.keys(contract) as MethodName[];
/** A PNG signature and some bytes (the core checks the type, never decodes the picture). */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

describe('read audits name the record they read', () => {
  it('every method that declares the record it reads is a personal-data read, keyed by a parameter of its input', () => {
    const declared = methods.filter((m) => contract[m].auditRecord);
    expect(declared.length).toBeGreaterThanOrEqual(4);
    for (const m of declared) {
      const def = contract[m];
      expect(def.readsPersonalData, m).toBe(true);
      const shape = (def.input as unknown as z.ZodObject).shape as Record<string, unknown>;
      expect(Object.keys(shape), m).toContain(def.auditRecord!.idParam);
    }
  });

  it('every personal-data read keyed by a required id (id, caseId, …) declares which record it reads', () => {
    for (const m of methods) {
      const def = contract[m];
      if (!def.readsPersonalData || !(def.input instanceof z.ZodObject)) continue;
      const shape = def.input.shape as Record<string, z.ZodType>;
      const idKeys = Object.keys(shape).filter((k) => (k === 'id' || k.endsWith('Id')) && !shape[k]!.safeParse(undefined).success);
      if (idKeys.length > 0) expect(def.auditRecord?.idParam, m).toBeDefined();
    }
  });

  it('opening a case file, its timeline, its consent check and an attachment are found by filtering the audit log by record', async () => {
    const office = await caseOffice();
    await office.as('aye');
    const { caseId } = await office.call('cases.register', AUNG_KYAW_MOE);
    const attachment = await office.call('attachments.upload', { caseId, fileName: 'statement.txt', contentBase64: PNG.toString('base64') });
    await office.call('cases.get', { id: caseId });
    await office.call('cases.timeline', { id: caseId });
    await office.call('consent.check', { caseId, need: { kind: 'referral', providerId: office.shelterId } });
    await office.call('attachments.download', { id: attachment.id });
    // A failed read of the same case is found the same way.
    const missing = '01900000-0000-7000-8000-000000000000';
    expect(await office.attempt('cases.get', { id: missing })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    await office.as('admin');
    const byCase = (await office.call('audit.list', { recordType: 'case', recordId: caseId, limit: 500 })) as AuditPage;
    const reads = byCase.entries.filter((e) => e.action.includes('.') && ['cases.get', 'cases.timeline', 'consent.check'].includes(e.action));
    expect(reads.map((e) => e.action).sort()).toEqual(['cases.get', 'cases.timeline', 'consent.check']);
    expect(reads.every((e) => e.username === 'aye' && e.outcome === 'ok')).toBe(true);

    const byAttachment = (await office.call('audit.list', { recordType: 'attachment', recordId: attachment.id, action: 'attachments.download' })) as AuditPage;
    expect(byAttachment.entries).toMatchObject([{ action: 'attachments.download', outcome: 'ok', username: 'aye' }]);

    const failed = (await office.call('audit.list', { recordType: 'case', recordId: missing })) as AuditPage;
    expect(failed.entries).toMatchObject([{ action: 'cases.get', outcome: 'failed', username: 'aye' }]);
  });
});
