import { describe, expect, it } from 'vitest';
import type { Office } from '../exchange/testkit';
import { addUser, importPlan, NPA_OFFICES, npaOffice, signIn } from './testkit';

/**
 * The progress workflow inside one workspace: the secretariat's own agency reports on the indicators it
 * is responsible for (MM-CBTIP), its M&E officer submits, its administrator approves or returns.
 */

async function secretariatPlan() {
  const sec = await npaOffice(NPA_OFFICES.SEC);
  const planId = await sec.call('plans.create', { country: 'MMR', title: 'NPA 2017-2021', startYear: 2017, endYear: 2021, version: '1.0', status: 'active' }).then((p) => p.id);
  const tree = await sec.call('plans.get', { planId });
  const outcome = await sec.call('outcomes.save', { planId, pillarId: tree.pillars[0]!.id, code: '1', title: 'Coordination works' });
  const output = await sec.call('outputs.save', { planId, outcomeId: outcome.id, code: '1.1', title: 'Quarterly coordination meetings' });
  const activity = await sec.call('activities.save', { planId, outputId: output.id, code: '1.1.1', title: 'Hold the national coordination meeting', leadAgency: 'MM-CBTIP', start: '2018-01-01', end: '2018-12-31', workplanYear: 2018 });
  const indicator = await sec.call('indicators.save', {
    planId, resultLevel: 'output', resultId: output.id, code: 'C-1', title: 'Coordination meetings held', measure: 'unit', responsibleAgency: 'MM-CBTIP', frequency: 'quarterly',
    targets: [{ period: '2018Q1', value: 1 }],
  });
  await addUser(sec, 'moe', 'me_officer');
  await addUser(sec, 'vera', 'viewer');
  return { sec, planId, activity, indicator };
}

const rejectCode = async (o: Office, method: string, params: unknown) => {
  const r = await o.core.dispatcher.dispatch(method, params);
  return r.ok ? 'ok' : r.error.code;
};

describe('progress: draft → submitted → approved | returned', () => {
  it('the M&E officer drafts and submits; the secretariat returns with comments, then approves the next revision', async () => {
    const { sec, planId, activity, indicator } = await secretariatPlan();
    await signIn(sec, 'moe');
    const form = await sec.call('progress.get', { planId, period: '2018Q1' });
    expect(form).toMatchObject({ agency: 'MM-CBTIP', dueDate: '2018-04-15', report: null, indicators: [{ code: 'C-1', target: 1 }], activities: [{ code: '1.1.1', lastUpdate: null }] });

    const draft = await sec.call('progress.saveDraft', {
      planId, period: '2018Q1',
      indicatorActuals: [{ indicatorId: indicator.id, value: 1, comment: 'Met in Nay Pyi Taw' }],
      activityUpdates: [{ activityId: activity.id, status: 'in_progress', percentComplete: 25 }],
      narrative: 'First meeting held.',
    });
    expect(draft).toMatchObject({ status: 'draft', revision: 0, canEdit: true, canSubmit: true });
    const submitted = await sec.call('progress.submit', { id: draft.id });
    expect(submitted).toMatchObject({ status: 'submitted', revision: 1, submittedBy: 'moe', canEdit: false });
    expect(await rejectCode(sec, 'progress.saveDraft', { planId, period: '2018Q1', narrative: 'changed' })).toBe('INVALID_TRANSITION');

    await signIn(sec, 'admin');
    expect(await rejectCode(sec, 'progress.return', { id: draft.id, comments: '' })).toBe('VALIDATION');
    const returned = await sec.call('progress.return', { id: draft.id, comments: 'Attach the minutes of the meeting.' });
    expect(returned).toMatchObject({ status: 'returned', returnedComments: 'Attach the minutes of the meeting.' });
    expect(await rejectCode(sec, 'progress.approve', { id: draft.id })).toBe('INVALID_TRANSITION');

    await signIn(sec, 'moe');
    const fixed = await sec.call('progress.saveDraft', {
      planId, period: '2018Q1',
      indicatorActuals: [{ indicatorId: indicator.id, value: 1 }],
      activityUpdates: [{ activityId: activity.id, status: 'in_progress', percentComplete: 25 }],
      evidence: [{ title: 'Minutes of the first national coordination meeting', reference: 'CBTIP/2018/014' }],
    });
    expect(fixed).toMatchObject({ status: 'returned', revision: 1 });
    expect((await sec.call('progress.submit', { id: draft.id })).revision).toBe(2);

    await signIn(sec, 'admin');
    const approved = await sec.call('progress.approve', { id: draft.id, comments: 'Thank you.' });
    expect(approved).toMatchObject({ status: 'approved', returnedComments: null, canEdit: false, canReview: false });
    expect(approved.reviews.map((r) => [r.revision, r.decision])).toEqual([[1, 'returned'], [2, 'approved']]);
    expect(await rejectCode(sec, 'progress.return', { id: draft.id, comments: 'too late' })).toBe('INVALID_TRANSITION');
    expect(await rejectCode(sec, 'progress.saveDraft', { planId, period: '2018Q1', narrative: 'x' })).toBe('INVALID_TRANSITION');
    expect((await sec.call('progress.list', { planId, status: 'approved' })).map((p) => p.period)).toEqual(['2018Q1']);

    const audit = await sec.call('audit.list', { action: 'npa_review', limit: 10 });
    expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['npa_review.create']));
  });

  it('a viewer reads but cannot write; an empty report cannot be submitted; lines must be of the right period', async () => {
    const { sec, planId, activity, indicator } = await secretariatPlan();
    await signIn(sec, 'vera');
    expect((await sec.call('progress.get', { planId, period: '2018Q1' })).indicators).toHaveLength(1);
    expect(await rejectCode(sec, 'progress.saveDraft', { planId, period: '2018Q1' })).toBe('FORBIDDEN');
    expect(await rejectCode(sec, 'indicators.save', { ...indicator, title: 'x' })).toBe('FORBIDDEN');
    await signIn(sec, 'moe');
    const empty = await sec.call('progress.saveDraft', { planId, period: '2018Q2' });
    expect(await rejectCode(sec, 'progress.submit', { id: empty.id })).toBe('VALIDATION');
    expect(await rejectCode(sec, 'progress.saveDraft', { planId, period: '201801', indicatorActuals: [{ indicatorId: indicator.id, value: 1 }] })).toBe('VALIDATION');
    expect(await rejectCode(sec, 'progress.saveDraft', { planId, period: '2018', activityUpdates: [{ activityId: activity.id, status: 'completed', percentComplete: 100 }] })).toBe('VALIDATION');
    expect(await rejectCode(sec, 'progress.saveDraft', { planId, period: '2025Q1' })).toBe('VALIDATION');
    expect(await rejectCode(sec, 'progress.saveDraft', { planId, period: '2018Q1', indicatorActuals: [{ indicatorId: indicator.id, value: 'many' }] })).toBe('VALIDATION');
  });
});

