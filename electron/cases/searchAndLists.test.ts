import { describe, expect, it } from 'vitest';
import { CaseListInput } from '../../shared/contract/cases';
import { listCases, searchCases } from './caseQueries';
import { operation } from './operation';
import { AUNG_KYAW_MOE, caseOffice, today } from './testkit';

const identification = AUNG_KYAW_MOE.identification;
const SOMYING = { person: { prs_FirstName: 'สมหญิง', prs_SecondName: 'ใจดี', aliases: ['Somying Jaidee'], prs_Gender: 'Feminine', prs_Birthdate: '2001-02-03', prs_Citizenship: ['THA'] }, identification };
const MARIA = { person: { prs_FirstName: 'María José', prs_SecondName: 'Hernández López', prs_Gender: 'Feminine', estimatedAge: 16, estimatedAgeOn: today(), prs_Citizenship: ['SLV'], prs_MobilePhone: '+503 7012 3456' }, identification };

describe('search before create: possible duplicates', () => {
  it('flags a near-duplicate written in Latin letters, and one written in Burmese with other spacing', async () => {
    const o = await caseOffice();
    await o.as('aye');
    const first = await o.call('cases.register', AUNG_KYAW_MOE);

    const latin = await o.call('cases.register', {
      person: { prs_FirstName: 'Aung Kyaw Mo', prs_Gender: 'Masculine', prs_Birthdate: '1998-04-12', prs_Citizenship: ['MMR'] },
      identification,
    });
    expect(latin.duplicates).toEqual([expect.objectContaining({ caseId: first.caseId, accessible: true, displayName: 'အောင်ကျော်မိုး', parts: expect.objectContaining({ birth: 1, citizenship: 1 }) })]);
    expect(latin.duplicates[0]!.score).toBeGreaterThan(0.85);

    // The same name typed with spaces and a zero-width space, a slightly different spelling, age only.
    const burmese = await o.call('cases.register', {
      person: { prs_FirstName: 'အောင် ကျော်\u200bမိုး', prs_Gender: 'Masculine', estimatedAge: 27, estimatedAgeOn: today(), prs_Citizenship: ['MMR'] },
      identification,
    });
    expect(burmese.duplicates.map((d) => d.caseId)).toContain(first.caseId);
    const near = await o.call('cases.duplicates', { prs_FirstName: 'အောင်ကျော်မိုးဦး', prs_Citizenship: ['MMR'] });
    expect(near.map((d) => d.caseId)).toContain(first.caseId);

    // The new cases carry the flag until a case manager resolves it.
    expect((await o.call('cases.list', { possibleDuplicate: true })).rows.map((r) => r.caseId).sort()).toEqual([latin.caseId, burmese.caseId].sort());
    await o.as('somchai');
    await o.call('cases.resolveDuplicate', { id: latin.caseId, otherCaseId: first.caseId, resolution: 'not_duplicate' });
    expect((await o.call('cases.list', { possibleDuplicate: true })).rows.map((r) => r.caseId)).toEqual([burmese.caseId]);

    // Someone else entirely is not flagged; the same identity number is, whatever the name.
    await o.as('aye');
    expect((await o.call('cases.register', SOMYING)).duplicates).toEqual([]);
    const sameId = await o.call('cases.duplicates', { prs_FirstName: 'Zaw Zaw', prs_MobilePhone: '0066812345678', prs_Citizenship: ['MMR'] });
    expect(sameId).toEqual([]);
    const samePhone = await o.call('cases.duplicates', { prs_FirstName: 'Zaw Zaw', prs_MobilePhone: '+66812345678' });
    expect(samePhone).toEqual([expect.objectContaining({ caseId: first.caseId, strong: true, parts: expect.objectContaining({ sameIdentifier: true }) })]);
  });
});

