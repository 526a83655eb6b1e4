import { describe, expect, it } from 'vitest';
import { AUNG_KYAW_MOE, caseOffice } from './testkit';

describe('who sees which case', () => {
  it('a case worker cannot open a case assigned to someone else — not through any method, and the attempt is audited', async () => {
    const o = await caseOffice();
    await o.as('aye');
    const { caseId } = await o.call('cases.register', AUNG_KYAW_MOE);
    await o.call('notes.add', { caseId, cco_CaseComment: 'First interview done.' });

    await o.as('nilar');
    for (const [method, params] of [
      ['cases.get', { id: caseId }],
      ['cases.timeline', { id: caseId }],
      ['notes.add', { caseId, cco_CaseComment: 'Trying to write' }],
      ['screening.recordRapid', { caseId, screenedOn: '2025-01-01', answers: {}, fullScreeningNeeded: false }],
      ['consent.check', { caseId, need: { kind: 'share', orgCode: 'MM-DSW', purpose: 'return' } }],
    ] as const) {
      const result = await o.core.dispatcher.dispatch(method, params);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'This case is not assigned to you. Ask a case manager to assign it to you if you need to work on it.' } });
    }
    // Lists and search show only her own cases.
    expect((await o.call('cases.list', {})).rows).toHaveLength(0);
    expect((await o.call('cases.search', { query: 'Aung Kyaw' })).rows).toHaveLength(0);
    // Search-before-create still tells her the person may already have a case, without the name.
    const candidates = await o.call('cases.duplicates', { prs_FirstName: 'Aung Kyaw Moe', prs_Birthdate: '1998-04-12', prs_Citizenship: ['MMR'] });
    expect(candidates).toEqual([expect.objectContaining({ caseId, accessible: false, displayName: null, assignee: 'aye' })]);

    await o.as('admin');
    const denied = await o.call('audit.list', { action: 'case.access', outcome: 'denied', recordId: caseId });
    expect(denied.entries).toHaveLength(5);
    expect(denied.entries.every((e) => e.username === 'nilar')).toBe(true);

    // A case manager assigns it to her; now she can open it.
    await o.as('somchai');
    await o.call('cases.assign', { id: caseId, assignee: 'nilar' });
    await o.as('nilar');
    expect((await o.call('cases.get', { id: caseId })).case.assignee).toBe('nilar');
    await o.as('aye');
    expect(await o.attempt('cases.get', { id: caseId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('the organisation setting lets every case worker open every case', async () => {
    const o = await caseOffice();
    await o.as('aye');
    const { caseId } = await o.call('cases.register', AUNG_KYAW_MOE);
    await o.as('admin');
    await o.call('caseSettings.update', { caseWorkerScope: 'organisation' });
    await o.as('nilar');
    expect((await o.call('cases.get', { id: caseId })).case.caseNumber).toBeTruthy();
    expect((await o.call('cases.list', {})).rows).toHaveLength(1);
  });

  it('a viewer reads no case at all, only aggregates; M&E and exchange officers see lists without names', async () => {
    const o = await caseOffice();
    await o.as('aye');
    const { caseId, caseNumber } = await o.call('cases.register', AUNG_KYAW_MOE);

    await o.as('auditor');
    for (const [method, params] of [
      ['cases.get', { id: caseId }],
      ['cases.list', {}],
      ['cases.search', { query: caseNumber }],
      ['cases.timeline', { id: caseId }],
      ['cases.duplicates', { prs_FirstName: 'Aung' }],
      ['attachments.download', { id: caseId }],
    ] as const) {
      expect(await o.core.dispatcher.dispatch(method, params), method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const stats = await o.call('cases.stats', {});
    expect(stats).toMatchObject({ total: 1, byStage: [{ key: 'identification', count: 1 }], byCitizenship: [{ key: 'MMR', count: 1 }] });
    expect(JSON.stringify(stats)).not.toContain('ကျော်');

    for (const role of ['kyaw', 'exchange'] as const) {
      await o.as(role);
      const { rows } = await o.call('cases.list', {});
      expect(rows).toEqual([expect.objectContaining({ caseNumber, displayName: null, namesHidden: true, age: null, ageBand: '27--29', citizenships: ['MMR'] })]);
      expect(JSON.stringify(rows)).not.toMatch(/ကျော်|Aung|5678/);
      expect(await o.attempt('cases.get', { id: caseId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await o.attempt('cases.list', { text: 'Aung' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('confidential notes are read by their author and by case managers only', async () => {
    const o = await caseOffice();
    await o.as('admin');
    await o.call('caseSettings.update', { caseWorkerScope: 'organisation' });
    await o.as('aye');
    const { caseId } = await o.call('cases.register', AUNG_KYAW_MOE);
    await o.call('notes.add', { caseId, cco_CaseComment: 'He disclosed abuse by the boat captain.', confidential: true });
    expect((await o.call('cases.get', { id: caseId })).notes[0]).toMatchObject({ withheld: false, cco_CaseComment: 'He disclosed abuse by the boat captain.' });
    await o.as('nilar');
    expect((await o.call('cases.get', { id: caseId })).notes[0]).toMatchObject({ confidential: true, withheld: true, cco_CaseComment: null });
    await o.as('somchai');
    expect((await o.call('cases.get', { id: caseId })).notes[0]).toMatchObject({ withheld: false });
  });

  it('a case worker registers cases for themselves; only a case manager assigns, to active case staff', async () => {
    const o = await caseOffice();
    await o.as('aye');
    expect(await o.attempt('cases.register', { ...AUNG_KYAW_MOE, assignee: 'nilar' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const { caseId } = await o.call('cases.register', AUNG_KYAW_MOE);
    expect(await o.attempt('cases.assign', { id: caseId, assignee: 'nilar' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await o.as('somchai');
    expect((await o.call('cases.assignees', {})).map((a) => a.username).sort()).toEqual(['admin', 'aye', 'malee', 'nilar', 'somchai']);
    expect(await o.attempt('cases.assign', { id: caseId, assignee: 'auditor' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await o.call('cases.assign', { id: caseId, assignee: null })).toMatchObject({ assignee: null });
    expect((await o.call('cases.list', { assignee: null })).rows).toHaveLength(1);
  });
});