describe('plan structure rules', () => {
  it('agencies must be this organisation or a partner; codes are unique per level; parents with children stay', async () => {
    const { sec, planId, activity } = await secretariatPlan();
    const outputId = activity.outputId;
    const r = await sec.core.dispatcher.dispatch('activities.save', { planId, outputId, code: '1.1.2', title: 'x', leadAgency: 'MM-MOFA', start: '2018-01-01', end: '2018-02-01', workplanYear: 2018 });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { unknownAgencies: ['MM-MOFA'] } } });
    expect(await rejectCode(sec, 'activities.save', { planId, outputId, code: '1.1.1', title: 'again', leadAgency: 'MM-CBTIP', start: '2018-01-01', end: '2018-02-01', workplanYear: 2018 })).toBe('CONFLICT');
    expect(await rejectCode(sec, 'activities.save', { planId, outputId, code: '1.1.3', title: 'backwards', leadAgency: 'MM-CBTIP', start: '2018-03-01', end: '2018-02-01', workplanYear: 2018 })).toBe('VALIDATION');
    expect(await rejectCode(sec, 'activities.save', { planId, outputId, code: '1.1.4', title: 'no currency', leadAgency: 'MM-CBTIP', start: '2018-01-01', end: '2018-02-01', budget: 100, workplanYear: 2018 })).toBe('VALIDATION');
    expect(await rejectCode(sec, 'outputs.remove', { id: outputId })).toBe('CONFLICT');
    expect(await rejectCode(sec, 'plans.remove', { planId })).toBe('CONFLICT');
    // A change names only what changes: the rest (agencies, status, thresholds) stays.
    const renamed = await sec.call('plans.update', { planId, patch: { title: 'NPA 2017-2021 (revised)' } });
    expect(renamed).toMatchObject({ title: 'NPA 2017-2021 (revised)', status: 'active', agencies: [{ code: 'MM-CBTIP' }], rag: { greenAt: 90, amberAt: 60 } });
    expect(await rejectCode(sec, 'plans.update', { planId, patch: { rag: { greenAt: 50, amberAt: 80 } } })).toBe('VALIDATION');
    const tree = await sec.call('plans.get', { planId });
    expect(tree.pillars.map((p) => p.title)).toEqual(['Prevention', 'Protection', 'Prosecution', 'Partnership']);
    expect(await sec.call('pillars.remove', { id: tree.pillars[3]!.id })).toEqual({ id: tree.pillars[3]!.id, removed: true });
    expect((await sec.call('plans.get', { planId })).pillars).toHaveLength(3);
    const wp = await sec.call('workplans.save', { planId, year: 2018, items: [{ activityId: activity.id, milestones: { q1: 'Meeting 1', q2: 'Meeting 2', q3: '', q4: '' } }] });
    expect(await sec.call('workplans.get', { planId, year: 2018 })).toMatchObject({ id: wp.id, items: [{ activityId: activity.id }] });
    expect((await sec.call('progress.get', { planId, period: '2018Q2' })).activities[0]!.milestone).toBe('Meeting 2');
  });

  it('an import needs an existing file, and agencies this workspace knows (no partners yet: refused)', async () => {
    const sec = await npaOffice(NPA_OFFICES.SEC);
    const r = await sec.core.dispatcher.dispatch('xlsx.import', { path: '/nonexistent/plan.xlsx', mode: 'preview' });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await expect(importPlan(sec)).rejects.toThrow(/Unknown agency/);
  });
});
