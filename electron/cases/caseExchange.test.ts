import { describe, expect, it } from 'vitest';
import { productionRegistry } from '../rpc/recordTypes';
import { newOffice, OFFICES, outDir, pair } from '../exchange/testkit';
import { canShare } from './consentGate';
import { AUNG_KYAW_MOE, today } from './testkit';

/** Two offices with the production record types: the Thai task force and Myanmar's social welfare department. */
async function twoOffices() {
  const th = await newOffice(OFFICES.TH, productionRegistry());
  const mm = await newOffice(OFFICES.MM, productionRegistry());
  await pair(th, mm);
  return { th, mm };
}

describe('cases between offices', () => {
  it('a case leaves only with the person’s consent to share with that office for that purpose (canShare, and the gate the export asks)', async () => {
    const { th } = await twoOffices();
    const { caseId } = await th.call('cases.register', AUNG_KYAW_MOE);
    const u = th.core.session.requireUnlocked();
    expect(canShare(u, caseId, 'MM-DSW', 'case_management')).toBe(false);
    const exportCase = () => th.core.dispatcher.dispatch('bundles.export', { to: ['MM-DSW'], type: 'case-update', select: { mode: 'ids', ids: [caseId] }, purpose: 'Case management', outDir: outDir() });
    expect(await exportCase()).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });

    const consent = await th.call('consent.record', {
      caseId,
      purpose: 'sharing',
      con_Consent: true,
      recipient: { code: 'MM-DSW', name: 'Department of Social Welfare, Myanmar' },
      sharingPurposes: ['case_management'],
      takenOn: today(),
      method: 'written',
    });
    expect(canShare(u, caseId, 'MM-DSW', 'case_management')).toBe(true);
    expect(canShare(u, caseId, 'MM-DSW', 'legal_proceedings')).toBe(false);
    expect(canShare(u, caseId, 'MM-NPA-SEC', 'case_management')).toBe(false);
    expect(await exportCase()).toMatchObject({ ok: true });

    await th.call('consent.withdraw', { id: consent.id, withdrawnOn: today(), reason: 'Changed her mind' });
    expect(canShare(u, caseId, 'MM-DSW', 'case_management')).toBe(false);
    expect(await exportCase()).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });
  });

  it('a case that arrives by bundle is listed, searchable and opens at the receiving office; a referral carries only what the provider needs', async () => {
    const { th, mm } = await twoOffices();
    const { caseId, caseNumber } = await th.call('cases.register', AUNG_KYAW_MOE);
    await th.call('screening.recordFull', { caseId, screenedOn: today(), outcome: 'presumed_victim', vic_TypeOfExploitation: ['ForcedLabour'], vic_ForcedLabourIndustry: ['A_AgricultureForestryAndFishing'], notes: 'Interview notes stay at the office.' });
    await th.call('consent.record', {
      caseId,
      purpose: 'sharing',
      con_Consent: true,
      recipient: { code: 'MM-DSW', name: 'Department of Social Welfare, Myanmar' },
      sharingPurposes: ['referral', 'case_management'],
      takenOn: today(),
      method: 'written',
    });
    const referral = await th.call('bundles.export', { to: ['MM-DSW'], type: 'case-referral', select: { mode: 'sinceLast' }, purpose: 'Referral for reintegration support', outDir: outDir() });
    expect(referral.records).toMatchObject({ case: 1, consent: 1 });
    expect(referral.records.screening).toBeUndefined();
    await mm.call('bundles.import', { path: referral.path });

    // The receiving office's lists and search see it at once.
    const listed = await mm.call('cases.list', { withTotal: true });
    expect(listed.total).toBe(1);
    expect(listed.rows[0]).toMatchObject({ caseId, caseNumber, ownerOrg: 'TH-ATTF', displayName: 'အောင်ကျော်မိုး' });
    expect((await mm.call('cases.search', { query: 'ကျော်' })).rows.map((r) => r.caseId)).toEqual([caseId]);
    const file = await mm.call('cases.get', { id: caseId });
    expect(file.screenings).toHaveLength(0);
    expect(file.case.prs_MobilePhone).toBe('+66812345678');

    // Later changes travel too, and the index follows.
    await th.call('cases.update', { id: caseId, person: { aliases: ['Aung Kyaw Moe', 'Ko Aung'] } });
    const update = await th.call('bundles.export', { to: ['MM-DSW'], type: 'case-update', select: { mode: 'ids', ids: [caseId] }, purpose: 'Case management', outDir: outDir() });
    await mm.call('bundles.import', { path: update.path });
    expect((await mm.call('cases.search', { query: 'ko aung' })).rows.map((r) => r.caseId)).toEqual([caseId]);
    // MM-DSW does not own the case, but adds its own notes to it.
    await mm.call('notes.add', { caseId, cco_CaseComment: 'Family visit planned in Hpa-an.' });
    expect(await mm.core.dispatcher.dispatch('cases.update', { id: caseId, person: { aliases: [] } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
