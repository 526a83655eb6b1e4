import { z } from 'zod';
import { CountryCode, IsoDate, LanguageCode, Line, Phone, Text } from './common';
import { EducationLevel, Gender, MaritalStatus } from './vocabulary';

/**
 * The person a case is about (HTCDS "Person" section, `prs_*` codes). Names are kept as written, in any
 * script; `aliases` hold other spellings (another script, a nickname, the name on a document).
 * Either a birth date or an estimated age (with the date it was estimated) — often only the latter is known.
 */

export const IDENTITY_DOCUMENT_TYPES = ['NationalId', 'Passport', 'CertificateOfIdentity', 'BorderPass', 'WorkPermit', 'PinkCard', 'BirthCertificate', 'Other'] as const;
export const IdentityDocumentType = z.enum(IDENTITY_DOCUMENT_TYPES);

export const CONTACT_RELATIONS = ['Parent', 'Spouse', 'Sibling', 'Child', 'OtherRelative', 'Friend', 'Guardian', 'Other'] as const;
export const TrustedContact = z.object({
  name: Line(200),
  relation: z.enum(CONTACT_RELATIONS),
  phone: Phone.optional(),
  notes: Text(500).optional(),
});

const personShape = {
  prs_FirstName: Line(200),
  prs_MiddleName: Line(200).optional(),
  prs_SecondName: Line(200).optional(),
  aliases: z.array(Line(200)).max(20).default([]),
  prs_Gender: Gender,
  prs_Birthdate: IsoDate.optional(),
  /** Estimated age in years, when no birth date is known. */
  estimatedAge: z.number().int().min(0).max(120).optional(),
  /** The day the age was estimated (ages move on). */
  estimatedAgeOn: IsoDate.optional(),
  prs_Citizenship: z.array(CountryCode).max(5).default([]),
  /** Stateless or citizenship not determined (distinct from "not asked"). */
  stateless: z.boolean().default(false),
  prs_PrimaryLanguage: LanguageCode.optional(),
  otherLanguages: z.array(LanguageCode).max(10).default([]),
  prs_MaritalStatus: MaritalStatus.optional(),
  prs_NumberOfChildren: z.number().int().min(0).max(30).optional(),
  prs_HighestLevelOfEducation: EducationLevel.optional(),
  prs_MobilePhone: Phone.optional(),
  prs_HomePhone: Phone.optional(),
  prs_Email: z.email().max(200).optional(),
  prs_MailingStreet: Line(200).optional(),
  prs_MailingCity: Line(120).optional(),
  prs_MailingState: Line(120).optional(),
  prs_MailingPostalCode: Line(20).optional(),
  prs_MailingCountry: CountryCode.optional(),
  identityDocumentType: IdentityDocumentType.optional(),
  prs_IdentityNumber: Line(60).optional(),
  identityDocumentCountry: CountryCode.optional(),
  trustedContacts: z.array(TrustedContact).max(10).default([]),
};

const ageRule = (p: { prs_Birthdate?: string; estimatedAge?: number; estimatedAgeOn?: string }) => !(p.estimatedAge !== undefined && p.estimatedAgeOn === undefined);
const AGE_MESSAGE = { message: 'Say on which day the age was estimated.', path: ['estimatedAgeOn'] };

export const Person = z.object(personShape).refine(ageRule, AGE_MESSAGE);
export type Person = z.infer<typeof Person>;
export const PersonFields = z.object(personShape);

/** The fields of a person that identify or reach them: hidden from roles without need (docs/cases.md). */
export const IDENTIFYING_FIELDS = [
  'prs_FirstName',
  'prs_MiddleName',
  'prs_SecondName',
  'aliases',
  'prs_Birthdate',
  'prs_MobilePhone',
  'prs_HomePhone',
  'prs_Email',
  'prs_MailingStreet',
  'prs_MailingCity',
  'prs_MailingState',
  'prs_MailingPostalCode',
  'prs_IdentityNumber',
  'trustedContacts',
] as const satisfies readonly (keyof typeof personShape)[];

export const displayName = (p: { prs_FirstName: string; prs_MiddleName?: string; prs_SecondName?: string }): string =>
  [p.prs_FirstName, p.prs_MiddleName, p.prs_SecondName].filter(Boolean).join(' ');

/** Age in whole years on `on`, from the birth date or else from the estimate moved forward. */
export function ageOn(p: { prs_Birthdate?: string; estimatedAge?: number; estimatedAgeOn?: string }, on: string): number | null {
  if (p.prs_Birthdate) return yearsBetween(p.prs_Birthdate, on);
  if (p.estimatedAge !== undefined) return p.estimatedAge + (p.estimatedAgeOn ? yearsBetween(p.estimatedAgeOn, on) : 0);
  return null;
}

function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years--;
  return Math.max(0, years);
}

/** CTDC `ageBroad` bands (the published CSV writes ranges with a double hyphen). */
export const AGE_BANDS = ['0--8', '9--17', '18--20', '21--23', '24--26', '27--29', '30--38', '39--47', '48+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export function ageBand(age: number | null): AgeBand | null {
  if (age === null) return null;
  const upper = [8, 17, 20, 23, 26, 29, 38, 47];
  const i = upper.findIndex((u) => age <= u);
  return AGE_BANDS[i === -1 ? 8 : i]!;
}

export const isChild = (age: number | null): boolean => age !== null && age < 18;

/** CTDC `gender` column from `prs_Gender` (empty when not known). */
export function ctdcGender(g: Gender): 'Man' | 'Woman' | 'Trans/Transgender/NonConforming' | '' {
  switch (g) {
    case 'Feminine':
      return 'Woman';
    case 'Masculine':
      return 'Man';
    case 'NonSpecifiedUnknown':
      return '';
    default:
      return 'Trans/Transgender/NonConforming';
  }
}
