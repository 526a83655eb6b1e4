import { describe, expect, it } from 'vitest';
import { caseOffice, AUNG_KYAW_MOE, daysFromToday, today } from './testkit';

/**
 * `returns.save`, `reintegration.savePlan` and `providers.save` with an id replace the whole record
 * (their forms send every field, and their input schemas fill in the defaults of a whole record): an
 * optional field the new version leaves out is gone, not kept from the version before.
 */
describe('saving a whole record again replaces it', () => {
  it('a return plan saved without its escort, area and notes no longer has them', async () => {
    const o = await caseOffice();
    await o.as('aye');
    const { caseId } = await o.call('cases.register', AUNG_KYAW_MOE);
    const first = {
      destinationCountry: 'MMR',
      destinationArea: 'Hpa-an, Kayin State',
      plannedDate: daysFromToday(14),
      escortRequired: true,
      escortName: 'Ko Min',
      escortOrganisation: 'Anti-Trafficking Task Force',
      receivingOrganisation: { code: 'MM-DSW', name: 'Department of Social Welfare, Myanmar' },
      notes: 'Mother agrees.',
    };
    const plan = await o.call('returns.save', { caseId, plan: first });
    expect(plan).toMatchObject({ escortName: 'Ko Min', destinationArea: 'Hpa-an, Kayin State', notes: 'Mother agrees.', familyAssessmentDone: false });

    const { escortName: _n, escortOrganisation: _o, destinationArea: _a, notes: _x, ...rest } = first;
    const replaced = await o.call('returns.save', { caseId, id: plan.id, plan: { ...rest, escortRequired: false, familyAssessmentDone: true } });
    expect(replaced).toMatchObject({ escortRequired: false, familyAssessmentDone: true });
    for (const gone of ['escortName', 'escortOrganisation', 'destinationArea', 'notes']) expect(replaced, gone).not.toHaveProperty(gone);
    const stored = (await o.call('cases.get', { id: caseId })).returns.find((r) => r.id === plan.id)!;
    for (const gone of ['escortName', 'escortOrganisation', 'destinationArea', 'notes']) expect(stored, gone).not.toHaveProperty(gone);
    expect(stored).toMatchObject({ destinationCountry: 'MMR', receivingOrganisation: { code: 'MM-DSW' } });
  });

  it('a reintegration plan saved without its action plan and review date no longer has them', async () => {
    const o = await caseOffice();
    await o.as('aye');
    const { caseId } = await o.call('cases.register', AUNG_KYAW_MOE);
    const base = { planDate: today(), spl_Objectives: 'Income from tailoring.', goals: [{ dimension: 'economic', goal: 'Tailoring course' }], agreedWithPerson: true };
    const plan = await o.call('reintegration.savePlan', { caseId, plan: { ...base, spl_ActionPlan: 'Enrol in the March course.', reviewOn: daysFromToday(60) } });
    expect(plan).toMatchObject({ spl_ActionPlan: 'Enrol in the March course.', reviewOn: daysFromToday(60) });
    const replaced = await o.call('reintegration.savePlan', { caseId, id: plan.id, plan: { ...base, agreedWithPerson: false } });
    expect(replaced).toMatchObject({ agreedWithPerson: false, plannedBy: 'aye' });
    expect(replaced).not.toHaveProperty('spl_ActionPlan');
    expect(replaced).not.toHaveProperty('reviewOn');
  });

  it('a provider saved without its phone and contact person no longer has them', async () => {
    const o = await caseOffice();
    await o.as('admin');
    const provider = { org_Name: 'Mae Sot Legal Aid', org_Type: 'NGO', services: ['legal_aid'], org_ShippingCountry: 'THA' };
    const saved = await o.call('providers.save', { provider: { ...provider, org_Phone: '+6655123456', contactPerson: 'Khun Dao' } });
    expect(saved).toMatchObject({ org_Phone: '+6655123456', contactPerson: 'Khun Dao', active: true });
    const replaced = await o.call('providers.save', { id: saved.id, provider: { ...provider, active: false } });
    expect(replaced).toMatchObject({ active: false, org_Name: 'Mae Sot Legal Aid' });
    expect(replaced).not.toHaveProperty('org_Phone');
    expect(replaced).not.toHaveProperty('contactPerson');
  });
});
