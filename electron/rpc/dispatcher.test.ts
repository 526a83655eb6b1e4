import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { caseOffice, AUNG_KYAW_MOE, type CaseOffice } from '../cases/testkit';
import { handlers } from './core';
import { Dispatcher } from './dispatcher';

type AuditPage = {
  entries: { action: string; outcome: string; recordType: string | null; recordId: string | null; username: string | null; details: Record<string, unknown> | null }[];
  total: number;
};

const SECRET = 'Aung Kyaw Moe';
const MISSING = '01900000-0000-7000-8000-000000000000';

/** The audit entries of one action, newest first, read as the administrator (signs back in as `back`). */
async function auditOf(office: CaseOffice, action: string, back: 'aye' | 'auditor' = 'aye'): Promise<AuditPage> {
  await office.as('admin');
  const page = (await office.call('audit.list', { action, limit: 500 })) as AuditPage;
  await office.as(back);
  return page;
}

afterEach(() => vi.restoreAllMocks());

describe('dispatcher: errors thrown inside a handler', () => {
  it('a zod error from parsing stored data inside a handler is INTERNAL (not VALIDATION), audited as an error, logged without the values', async () => {
    const office = await caseOffice();
    await office.as('aye');
    const { caseId } = await office.call('cases.register', AUNG_KYAW_MOE);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // A handler that reads a stored record whose shape is not what it expects (data written by an older version, say).
    const broken = new Dispatcher(office.core.session, {
      ...handlers,
      'cases.get': () => z.object({ person: z.object({ prs_FirstName: z.number() }) }).parse({ person: { prs_FirstName: SECRET } }) as never,
    });
    const result = await broken.dispatch('cases.get', { id: caseId });
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Counterpart; the change was not saved.' } });
    expect(logged).toHaveBeenCalledTimes(1);
    const line = String(logged.mock.calls[0]![0]);
    expect(line).toContain('cases.get');
    expect(line).toContain('person.prs_FirstName invalid_type');
    expect(line).not.toContain(SECRET);

    const audit = await auditOf(office, 'cases.get');
    expect(audit.entries[0]).toMatchObject({ action: 'cases.get', outcome: 'error', recordType: 'case', recordId: caseId, username: 'aye', details: { code: 'INTERNAL' } });
  });

  it('a handler answer that does not match its declared output is INTERNAL too', async () => {
    const office = await caseOffice();
    await office.as('aye');
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = new Dispatcher(office.core.session, { ...handlers, 'cases.list': () => ({ rows: 'not a list' }) as never });
    expect(await broken.dispatch('cases.list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('the input schema failing is still VALIDATION, with the issues for the form', async () => {
    const office = await caseOffice();
    await office.as('aye');
    const result = await office.attempt('cases.get', { id: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [expect.objectContaining({ path: ['id'] })] } } });
  });
});

describe('dispatcher: refusals before the handler are audited', () => {
  it('invalid input is audited as a failed call naming the fields and rules, never the rejected values', async () => {
    const office = await caseOffice();
    await office.as('aye');
    const before = await auditOf(office, 'cases.register');
    const register = await office.attempt('cases.register', { ...AUNG_KYAW_MOE, person: { ...AUNG_KYAW_MOE.person, prs_Birthdate: `born ${SECRET}` } });
    expect(register).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const get = await office.attempt('cases.get', { id: SECRET });
    expect(get).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const registers = await auditOf(office, 'cases.register');
    expect(registers.total).toBe(before.total + 1);
    expect(registers.entries[0]).toMatchObject({ outcome: 'failed', username: 'aye', recordId: null, details: { code: 'VALIDATION', issues: [{ path: 'person.prs_Birthdate', code: 'invalid_format' }] } });
    const gets = await auditOf(office, 'cases.get');
    // The malformed id is not a record id: nothing of it reaches the log.
    expect(gets.entries[0]).toMatchObject({ outcome: 'failed', username: 'aye', recordType: null, recordId: null, details: { code: 'VALIDATION', issues: [{ path: 'id' }] } });
    expect(JSON.stringify([...registers.entries, ...gets.entries])).not.toContain(SECRET);
  });

  it('a refused read of a well-formed record id is found by filtering the audit log by that record (wrong role, invalid rest of the input)', async () => {
    const office = await caseOffice();
    await office.as('aye');
    const { caseId } = await office.call('cases.register', AUNG_KYAW_MOE);
    expect(await office.attempt('consent.check', { caseId, need: { kind: 'no such need' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await office.as('auditor');
    expect(await office.attempt('cases.get', { id: caseId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await office.attempt('cases.timeline', { id: MISSING })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await office.as('admin');
    const byCase = (await office.call('audit.list', { recordType: 'case', recordId: caseId, limit: 500 })) as AuditPage;
    const refusals = byCase.entries.filter((e) => e.outcome !== 'ok').map((e) => ({ action: e.action, outcome: e.outcome, username: e.username, code: e.details?.code ?? e.details?.reason }));
    expect(refusals).toEqual([
      { action: 'cases.get', outcome: 'denied', username: 'auditor', code: 'role' },
      { action: 'consent.check', outcome: 'failed', username: 'aye', code: 'VALIDATION' },
    ]);
    const byMissing = (await office.call('audit.list', { recordId: MISSING })) as AuditPage;
    expect(byMissing.entries).toMatchObject([{ action: 'cases.timeline', outcome: 'denied', recordType: 'case', username: 'auditor' }]);
    expect(await office.call('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('a call on a locked session is refused with SESSION_LOCKED and cannot be audited: the database is closed and its key gone', async () => {
    const office = await caseOffice();
    await office.as('aye');
    const before = await auditOf(office, 'cases.list');
    office.core.session.lock('user');
    expect(await office.attempt('cases.list', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect((await auditOf(office, 'cases.list')).total).toBe(before.total);
  });
});
