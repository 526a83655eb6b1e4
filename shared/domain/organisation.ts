import { z } from 'zod';
import { isIso3166Alpha3 } from './countries';

/** HTCDS 2.0 `org_Type` picklist. */
export const ORG_TYPES = [
  'NGO',
  'LawEnforcement',
  'HealthServiceOrganisation',
  'CentralGovernmentOrganisation',
  'LocalGovernmentOrganisation',
  'ImmigrationService',
  'LegalService',
  'CorporateBusiness',
  'SchoolOrCollege',
] as const;
export const OrgType = z.enum(ORG_TYPES);

/** Organisation codes such as `TH-ATTF`: upper-case letters, digits and hyphens. */
export const OrgCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9]{2,10}(-[A-Z0-9]{1,12}){0,3}$/, 'An organisation code is upper-case letters and digits in parts joined by hyphens, such as TH-ATTF.');

export const CountryCode = z
  .string()
  .trim()
  .refine(isIso3166Alpha3, 'Use an ISO 3166 alpha-3 country code, such as THA or MMR.');

export const Organisation = z.object({
  name: z.string().trim().min(2).max(200),
  code: OrgCode,
  country: CountryCode,
  type: OrgType,
});
export type Organisation = z.infer<typeof Organisation>;
