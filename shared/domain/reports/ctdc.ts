import { ctdcGender, traffickMonthsBand, type Gender } from '../cases';
import { exploitationCountriesOf } from './dimensions';
import { ageBandOf, CTDC_AGE_BOUNDS, type ReportCase } from './facts';

/**
 * The CTDC Global Synthetic Dataset shape (../shared/standards/ctdc-v2024.md): exactly 27 columns in
 * this order, with CTDC's spellings, one row per case, derived from the case facts only — no name,
 * date of birth, place below country or free text can appear, because ReportCase holds none.
 */
export const CTDC_COLUMNS = [
  'yearOfRegistration',
  'gender',
  'ageBroad',
  'citizenship',
  'CountryOfExploitation',
  'traffickMonths',
  'meansDebtBondageEarnings',
  'meansThreats',
  'meansAbusePsyPhySex',
  'meansFalsePromises',
  'meansDrugsAlcohol',
  'meansDenyBasicNeeds',
  'meansExcessiveWorkHours',
  'meansWithholdDocs',
  'isForcedLabour',
  'isSexualExploit',
  'isOtherExploit',
  'typeOfLabourAgriculture',
  'typeOfLabourConstruction',
  'typeOfLabourDomesticWork',
  'typeOfLabourHospitality',
  'typeOfSexProstitution',
  'typeOfSexPornography',
  'recruiterRelationIntimatePartner',
  'recruiterRelationFriend',
  'recruiterRelationFamily',
  'recruiterRelationOther',
] as const;
export type CtdcColumn = (typeof CTDC_COLUMNS)[number];
export type CtdcRow = Record<CtdcColumn, string>;

/** Which recorded values set a flag column to 1 (HTCDS values, with Counterpart's marked additions). */
const FLAGS: Record<Exclude<CtdcColumn, 'yearOfRegistration' | 'gender' | 'ageBroad' | 'citizenship' | 'CountryOfExploitation' | 'traffickMonths'>, { field: 'means' | 'exploitation' | 'labour' | 'sexTypes' | 'recruiter'; values: readonly string[] }> = {
  meansDebtBondageEarnings: { field: 'means', values: ['DebtBondage', 'TakesEarnings'] },
  meansThreats: { field: 'means', values: ['PhysicalThreats', 'ThreatensChildrenFamily', 'ThreatsLawEnforcement'] },
  meansAbusePsyPhySex: { field: 'means', values: ['PsychologicalAbuse', 'PhysicalAbuse', 'SexualAbuse'] },
  meansFalsePromises: { field: 'means', values: ['FalsePromises'] },
  meansDrugsAlcohol: { field: 'means', values: ['PsychoactiveSubstance'] },
  meansDenyBasicNeeds: { field: 'means', values: ['RestrictsFinancialAccess', 'RestrictsMovement', 'RestrictsMedicalCare', 'WithholdsNecessities'] },
  meansExcessiveWorkHours: { field: 'means', values: ['ExcessiveWorkingHours'] },
  meansWithholdDocs: { field: 'means', values: ['WithholdsDocuments'] },
  isForcedLabour: { field: 'exploitation', values: ['ForcedLabour', 'ChildLabour'] },
  isSexualExploit: { field: 'exploitation', values: ['SexualExploitation'] },
  isOtherExploit: {
    field: 'exploitation',
    values: ['ForcedMarriage', 'ForcedMilitaryByNonStateActors', 'OrganRemoval', 'ForcedCriminality', 'ForcedBegging', 'Servitude', 'ForcedAdoption', 'Surrogacy', 'Other'],
  },
  typeOfLabourAgriculture: { field: 'labour', values: ['A_AgricultureForestryAndFishing'] },
  typeOfLabourConstruction: { field: 'labour', values: ['F_Construction'] },
  typeOfLabourDomesticWork: { field: 'labour', values: ['T_ActivitiesOfHouseholdsAsEmployers'] },
  typeOfLabourHospitality: { field: 'labour', values: ['I_AccommodationAndFoodServiceActivities'] },
  typeOfSexProstitution: { field: 'sexTypes', values: ['Prostitution'] },
  typeOfSexPornography: { field: 'sexTypes', values: ['Pornography'] },
  recruiterRelationIntimatePartner: { field: 'recruiter', values: ['IntimatePartner'] },
  recruiterRelationFriend: { field: 'recruiter', values: ['Friend'] },
  recruiterRelationFamily: { field: 'recruiter', values: ['Family'] },
  recruiterRelationOther: { field: 'recruiter', values: ['Other'] },
};