describe('search and lists', () => {
  it('finds a case by a fragment of a Burmese or Thai name, by the romanised alias, by a name without accents, by case number and by phone', async () => {
    const o = await caseOffice();
    await o.as('aye');
    const aung = await o.call('cases.register', AUNG_KYAW_MOE);
    const somying = await o.call('cases.register', SOMYING);
    const maria = await o.call('cases.register', MARIA);
    const found = async (query: string) => (await o.call('cases.search', { query })).rows.map((r) => r.caseId);

    expect(await found('ကျော်')).toEqual([aung.caseId]); // "Kyaw", the middle of the name
    expect(await found('ကျော် မိုး')).toEqual([aung.caseId]); // two fragments, typed with a space
    expect(await found('ကျော်\u200cမိုး')).toEqual([aung.caseId]); // a stray zero-width non-joiner
    expect(await found('หญิง')).toEqual([somying.caseId]);
    expect(await found('ใจดี')).toEqual([somying.caseId]);
    expect(await found('kyaw moe')).toEqual([aung.caseId]);
    expect(await found('hernandez')).toEqual([maria.caseId]);
    expect(await found('MARÍA')).toEqual([maria.caseId]);
    expect(await found(aung.caseNumber)).toEqual([aung.caseId]);
    expect(await found(aung.caseNumber.toLowerCase())).toEqual([aung.caseId]);
    expect(await found(maria.caseNumber.slice(-5))).toEqual([maria.caseId]);
    expect(await found('7012 3456')).toEqual([maria.caseId]);
    expect(await found('081 234 5678'.slice(4))).toEqual([aung.caseId]);
    expect(await o.call('cases.search', { query: 'ab' })).toEqual({ rows: [], tooShort: true, more: false });
    expect(await found('nobody at all')).toEqual([]);

    // The same text search is a filter of the list.
    expect((await o.call('cases.list', { text: 'ใจดี' })).rows.map((r) => r.caseId)).toEqual([somying.caseId]);
    // A whole case number is found by its unique index, in the list's text filter too.
    expect(await o.call('cases.list', { text: ` ${maria.caseNumber.toLowerCase()} `, withTotal: true })).toMatchObject({ total: 1, totalCapped: false, rows: [{ caseId: maria.caseId }] });
    expect((await o.call('cases.list', { text: `${maria.caseNumber.slice(0, -1)}9` })).rows).toEqual([]);
    // Searches are audited with the cases shown, never with the words searched.
    await o.as('admin');
    const { entries } = await o.call('audit.list', { action: 'case.view', limit: 100 });
    const searched = entries.filter((e) => (e.details as { what?: string }).what === 'search');
    expect(searched.length).toBeGreaterThan(5);
    expect(JSON.stringify(entries)).not.toMatch(/ကျော်|hernandez|ใจดี/);
  });

  it('filters by stage, citizenship, exploitation, risk, gender and dates, sorts, and pages with a cursor that never repeats or skips', async () => {
    const o = await caseOffice();
    await o.as('aye');
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) {
      const { caseId } = await o.call('cases.register', {
        person: { prs_FirstName: `Person ${i}`, prs_Gender: i % 2 ? 'Feminine' : 'Masculine', prs_Birthdate: `${1990 + (i % 10)}-01-01`, prs_Citizenship: [i % 3 ? 'MMR' : 'KHM'] },
        identification: { ...identification, identificationDate: `2025-01-${String(i + 1).padStart(2, '0')}` },
      });
      ids.push(caseId);
      if (i % 4 === 0) {
        await o.call('screening.recordFull', { caseId, screenedOn: today(), outcome: 'presumed_victim', vic_TypeOfExploitation: [i % 8 ? 'ForcedLabour' : 'SexualExploitation'] });
        await o.call('risk.assess', { caseId, assessedOn: today(), factors: [{ level: 'individual', kind: 'risk', factor: 'Debt', severity: i % 8 ? 'low' : 'high' }] });
      }
    }
    const list = (params: Record<string, unknown>) => o.call('cases.list', params);

    expect((await list({ withTotal: true })).total).toBe(23);
    expect((await list({ citizenship: ['KHM'], withTotal: true })).total).toBe(8);
    expect((await list({ stage: ['screening'], withTotal: true })).total).toBe(6);
    expect((await list({ exploitation: ['SexualExploitation'], withTotal: true })).total).toBe(3);
    expect((await list({ risk: ['high'], withTotal: true })).total).toBe(3);
    expect((await list({ risk: ['unassessed'], withTotal: true })).total).toBe(17);
    expect((await list({ gender: ['Feminine'], citizenship: ['MMR'], withTotal: true })).total).toBe(7);
    expect((await list({ identifiedFrom: '2025-01-10', identifiedTo: '2025-01-12', withTotal: true })).total).toBe(3);

    for (const [sort, direction] of [['registered', 'desc'], ['caseNumber', 'asc'], ['risk', 'desc'], ['identified', 'asc'], ['due', 'asc']] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await list({ sort, direction, limit: 5, cursor });
        seen.push(...page.rows.map((r) => r.caseId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen, sort).toHaveLength(23);
      expect(new Set(seen).size, sort).toBe(23);
    }
    const byNumber = (await list({ sort: 'caseNumber', direction: 'asc', limit: 3 })).rows.map((r) => r.caseNumber);
    expect(byNumber).toEqual([...byNumber].sort());
    expect(await o.attempt('cases.list', { cursor: 'not-a-cursor' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('"my cases" and "overdue" follow assignment and due dates', async () => {
    const o = await caseOffice();
    await o.as('aye');
    const mine = await o.call('cases.register', AUNG_KYAW_MOE);
    await o.call('tasks.add', { caseId: mine.caseId, title: 'Call the family', dueDate: '2020-01-01' });
    await o.as('somchai');
    const other = await o.call('cases.register', { ...SOMYING, assignee: 'nilar' });
    await o.as('aye');
    expect((await o.call('cases.list', { view: 'mine' })).rows.map((r) => r.caseId)).toEqual([mine.caseId]);
    expect((await o.call('cases.list', { view: 'overdue' })).rows.map((r) => r.caseId)).toEqual([mine.caseId]);
    const due = await o.call('tasks.due', {});
    expect(due).toEqual([expect.objectContaining({ caseId: mine.caseId, kind: 'task', title: 'Call the family', overdue: true })]);
    await o.call('tasks.complete', { id: due[0]!.recordId });
    expect((await o.call('cases.list', { view: 'overdue' })).rows).toHaveLength(0);
    await o.as('somchai');
    expect((await o.call('cases.list', { view: 'mine' })).rows).toHaveLength(0);
    expect((await o.call('cases.list', {})).rows.map((r) => r.caseId).sort()).toEqual([mine.caseId, other.caseId].sort());
  });

  it('the due list of many cases keeps every task with its own case, soonest first, without done tasks', async () => {
    const o = await caseOffice();
    await o.as('aye');
    const cases: { caseId: string; caseNumber: string }[] = [];
    for (let i = 0; i < 6; i++) {
      cases.push(await o.call('cases.register', { person: { prs_FirstName: `Due Person ${i}`, prs_Gender: 'Feminine', prs_Citizenship: ['MMR'] }, identification }));
    }
    // Case i gets a task due on day 10 + i and, for even i, a second one due on day 20 - i.
    const expected: { caseNumber: string; title: string; dueDate: string }[] = [];
    for (const [i, c] of cases.entries()) {
      const dueDate = `2024-03-${String(10 + i).padStart(2, '0')}`;
      await o.call('tasks.add', { caseId: c.caseId, title: `First task of ${i}`, dueDate });
      expected.push({ caseNumber: c.caseNumber, title: `First task of ${i}`, dueDate });
      if (i % 2 === 0) {
        const second = `2024-03-${String(20 - i).padStart(2, '0')}`;
        await o.call('tasks.add', { caseId: c.caseId, title: `Second task of ${i}`, dueDate: second });
        expected.push({ caseNumber: c.caseNumber, title: `Second task of ${i}`, dueDate: second });
      }
    }
    const done = await o.call('tasks.add', { caseId: cases[5]!.caseId, title: 'Already done', dueDate: '2024-03-01' });
    await o.call('tasks.complete', { id: done.id });
    const due = await o.call('tasks.due', { overdueOnly: true });
    expect(due.map((d) => ({ caseNumber: d.caseNumber, title: d.title, dueDate: d.dueDate }))).toEqual(
      expected.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.caseNumber.localeCompare(b.caseNumber)),
    );
    expect(due.every((d) => d.caseId === cases.find((c) => c.caseNumber === d.caseNumber)!.caseId && d.kind === 'task' && d.overdue && d.assignee === 'aye')).toBe(true);
  });

  it('a fragment with more matches than are ranked still gives the best of the newest matches and says there are more; counts stop at their cap and say so', async () => {
    const o = await caseOffice();
    await o.as('aye');
    // Six people called Thandar; the longer the name, the weaker the match (bm25 weighs by length).
    const names = ['Thandar Hlaing Oo Myint', 'Thandar', 'Thandar Win Kyi', 'Thandar Aye', 'Thandar Moe Moe Aye San', 'Thandar Soe'];
    const ids: string[] = [];
    for (const name of names) ids.push((await o.call('cases.register', { person: { prs_FirstName: name, prs_Gender: 'Feminine', prs_Citizenship: ['MMR'] }, identification })).caseId);
    const u = o.core.session.requireUnlocked();
    const op = operation(u);
    const search = (candidates: number, limit = 20) => searchCases(op.db, 'thandar', limit, op.viewer, op.today, candidates);

    // Every match ranked: the shortest names first (the newer of two equals first), nothing more to say.
    const all = search(100);
    expect(all.more).toBe(false);
    expect(all.rows.map((r) => r.displayName)).toEqual(['Thandar', 'Thandar Soe', 'Thandar Aye', 'Thandar Win Kyi', 'Thandar Moe Moe Aye San', 'Thandar Hlaing Oo Myint']);
    // Ranked among the four newest matches only: the oldest two (including the best one, plain "Thandar") are left out, and `more` says so.
    const capped = search(4, 3);
    expect(capped.more).toBe(true);
    expect(capped.rows.map((r) => r.displayName)).toEqual(['Thandar Soe', 'Thandar Aye', 'Thandar Win Kyi']);
    // Through the dispatcher: the same contract, with `more` false when all matches fit.
    expect(await o.call('cases.search', { query: 'thandar', limit: 2 })).toMatchObject({ more: false, rows: [{ caseId: ids[1] }, { caseId: ids[5] }] });

    // The list's count stops at its cap and says it did; under the cap it is exact.
    const list = (countCap: number) => listCases(op.db, CaseListInput.parse({ withTotal: true, limit: 2 }), op.viewer, op.today, undefined, countCap);
    expect(list(4)).toMatchObject({ total: 4, totalCapped: true });
    expect(list(6)).toMatchObject({ total: 6, totalCapped: false });
    expect(await o.call('cases.list', { withTotal: true, text: 'thandar' })).toMatchObject({ total: 6, totalCapped: false });
    expect(await o.call('cases.list', { withTotal: true, text: 'thandar aye' })).toMatchObject({ total: 2, totalCapped: false });
    await o.call('cases.setStage', { id: ids[3], stage: 'screening', reason: 'Interview arranged' });
    // Text and stage together are counted with both (not in the full-text index alone).
    expect(await o.call('cases.list', { withTotal: true, stage: ['screening'], text: 'thandar' })).toMatchObject({ total: 1, rows: [{ caseId: ids[3] }] });

    // The text filter reads the same pages whether the matching cases are read themselves or the sort index is walked.
    await o.call('cases.register', { person: { prs_FirstName: 'Someone Else', prs_Gender: 'Feminine', prs_Citizenship: ['MMR'] }, identification });
    for (const sort of ['registered', 'caseNumber', 'risk'] as const) {
      const pages = (few: number) => {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = listCases(op.db, CaseListInput.parse({ text: 'thandar', sort, limit: 4, cursor }), op.viewer, op.today, few);
          seen.push(...page.rows.map((r) => r.caseId));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return seen;
      };
      const fromMatches = pages(Number.MAX_SAFE_INTEGER);
      expect(new Set(fromMatches), sort).toEqual(new Set(ids));
      expect(pages(0), sort).toEqual(fromMatches);
    }
  });

  it('a change to the person shows in search at once; an optional field is cleared with null, and the change is a step on the timeline', async () => {
    const o = await caseOffice();
    await o.as('aye');
    const { caseId } = await o.call('cases.register', AUNG_KYAW_MOE);
    expect((await o.call('cases.search', { query: '2345678' })).rows).toHaveLength(1);
    await o.call('cases.update', { id: caseId, person: { prs_MobilePhone: null, aliases: ['Aung Kyaw Moe', 'Ko Moe'] }, identification: { identificationPlace: 'Mahachai pier' } });
    expect((await o.call('cases.search', { query: '2345678' })).rows).toHaveLength(0);
    expect((await o.call('cases.search', { query: 'ko moe' })).rows).toHaveLength(1);
    const view = await o.call('cases.get', { id: caseId });
    expect(view.case.prs_MobilePhone).toBeUndefined();
    expect(view.case).toMatchObject({ prs_FirstName: 'အောင်ကျော်မိုး', prs_Birthdate: '1998-04-12', identificationPlace: 'Mahachai pier' });
    expect(await o.attempt('cases.update', { id: caseId, person: { prs_FirstName: null } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const steps = (await o.call('cases.timeline', { id: caseId })).entries;
    expect(steps.at(-1)!.kind).toBe('updated');
    expect([...(steps.at(-1)!.details.fields as string[])].sort()).toEqual(['aliases', 'identificationPlace', 'prs_MobilePhone']);
  });
});
