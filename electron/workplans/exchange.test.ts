import { describe, expect, it } from 'vitest';
import { outDir, type Office } from '../exchange/testkit';
import { addUser, digestOf, importPlan, npaNetwork, signIn } from './testkit';

/**
 * The acceptance flow of docs/workplans.md through the real exchange: the secretariat imports the NPA
 * from the XLSX template and sends the plan to three ministries (plan-structure bundle); a ministry
 * enters Q1 progress and submits it (workplan-progress bundle); the secretariat approves and its
 * dashboard shows the ministry's figures; the approval travels back.
 */

const send = (from: Office, to: string[], type: 'plan-structure' | 'workplan-progress') =>
  from.call('bundles.export', { to, type, select: { mode: 'sinceLast' }, purpose: type === 'plan-structure' ? 'NPA 2017-2021 plan and workplan 2018' : 'Q1 2018 progress', outDir: outDir() });

async function receive(at: Office, path: string) {
  const inspection = await at.call('bundles.inspect', { path });
  return { inspection, imported: await at.call('bundles.import', { path, previewToken: inspection.previewToken }) };
}

const code = async (o: Office, method: string, params: unknown) => {
  const r = await o.core.dispatcher.dispatch(method, params);
  return r.ok ? 'ok' : r.error.code;
};