export function ctdcRow(c: ReportCase): CtdcRow {
  const flags = Object.fromEntries(Object.entries(FLAGS).map(([column, { field, values }]) => [column, c[field].some((v) => values.includes(v)) ? '1' : ''])) as Record<keyof typeof FLAGS, string>;
  return {
    yearOfRegistration: c.registeredOn.slice(0, 4),
    gender: ctdcGender(c.gender as Gender),
    ageBroad: ageBandOf(c.age, CTDC_AGE_BOUNDS) ?? '',
    citizenship: c.citizenship[0] ?? '',
    CountryOfExploitation: exploitationCountriesOf(c)[0] ?? '',
    traffickMonths: traffickMonthsBand(c.traffickMonths),
    ...flags,
  };
}

const csvField = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** RFC 4180 CSV with CRLF line ends and the header row. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export const ctdcCsv = (rows: readonly CtdcRow[]): string => toCsv(CTDC_COLUMNS, rows.map((r) => CTDC_COLUMNS.map((c) => r[c])));

/**
 * The columns that, together, could single a person out (age, gender, where, when). The export is
 * k-anonymous over them: every combination that is written appears in at least k rows.
 */
export const CTDC_QUASI_IDENTIFIERS = ['yearOfRegistration', 'gender', 'ageBroad', 'citizenship', 'CountryOfExploitation', 'traffickMonths'] as const satisfies readonly CtdcColumn[];
/** What is blanked first when a combination is rarer than k: the finest detail first. */
const GENERALISE_ORDER: readonly CtdcColumn[] = ['traffickMonths', 'ageBroad', 'CountryOfExploitation', 'citizenship', 'yearOfRegistration', 'gender'];

export type CtdcProtection = { k: number; generalisedRows: number; droppedRows: number };

/**
 * Local suppression to k-anonymity: rows whose combination of quasi-identifiers occurs fewer than k
 * times have their finest remaining detail blanked, step by step, together; rows still rarer than k
 * once everything is blank are left out. A group already k strong is never split.
 */
export function kAnonymise(rows: readonly CtdcRow[], k: number): { rows: CtdcRow[]; protection: CtdcProtection } {
  const work = rows.map((r) => ({ row: { ...r }, level: 0 }));
  const key = (r: CtdcRow) => CTDC_QUASI_IDENTIFIERS.map((c) => r[c]).join('\u0000');
  for (let round = 0; round <= GENERALISE_ORDER.length; round++) {
    const sizes = new Map<string, number>();
    for (const w of work) sizes.set(key(w.row), (sizes.get(key(w.row)) ?? 0) + 1);
    const rare = work.filter((w) => sizes.get(key(w.row))! < k);
    if (rare.length === 0) break;
    for (const w of rare) {
      if (w.level < GENERALISE_ORDER.length) w.row[GENERALISE_ORDER[w.level]!] = '';
      w.level++;
    }
  }
  const sizes = new Map<string, number>();
  for (const w of work) sizes.set(key(w.row), (sizes.get(key(w.row)) ?? 0) + 1);
  const kept = work.filter((w) => sizes.get(key(w.row))! >= k);
  return {
    rows: kept.map((w) => w.row),
    protection: { k, generalisedRows: kept.filter((w) => w.level > 0).length, droppedRows: work.length - kept.length },
  };
}
