import { z } from 'zod';
import { CountryCode, IsoDate, Line, OrganisationRef, RecordId, Text } from './common';

/**
 * Return (repatriation) along the Thailand–Myanmar MoU practice: destination, planned date, route and
 * escort, travel documents, the receiving counterpart organisation, case-conference notes. The
 * handover itself is a Transition (`services.ts`) with a supervisor's approval when it crosses a border.
 */

export const TRAVEL_DOCUMENT_TYPES = ['Passport', 'CertificateOfIdentity', 'TemporaryPassport', 'TravelPermit', 'NationalityVerification', 'Other'] as const;
export const TravelDocument = z.object({
  type: z.enum(TRAVEL_DOCUMENT_TYPES),
  number: Line(60).optional(),
  status: z.enum(['needed', 'applied', 'issued', 'not_needed']),
  issuedOn: IsoDate.optional(),
  expiresOn: IsoDate.optional(),
});

export const RouteLeg = z.object({
  from: Line(200),
  to: Line(200),
  mode: z.enum(['road', 'air', 'boat', 'rail', 'foot', 'other']),
  date: IsoDate.optional(),
  /** Border crossing point, for legs that cross one. */
  borderCrossing: Line(200).optional(),
});

export const CaseConference = z.object({
  date: IsoDate,
  participants: Text(1000),
  notes: Text(10_000),
});

export const ReturnPlan = z.object({
  caseId: RecordId,
  destinationCountry: CountryCode,
  destinationArea: Line(200).optional(),
  plannedDate: IsoDate,
  /** The day the person actually arrived; the reintegration plan is due within a month of it. */
  actualReturnDate: IsoDate.optional(),
  route: z.array(RouteLeg).max(20).default([]),
  escortRequired: z.boolean().default(false),
  escortName: Line(200).optional(),
  escortOrganisation: Line(200).optional(),
  travelDocuments: z.array(TravelDocument).max(10).default([]),
  receivingOrganisation: OrganisationRef,
  receivingContact: Line(200).optional(),
  familyAssessmentDone: z.boolean().default(false),
  caseConferences: z.array(CaseConference).max(50).default([]),
  cancelled: z.boolean().default(false),
  notes: Text(10_000).optional(),
});
export type ReturnPlan = z.infer<typeof ReturnPlan>;

/** A return crosses a border when its destination is not the country of the office that plans it. */
export const isCrossBorder = (destinationCountry: string, officeCountry: string): boolean => destinationCountry !== officeCountry;
