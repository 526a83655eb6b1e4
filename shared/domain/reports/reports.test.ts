import { describe, expect, it } from 'vitest';
import { AGE_BANDS } from '../cases';
import { ageBandLabels, CTDC_AGE_BOUNDS, type ReportCase } from './facts';
import { CTDC_COLUMNS, ctdcCsv, ctdcRow, kAnonymise } from './ctdc';
import { oneWayTable, crossTab } from './tables';
import { demographicReport, DemographicRequest } from './demographics';
import { computeKpis } from './kpis';

const base: ReportCase = {
  ownerOrg: 'TH-ATTF',
  stage: 'assistance',
  gender: 'Feminine',
  age: 25,
  citizenship: ['MMR'],
  exploitationCountries: ['THA'],
  identificationCountry: 'THA',
  exploitation: [],
  labour: [],
  sexTypes: [],
  means: [],
  recruiter: [],
  registeredOn: '2025-03-01',
  identifiedOn: '2025-02-27',
  scope: 'international',
  traffickMonths: null,
};
const times = (n: number, c: Partial<ReportCase>): ReportCase[] => Array.from({ length: n }, () => ({ ...base, ...c }));

describe('demographic tables', () => {
  it('the CTDC age bands are the case module’s nine, in the same spelling', () => {
    expect(ageBandLabels(CTDC_AGE_BOUNDS)).toEqual([...AGE_BANDS]);
    expect(ageBandLabels([17, 59])).toEqual(['0--17', '18--59', '60+']);
  });

  it('multi-select groups use CTDC’s denominator: only cases with a value of the group recorded', () => {
    // 20 cases: 10 with means recorded (8 debt bondage, 6 threats, both for 4), 10 with none.
    const cases = [...times(4, { means: ['DebtBondage', 'PhysicalThreats'] }), ...times(4, { means: ['DebtBondage'] }), ...times(2, { means: ['PhysicalThreats'] }), ...times(10, {})];
    const { table } = oneWayTable(cases, 'meansOfControl', { k: 3, rounded: false });
    expect(table).toMatchObject({ multi: true, recorded: 10, unknown: 10, total: 20 });
    expect(table.rows).toEqual([
      { category: 'PhysicalThreats', count: 6, share: 0.6 },
      { category: 'DebtBondage', count: 8, share: 0.8 },
    ]);
    // Shares of a multi-select group may add up to more than 100 %.
    expect(table.rows.reduce((a, r) => a + r.share!, 0)).toBeGreaterThan(1);
  });

  it('a single-valued dimension: categories and unknown add up to the total; a small cell is hidden with a complement', () => {
    const cases = [...times(2, { gender: 'Masculine' }), ...times(30, {}), ...times(8, { gender: 'NonSpecifiedUnknown' })];
    const { table, protection } = oneWayTable(cases, 'gender', { k: 5, rounded: false });
    const byCat = Object.fromEntries(table.rows.map((r) => [r.category, r.count]));
    expect(byCat).toEqual({ Feminine: 30, Masculine: null });
    // The 2 men would follow from 40 - 30 - 8: the unknown (next smallest) is hidden too.
    expect(table.unknown).toBeNull();
    expect(table.total).toBe(40);
    expect(protection).toMatchObject({ primary: 1, complementary: 1 });
  });

  it('rounding publishes multiples of k and shares from the rounded figures', () => {
    const cases = [...times(13, {}), ...times(22, { gender: 'Masculine' })];
    const { table } = oneWayTable(cases, 'gender', { k: 5, rounded: true });
    expect(table.rows.map((r) => r.count)).toEqual([15, 20]);
    expect(table.total).toBe(35);
    expect(table.rows[0]!.share).toBeCloseTo(15 / 35);
  });

  it('a cross-tab of two dimensions with margins, unknown as its own category', () => {
    const cases = [...times(6, { registeredOn: '2024-05-01' }), ...times(7, { gender: 'Masculine', scope: 'internal' }), ...times(5, { scope: 'unknown' })];
    const { table } = crossTab(cases, 'gender', 'scope', { k: 5, rounded: false });
    expect(table.rowCategories).toEqual(['Feminine', 'Masculine']);
    expect(table.columnCategories).toEqual(['international', 'internal', 'unknown']);
    expect(table.cells).toEqual([
      [6, 0, 5],
      [0, 7, 0],
    ]);
    expect(table.rowTotals).toEqual([11, 7]);
    expect(table.grandTotal).toBe(18);
    expect(table.countsMentions).toBe(false);
  });

  it('a figure hidden in a one-way table is hidden in the cross-tab too, and the other way round', () => {
    // 30 women, 2 men, 8 of unknown gender: the one-way table hides the 2 and (as complement) the 8.
    // The cross-tab by scope would publish the 8 as a row total, giving the 2 away as 40 - 30 - 8.
    const cases = [...times(30, {}), ...times(2, { gender: 'Masculine' }), ...times(8, { gender: 'NonSpecifiedUnknown' })];
    const report = demographicReport(cases, DemographicRequest.parse({ dimensions: ['gender', 'scope'], crossTab: { rows: 'gender', columns: 'scope' } }));
    const gender = report.tables.find((t) => t.dimension === 'gender')!;
    expect(gender.unknown).toBeNull();
    const cross = report.crossTab!;
    expect(cross.rowCategories).toEqual(['Feminine', 'Masculine', 'unknown']);
    expect(cross.rowTotals).toEqual([30, null, null]);
    for (const [i, category] of cross.rowCategories.entries()) {
      const oneWay = category === 'unknown' ? gender.unknown : gender.rows.find((r) => r.category === category)!.count;
      expect(oneWay === null, category).toBe(cross.rowTotals[i] === null);
    }
    expect(cross.grandTotal).toBe(gender.total);
  });

  it('filters narrow by period, stage and organisation', () => {
    const cases = [...times(6, { registeredOn: '2023-12-31' }), ...times(7, { stage: 'closed' }), ...times(8, { ownerOrg: 'MM-DSW' }), ...times(9, {})];
    const req = DemographicRequest.parse({ dimensions: ['gender'], filters: { from: '2024-01-01', stage: ['assistance'], organisation: ['TH-ATTF'] } });
    expect(demographicReport(cases, req).cases).toBe(9);
    expect(DemographicRequest.safeParse({ filters: { from: '2025-01-01', to: '2024-01-01' } }).success).toBe(false);
    expect(DemographicRequest.safeParse({ k: 2 }).success).toBe(false);
    expect(DemographicRequest.safeParse({ k: 12 }).success).toBe(false);
  });
});