describe('plan-structure and workplan-progress bundles between the secretariat and three ministries', () => {
  it('the secretariat sends the plan, a ministry reports Q1, the secretariat approves and its dashboard shows the figures', async () => {
    const { sec, dsw, police, labour } = await npaNetwork();
    const planId = await importPlan(sec);

    // ---- plan-structure: one bundle to the three ministries
    const planBundle = await send(sec, ['MM-ATIPD', 'MM-DSW', 'MM-MOLIP'], 'plan-structure');
    expect(planBundle.records).toEqual({ npa_activity: 3, npa_indicator: 4, npa_outcome: 3, npa_output: 3, npa_pillar: 4, npa_plan: 1, npa_workplan: 1 });
    for (const ministry of [dsw, police, labour]) {
      const { inspection, imported } = await receive(ministry, planBundle.path);
      expect(inspection).toMatchObject({ bundleType: 'plan-structure', sender: { org: 'MM-CBTIP', trust: 'verified' }, preview: { new: 19, refused: 0, held: 0 } });
      expect(imported).toMatchObject({ status: 'imported', applied: { new: 19 } });
      const tree = await ministry.call('plans.get', { planId });
      expect(tree.plan).toMatchObject({ isHolder: false, ownerOrg: 'MM-CBTIP' });
      expect(tree.activities.map((a) => a.code)).toEqual(['1.1.1', '2.1.1', '3.1.1']);
    }
    expect(digestOf(dsw)).toBe(digestOf(sec));

    // A ministry reads the plan but cannot change it.
    const tree = await dsw.call('plans.get', { planId });
    const mine = tree.activities.find((a) => a.leadAgency === 'MM-DSW')!;
    const labours = tree.activities.find((a) => a.leadAgency === 'MM-MOLIP')!;
    expect(await code(dsw, 'activities.save', { ...mine, title: 'Changed at DSW' })).toBe('FORBIDDEN');
    const victims = tree.indicators.find((i) => i.code === 'IND-1')!;
    const trained = tree.indicators.find((i) => i.code === 'IND-4')!;
    const reached = tree.indicators.find((i) => i.code === 'IND-2')!;

    // ---- DSW's M&E officer enters Q1 2018 progress
    await addUser(dsw, 'khin', 'me_officer');
    await signIn(dsw, 'khin');
    const form = await dsw.call('progress.get', { planId, period: '2018Q1' });
    expect(form.indicators.map((i) => [i.code, i.target])).toEqual([['IND-1', 40], ['IND-4', 20]]);
    expect(form.activities.map((a) => [a.code, a.milestone])).toEqual([['2.1.1', '2 trainings']]);

    // Another agency's activity, indicator or report: FORBIDDEN.
    expect(await code(dsw, 'progress.saveDraft', { planId, period: '2018Q1', activityUpdates: [{ activityId: labours.id, status: 'completed', percentComplete: 100 }] })).toBe('FORBIDDEN');
    expect(await code(dsw, 'progress.saveDraft', { planId, period: '201801', indicatorActuals: [{ indicatorId: reached.id, value: 900 }] })).toBe('FORBIDDEN');
    expect(await code(dsw, 'progress.saveDraft', { planId, period: '2018Q1', agency: 'MM-MOLIP' })).toBe('FORBIDDEN');

    const draft = await dsw.call('progress.saveDraft', {
      planId, period: '2018Q1',
      indicatorActuals: [
        { indicatorId: victims.id, value: 36, breakdown: [{ sex: 'female', value: 29 }, { sex: 'male', value: 7 }], comment: 'Returns from Thailand under the MoU' },
        { indicatorId: trained.id, value: 18 },
      ],
      activityUpdates: [{ activityId: mine.id, status: 'in_progress', percentComplete: 40, narrative: 'Two trainings held in Yangon and Mawlamyine.' }],
      narrative: 'Q1 progress of the Department of Social Welfare.',
    });
    await dsw.call('progress.submit', { id: draft.id });
    expect(await code(dsw, 'progress.approve', { id: draft.id })).toBe('FORBIDDEN');

    // ---- workplan-progress to the secretariat (sent by the ministry's administrator)
    await signIn(dsw, 'admin');
    const progressBundle = await send(dsw, ['MM-CBTIP'], 'workplan-progress');
    expect(progressBundle.records).toEqual({ npa_progress: 1 });
    const { imported } = await receive(sec, progressBundle.path);
    expect(imported.applied).toMatchObject({ new: 1, refused: 0 });
    expect(await sec.call('progress.list', { planId })).toEqual([expect.objectContaining({ agency: 'MM-DSW', period: '2018Q1', status: 'submitted', revision: 1, indicators: 2, activities: 1 })]);

    // The secretariat cannot change the ministry's report; it approves it.
    expect(await code(sec, 'progress.saveDraft', { planId, period: '2018Q1', agency: 'MM-DSW' })).toBe('FORBIDDEN');
    expect(await code(sec, 'progress.submit', { id: draft.id })).toBe('FORBIDDEN');
    const before = await sec.call('dashboard.get', { planId, period: '2018Q1', asOf: '2018-04-20' });
    expect(before.indicators.find((i) => i.code === 'IND-1')?.actual).toBeNull();
    expect((await sec.call('dashboard.get', { planId, period: '2018Q1', basis: 'submitted', asOf: '2018-04-20' })).indicators.find((i) => i.code === 'IND-1')?.actual).toBe(36);

    await addUser(sec, 'aye', 'me_officer');
    await signIn(sec, 'aye');
    expect((await sec.call('progress.approve', { id: draft.id, comments: 'Approved for the national report.' })).status).toBe('approved');

    const d = await sec.call('dashboard.get', { planId, period: '2018Q1', asOf: '2018-04-20' });
    const ind1 = d.indicators.find((i) => i.code === 'IND-1')!;
    expect(ind1).toMatchObject({ target: 40, actual: 36, achievement: 90, rag: 'green', responsibleAgencyName: 'Department of Social Welfare', reportedPeriods: ['2018Q1'] });
    expect(ind1.breakdown).toEqual([{ sex: 'female', value: 29 }, { sex: 'male', value: 7 }]);
    expect(d.indicators.find((i) => i.code === 'IND-4')).toMatchObject({ target: 20, actual: 18, achievement: 90, rag: 'green' });
    expect(d.indicators.find((i) => i.code === 'IND-3')).toMatchObject({ applicable: false, rag: 'none' });
    expect(d.activities.find((a) => a.code === '2.1.1')).toMatchObject({ status: 'in_progress', percentComplete: 40, reportedPeriod: '2018Q1' });
    const protection = d.pillars.find((p) => p.code === 'P2')!;
    expect(protection.activities.byStatus.in_progress).toBe(1);
    expect(protection.indicators.byRag).toEqual({ green: 2, amber: 0, red: 0, none: 0 });
    expect(d.reporting.byAgency.find((a) => a.agency === 'MM-DSW')).toMatchObject({ due: 1, approved: 1, overdue: 0 });
    expect(d.reporting.byAgency.find((a) => a.agency === 'MM-ATIPD')).toMatchObject({ due: 1, missing: 1, overdue: 1 });

    // ---- the approval travels back with the next plan-structure bundle
    await signIn(sec, 'admin');
    const back = await send(sec, ['MM-DSW'], 'plan-structure');
    expect(back.records).toMatchObject({ npa_review: 1 });
    await receive(dsw, back.path);
    const atDsw = (await dsw.call('progress.list', { planId }))[0]!;
    expect(atDsw).toMatchObject({ status: 'approved', revision: 1 });
    expect(await code(dsw, 'progress.saveDraft', { planId, period: '2018Q1', narrative: 'late change' })).toBe('INVALID_TRANSITION');
  });
});
