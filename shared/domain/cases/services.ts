import { z } from 'zod';
import { Approval, CountryCode, Currency, IsoDate, Line, OrganisationRef, Phone, RecordId, Text, Timestamp, Username } from './common';
import { ConsentBasis } from './consent';
import { ORG_TYPES } from '../organisation';
import { ReferralReason } from './vocabulary';

/**
 * The service directory, referrals and handovers (one Transition model, Primero's idea), and the
 * assistance log.
 */

export const SERVICE_TYPES = ['shelter', 'medical', 'psychosocial', 'legal_aid', 'livelihood', 'education', 'financial', 'family_tracing', 'documentation', 'other'] as const;
export const ServiceType = z.enum(SERVICE_TYPES);
export type ServiceType = z.infer<typeof ServiceType>;

/** A service provider of the directory (HTCDS "Organization" section, `org_*`). Not personal data. */
export const ServiceProvider = z.object({
  org_Name: Line(200),
  org_Type: z.enum(ORG_TYPES),
  /** Partner organisation code, when the provider is also an exchange partner (consent and bundles match on it). */
  orgCode: z.string().trim().toUpperCase().max(40).optional(),
  services: z.array(ServiceType).min(1),
  org_ShippingCountry: CountryCode,
  org_ShippingState: Line(120).optional(),
  org_ShippingCity: Line(120).optional(),
  org_ShippingStreet: Line(200).optional(),
  org_Phone: Phone.optional(),
  email: z.email().max(200).optional(),
  contactPerson: Line(200).optional(),
  /** Who they serve: women, men, children, families — in words. */
  servesWhom: Text(500).optional(),
  notes: Text(2000).optional(),
  active: z.boolean().default(true),
});
export type ServiceProvider = z.infer<typeof ServiceProvider>;

/** Transition statuses (Primero's model): one for referrals and handovers alike. */
export const TRANSITION_STATUSES = ['in_progress', 'accepted', 'rejected', 'done', 'revoked'] as const;
export const TransitionStatus = z.enum(TRANSITION_STATUSES);
export type TransitionStatus = z.infer<typeof TransitionStatus>;

export const TRANSITION_MOVES: Readonly<Record<TransitionStatus, readonly TransitionStatus[]>> = {
  in_progress: ['accepted', 'rejected', 'revoked'],
  accepted: ['done', 'revoked'],
  rejected: [],
  done: [],
  revoked: [],
};
export const canMoveTransition = (from: TransitionStatus, to: TransitionStatus): boolean => TRANSITION_MOVES[from].includes(to);
export const isOpenTransition = (s: TransitionStatus): boolean => s === 'in_progress' || s === 'accepted';

export const TransitionHistoryEntry = z.object({
  status: TransitionStatus,
  at: Timestamp,
  by: Username,
  comment: Text(2000).optional(),
});

const transitionCommon = {
  caseId: RecordId,
  status: TransitionStatus,
  requestedBy: Username,
  requestedAt: Timestamp,
  consentBasis: ConsentBasis,
  history: z.array(TransitionHistoryEntry).max(100),
};

/** A referral to a provider of the directory (HTCDS `cas_Referred*` / `cas_*OutgoingReferral*`). */
export const Referral = z.object({
  kind: z.literal('referral'),
  ...transitionCommon,
  providerId: RecordId,
  cas_ReferredOrganisation: OrganisationRef,
  services: z.array(ServiceType).min(1),
  urgency: z.enum(['routine', 'urgent', 'emergency']).default('routine'),
  cas_ReasonForOutgoingReferral: ReferralReason,
  cas_OutgoingReferralDate: IsoDate,
  cas_OutgoingReferralDetails: Text(5000).optional(),
  cas_ReferredPrimaryCaseWorker: Line(200).optional(),
});
export type Referral = z.infer<typeof Referral>;

/** The handover of a returning person to the receiving counterpart organisation. */
export const Handover = z.object({
  kind: z.literal('handover'),
  ...transitionCommon,
  returnId: RecordId,
  receivingOrganisation: OrganisationRef,
  crossBorder: z.boolean(),
  /** A cross-border handover needs a supervisor's approval before it can be completed. */
  approval: Approval.optional(),
});
export type Handover = z.infer<typeof Handover>;

export const Transition = z.discriminatedUnion('kind', [Referral, Handover]);
export type Transition = z.infer<typeof Transition>;

export const ASSISTANCE_TYPES = ['shelter', 'medical', 'psychosocial', 'legal_aid', 'livelihood', 'education', 'financial', 'family_tracing', 'documentation'] as const;
export const AssistanceType = z.enum(ASSISTANCE_TYPES);

export const Money = z.object({ amount: z.number().min(0).max(1e12), currency: Currency });

/** One assistance given (the assistance log). */
export const Assistance = z
  .object({
    caseId: RecordId,
    type: AssistanceType,
    providerId: RecordId.optional(),
    provider: OrganisationRef,
    referralId: RecordId.optional(),
    startDate: IsoDate,
    endDate: IsoDate.optional(),
    description: Text(5000).optional(),
    cost: Money.optional(),
    fundedBy: Line(200).optional(),
    recordedBy: Username,
  })
  .refine((a) => a.endDate === undefined || a.endDate >= a.startDate, { message: 'The end date is before the start date.', path: ['endDate'] });
export type Assistance = z.infer<typeof Assistance>;