describe('CTDC export', () => {
  it('has exactly the 27 columns in order', () => {
    expect(CTDC_COLUMNS).toHaveLength(27);
    expect(ctdcCsv([]).split('\r\n')[0]).toBe(
      'yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,traffickMonths,meansDebtBondageEarnings,meansThreats,meansAbusePsyPhySex,meansFalsePromises,meansDrugsAlcohol,meansDenyBasicNeeds,meansExcessiveWorkHours,meansWithholdDocs,isForcedLabour,isSexualExploit,isOtherExploit,typeOfLabourAgriculture,typeOfLabourConstruction,typeOfLabourDomesticWork,typeOfLabourHospitality,typeOfSexProstitution,typeOfSexPornography,recruiterRelationIntimatePartner,recruiterRelationFriend,recruiterRelationFamily,recruiterRelationOther',
    );
  });

  it('age bands turn at 8/9, 17/18, 20/21 and 47/48; gender and flags in CTDC spelling', () => {
    const band = (age: number | null) => ctdcRow({ ...base, age }).ageBroad;
    expect([8, 9, 17, 18, 20, 21, 47, 48].map(band)).toEqual(['0--8', '9--17', '9--17', '18--20', '18--20', '21--23', '39--47', '48+']);
    expect(band(null)).toBe('');
    const row = ctdcRow({ ...base, gender: 'TransgenderMasculine', means: ['TakesEarnings', 'RestrictsMovement'], exploitation: ['ForcedCriminality'], labour: ['T_ActivitiesOfHouseholdsAsEmployers'], recruiter: ['Friend'], traffickMonths: 13 });
    expect(row).toMatchObject({
      gender: 'Trans/Transgender/NonConforming',
      yearOfRegistration: '2025',
      citizenship: 'MMR',
      CountryOfExploitation: 'THA',
      traffickMonths: '13--24 (1-2 yrs)',
      meansDebtBondageEarnings: '1',
      meansDenyBasicNeeds: '1',
      meansThreats: '',
      isOtherExploit: '1',
      isForcedLabour: '',
      typeOfLabourDomesticWork: '1',
      recruiterRelationFriend: '1',
    });
    // No exploitation country recorded: where the person was identified.
    expect(ctdcRow({ ...base, exploitationCountries: [], identificationCountry: 'KHM' }).CountryOfExploitation).toBe('KHM');
  });

  it('is k-anonymous over age, gender, place and time: a rare combination is generalised, never split from a k-strong group', () => {
    const rows = [...times(5, {}), ...times(2, { age: 60 }), ...times(1, { citizenship: ['LAO'], age: 60 })].map(ctdcRow);
    const { rows: out, protection } = kAnonymise(rows, 3);
    expect(out.filter((r) => r.ageBroad === '24--26')).toHaveLength(5);
    // The three rarer rows lose age and then country of exploitation and citizenship until they group.
    expect(out.filter((r) => r.ageBroad === '')).toHaveLength(3);
    expect(out.filter((r) => r.ageBroad === '').every((r) => r.citizenship === '')).toBe(true);
    expect(protection).toEqual({ k: 3, generalisedRows: 3, droppedRows: 0 });
    // Two rows that never reach k are left out.
    expect(kAnonymise([...times(5, {}), ...times(2, { gender: 'Masculine' })].map(ctdcRow), 3).protection.droppedRows).toBe(2);
  });
});

