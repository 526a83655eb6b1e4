import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { caseOffice, today, type CaseOffice } from './testkit';

let office: CaseOffice | undefined;
afterEach(() => {
  office?.core.session.lock('user');
  if (office) rmSync(office.dir, { recursive: true, force: true });
  office = undefined;
});

describe('a case worker corrects a person after registration', () => {
  it('the edit form’s whole patch (estimate kept, blanks cleared) is accepted', async () => {
    office = await caseOffice();
    const o = office;
    const { caseId } = await o.call('cases.register', {
      person: { prs_FirstName: 'Sokha', prs_SecondName: 'Chann', prs_Gender: 'NonSpecifiedUnknown', estimatedAge: 24, estimatedAgeOn: today(), prs_Citizenship: ['KHM'] },
      identification: { identificationDate: today(), identificationCountry: 'THA', identificationSource: 'Police' },
    });
    const answer = await o.attempt('cases.update', {
      id: caseId,
      person: {
        prs_FirstName: 'Sokha',
        prs_MiddleName: null,
        prs_SecondName: 'Chan',
        aliases: [],
        prs_Gender: 'NonSpecifiedUnknown',
        prs_Birthdate: null,
        estimatedAge: 24,
        estimatedAgeOn: today(),
        prs_Citizenship: ['KHM'],
        prs_PrimaryLanguage: null,
        prs_MobilePhone: '+66 89 555 0101',
        prs_IdentityNumber: null,
      },
      identification: { identificationDate: today(), identificationCountry: 'THA', identificationPlace: null, identificationSource: 'Police' },
    });
    expect(answer).toMatchObject({ ok: true });
    const view = await o.call('cases.get', { id: caseId });
    expect(view.case).toMatchObject({ prs_SecondName: 'Chan', prs_MobilePhone: '+66895550101', estimatedAge: 24 });
    expect(view.case.prs_MiddleName).toBeUndefined();
    const { entries } = await o.call('cases.timeline', { id: caseId });
    const updated = entries.filter((e) => e.kind === 'updated');
    expect(updated).toHaveLength(1);
    expect(updated[0]?.details.fields).toEqual(['prs_SecondName', 'prs_MobilePhone']);
  });

  it('a birth date replaces the estimate; an empty middle name stays empty', async () => {
    office = await caseOffice();
    const o = office;
    const { caseId } = await o.call('cases.register', {
      person: { prs_FirstName: 'Lan', prs_Gender: 'Feminine', estimatedAge: 30, estimatedAgeOn: today(), prs_Citizenship: ['VNM'] },
      identification: { identificationDate: today(), identificationCountry: 'THA', identificationSource: 'NGO' },
    });
    await o.call('cases.update', { id: caseId, person: { prs_Birthdate: '1994-05-02', estimatedAge: null, estimatedAgeOn: null } });
    const view = await o.call('cases.get', { id: caseId });
    expect(view.case.prs_Birthdate).toBe('1994-05-02');
    expect(view.case.estimatedAge).toBeUndefined();
    expect(view.case.estimatedAgeOn).toBeUndefined();
  });
});
