import { describe, expect, it } from 'vitest';
import { addUser, NPA_OFFICES, npaOffice, signIn } from './testkit';

/**
 * Indicators computed from case data: the Department of Social Welfare counts the victims it identified
 * in a quarter, by sex, and the share it referred within 7 days — from its own case files, through the
 * case index of electron/cases. The report carries only the figures.
 */

describe('indicators computed from case data', () => {
  it('victims identified by sex and the share referred within 7 days come from the ministry’s own cases', async () => {
    const dsw = await npaOffice(NPA_OFFICES.DSW);
    const plan = await dsw.call('plans.create', { country: 'MMR', title: 'NPA 2017-2021', startYear: 2017, endYear: 2021, version: '1.0' });
    const tree = await dsw.call('plans.get', { planId: plan.id });
    const outcome = await dsw.call('outcomes.save', { planId: plan.id, pillarId: tree.pillars[1]!.id, code: '2', title: 'Victims are identified and referred' });
    const victims = await dsw.call('indicators.save', {
      planId: plan.id, resultLevel: 'outcome', resultId: outcome.id, code: 'IND-V', title: 'Victims identified, by sex and citizenship', measure: 'unit',
      disaggregation: ['sex', 'citizenship'], responsibleAgency: 'MM-DSW', frequency: 'quarterly', computedFrom: { source: 'victimsIdentified' }, targets: [{ period: '2018Q1', value: 4 }],
    });
    const referred = await dsw.call('indicators.save', {
      planId: plan.id, resultLevel: 'outcome', resultId: outcome.id, code: 'IND-R', title: 'Share of victims referred within 7 days of identification', measure: 'percent',
      responsibleAgency: 'MM-DSW', frequency: 'quarterly', computedFrom: { source: 'shareReferredWithinDays', days: 7 },
    });

    const register = async (name: string, gender: string, citizenship: string, identified: string) =>
      (await dsw.call('cases.register', {
        person: { prs_FirstName: name, prs_Gender: gender, prs_Citizenship: [citizenship], estimatedAge: 24, estimatedAgeOn: identified },
        identification: { identificationDate: identified, identificationCountry: 'MMR', identificationSource: 'SocialWelfare' },
      })).caseId;
    const a = await register('Aye Aye', 'Feminine', 'MMR', '2018-02-03');
    await register('Hnin Hnin', 'Feminine', 'MMR', '2018-03-10');
    await register('Somchai', 'Masculine', 'THA', '2018-03-20');
    await register('Later case', 'Masculine', 'MMR', '2018-04-02');
    const provider = await dsw.call('providers.save', { provider: { org_Name: 'Mawlamyine shelter', org_Type: 'NGO', services: ['shelter'], org_ShippingCountry: 'MMR' } });
    await dsw.call('referrals.create', {
      caseId: a, providerId: provider.id, services: ['shelter'], cas_OutgoingReferralDate: '2018-02-06',
      consentOverride: { reason: 'Immediate shelter for safety; consent recorded on paper.' },
    });

    await addUser(dsw, 'khin', 'me_officer');
    await signIn(dsw, 'khin');
    const form = await dsw.call('progress.get', { planId: plan.id, period: '2018Q1' });
    expect(form.caseDataAvailable).toBe(true);
    const v = form.indicators.find((i) => i.id === victims.id)!.computed!;
    expect(v.value).toBe(3);
    expect(v.breakdown).toEqual(expect.arrayContaining([{ sex: 'female', citizenship: 'national', value: 2 }, { sex: 'male', citizenship: 'foreign', value: 1 }]));
    expect(form.indicators.find((i) => i.id === referred.id)!.computed).toMatchObject({ value: 33.3, note: '1 of 3 cases identified 2018-01-01 to 2018-03-31 were referred within 7 days.' });

    const draft = await dsw.call('progress.saveDraft', { planId: plan.id, period: '2018Q1', fillComputed: true });
    expect(draft.indicatorActuals.map((x) => [x.indicatorId, x.value, x.computed])).toEqual([[referred.id, 33.3, true], [victims.id, 3, true]]);
    // Only numbers leave: no case id, no name.
    expect(JSON.stringify(draft)).not.toMatch(/Aye Aye|Hnin|Somchai|caseId/);
  });
});