describe('case-management KPIs', () => {
  it('median days to referral, share accepted, overdue follow-ups and scores by quarter, with small figures held back', () => {
    const cases = Array.from({ length: 6 }, (_, i) => ({ caseId: `c${i}`, stage: i === 5 ? 'closed' : 'assistance', assignee: i < 3 ? 'somchai' : i < 5 ? 'aye' : null, identifiedOn: '2025-01-01' }));
    const referrals = cases.map((c, i) => ({ caseId: c.caseId, referredOn: `2025-01-0${i + 2}`, status: i < 5 ? 'accepted' : 'rejected' }));
    const followUps = [
      ...cases.map((c) => ({ caseId: c.caseId, dueDate: '2025-02-01', visitDate: '2025-02-03', cancelled: false, composite: 0.5 })),
      ...cases.map((c) => ({ caseId: c.caseId, dueDate: '2025-05-01', visitDate: null, cancelled: false, composite: null })),
    ];
    const k = computeKpis({ cases, referrals, followUps, today: '2025-06-01', k: 3, round: false });
    expect(k.caseload).toMatchObject({ openCases: 5, workers: 2, perWorker: [{ worker: 'somchai', openCases: 3 }, { worker: 'aye', openCases: 2 }], median: 2.5, max: 3 });
    expect(k.caseload.unassigned).toBe(0);
    expect(k.identificationToReferral).toEqual({ cases: 6, medianDays: 3.5 });
    // 5 accepted, 1 rejected: the 1 would follow from 6 - 5, so the accepted count and the share are held back.
    expect(k.referrals).toEqual({ decided: 6, accepted: null, share: null });
    expect(k.followUps).toEqual({ open: 6, overdue: 6 });
    expect(k.reintegration).toEqual([{ period: '2025-Q1', visits: 6, meanScore: 0.5 }]);
    expect(computeKpis({ cases: cases.slice(0, 2), referrals, followUps, today: '2025-06-01', k: 3, round: false }).identificationToReferral).toEqual({ cases: null, medianDays: null });
  });
});
