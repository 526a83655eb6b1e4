import { z } from 'zod';
import { Approval, CountryCode, IsoDate, Line, OrganisationRef, RecordId, Text, Timestamp, Username } from './common';
import { CaseNumber, ClosureReason, Stage } from './lifecycle';
import { PersonFields } from './person';
import { CaseStatus, ReferralReason } from './vocabulary';

/**
 * The case record: the person (HTCDS `prs_*`) and the case around them (`cas_*`), kept flat so that
 * the merge of DESIGN §6 compares field by field (two offices editing the phone and the address do
 * not conflict). Everything else about the case lives in owned child records that carry `caseId`.
 */

/** Who first identified the person (Counterpart addition; HTCDS has no field for it). */
export const IDENTIFICATION_SOURCES = ['Police', 'LabourInspection', 'Immigration', 'SocialWelfare', 'NGO', 'Hotline', 'SelfIdentified', 'Community', 'Embassy', 'Other'] as const;
export const IdentificationSource = z.enum(IDENTIFICATION_SOURCES);

export const Identification = z.object({
  identificationDate: IsoDate,
  /** Where the person was identified; CTDC uses it when the country of exploitation is unknown. */
  identificationCountry: CountryCode,
  identificationPlace: Line(200).optional(),
  identificationSource: IdentificationSource,
  cas_ReferringOrganisation: OrganisationRef.optional(),
  cas_IncomingReferralDate: IsoDate.optional(),
  cas_ReasonForIncomingReferral: ReferralReason.optional(),
  cas_IncomingReferralDetails: Text(5000).optional(),
});
export type Identification = z.infer<typeof Identification>;

export const DUPLICATE_RESOLUTIONS = ['open', 'not_duplicate', 'duplicate'] as const;
export const PossibleDuplicate = z.object({
  caseId: RecordId,
  caseNumber: z.string(),
  score: z.number().min(0).max(1),
  resolution: z.enum(DUPLICATE_RESOLUTIONS),
  resolvedBy: Username.optional(),
});
export type PossibleDuplicate = z.infer<typeof PossibleDuplicate>;

export const Closure = z.object({
  reason: ClosureReason,
  cas_ReasonForCaseClosure: Text(5000).pipe(z.string().min(1)),
  approval: Approval,
});
export type Closure = z.infer<typeof Closure>;

const caseShape = {
  caseNumber: CaseNumber,
  stage: Stage,
  /** Where the case stood when it was closed: reopening returns it there. */
  stageBeforeClosure: Stage.optional(),
  cas_Status: CaseStatus,
  /** The case worker responsible now (a user of the owning office). */
  assignee: Username.optional(),
  /** `cas_CaseOwner`: who registered the case. */
  cas_CaseOwner: Username,
  registeredAt: Timestamp,
  ...Identification.shape,
  /** A closure asked for (approval pending) or granted; a reopened case has none. */
  closure: Closure.optional(),
  possibleDuplicates: z.array(PossibleDuplicate).max(50).default([]),
  /** Synthetic demonstration data (`counterpart demo`): never a real person. */
  demo: z.boolean().default(false),
};

/** The fields of a case record (without the cross-field rule), for field lists and profiles. */
export const CaseRecordFields = PersonFields.extend(caseShape);

export const CaseRecord = CaseRecordFields.refine((c) => !(c.estimatedAge !== undefined && c.estimatedAgeOn === undefined), {
  message: 'Say on which day the age was estimated.',
  path: ['estimatedAgeOn'],
});
export type CaseRecord = z.infer<typeof CaseRecord>;
