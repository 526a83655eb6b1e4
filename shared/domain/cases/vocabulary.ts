import { z } from 'zod';

/**
 * HTCDS 2.0 picklists (../shared/standards/htcds-2.0-fields.tsv), spelled exactly as the standard's
 * "Value Names" so that stored values are HTCDS values. Counterpart additions that HTCDS lacks but
 * the CTDC export needs are listed separately and marked, so a reader can tell standard from local.
 */

/** `prs_Gender`. */
export const GENDERS = ['Feminine', 'Masculine', 'TransgenderFeminine', 'TransgenderMasculine', 'NonConforming', 'NonSpecifiedUnknown'] as const;
export const Gender = z.enum(GENDERS);
export type Gender = z.infer<typeof Gender>;

/** `prs_MaritalStatus`. */
export const MaritalStatus = z.enum(['Single', 'Married', 'Widowed', 'Divorced', 'Separated', 'RegisteredPartnership']);

/** `prs_HighestLevelOfEducation` (ISCED 2011). */
export const EducationLevel = z.enum([
  'EarlyChildhoodEducation',
  'PrimaryEducation',
  'LowerSecondaryEducation',
  'UpperSecondaryEducation',
  'PostSecondaryNonTertiaryEducation',
  'ShortCycleTertiaryEducation',
  'BachelorsOrEquivalentLevel',
  'MastersOrEquivalentLevel',
  'DoctoralOrEquivalentLevel',
]);

/** `vic_TraffickingStatus`. */
export const TraffickingStatus = z.enum(['PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking', 'NotAVictimOfTrafficking']);

/** `vic_TraffickingStatusDecisionMakingOrg`. */
export const DecisionMakingOrg = z.enum(['Police', 'NGO', 'CourtOrProsecution', 'NonPoliceGovernmentalOrganization', 'Other']);

/** `vic_RelationshipToTrafficker` (HTCDS spells "Unaquainted"; kept as the standard writes it). */
export const RelationshipToTrafficker = z.enum(['Familial', 'Acquainted', 'Unaquainted']);

/**
 * Counterpart addition: the recruiter relation as CTDC counts it (`recruiterRelation*` columns), finer
 * than HTCDS's three values. Several may apply (a friend who is also an intimate partner).
 */
export const RECRUITER_RELATIONS = ['IntimatePartner', 'Friend', 'Family', 'Other'] as const;
export const RecruiterRelation = z.enum(RECRUITER_RELATIONS);
export type RecruiterRelation = z.infer<typeof RecruiterRelation>;

/** `vic_RecruitmentWebsitesAndApps` and `vic_ExploitationWebsitesAndApps`. */
export const Platform = z.enum(['Facebook', 'Instagram', 'WhatsApp', 'Telegram', 'FacebookMessenger', 'Viber', 'SnapChat', 'Line', '4Sale', 'WeChat', 'QQ', 'QZone', 'TikTok', 'Twitter', 'Other']);

/** `vic_MethodOfRecruitment`. */
export const RecruitmentMethod = z.enum([
  'AtAPlaceOfBusiness',
  'AtAnEducationalInstitution',
  'AtWork',
  'ThroughOnlineSocialNetworks',
  'ThroughAnOnlineAdvertisement',
  'ThroughATelevisionAdvert',
  'ThroughANewspaperAdvert',
  'ThroughFamilyOrFamilyEvents',
  'ThroughFriendsOrSocialEvents',
  'Other',
]);

/**
 * `vic_MethodsOfControl`, plus `RestrictsMovement` (Counterpart addition: CTDC's meansDenyBasicNeeds
 * names restriction of movement, which HTCDS does not list).
 */
export const METHODS_OF_CONTROL = [
  'PhysicalThreats',
  'ThreatsLawEnforcement',
  'ThreatensChildrenFamily',
  'DebtBondage',
  'FalsePromises',
  'PhysicalAbuse',
  'SexualAbuse',
  'TakesEarnings',
  'RestrictsFinancialAccess',
  'RestrictsMedicalCare',
  'WithholdsNecessities',
  'PsychologicalAbuse',
  'PsychoactiveSubstance',
  'ExcessiveWorkingHours',
  'WithholdsDocuments',
  'RestrictsMovement',
  'Other',
] as const;
export const MethodOfControl = z.enum(METHODS_OF_CONTROL);
export type MethodOfControl = z.infer<typeof MethodOfControl>;

/**
 * `vic_TypeOfExploitation`, plus `ForcedCriminality` (Counterpart addition: CTDC counts forced
 * criminality under isOtherExploit; HTCDS has no value for it). Forced recruitment by armed groups is
 * HTCDS's `ForcedMilitaryByNonStateActors`.
 */
export const EXPLOITATION_TYPES = [
  'ForcedLabour',
  'SexualExploitation',
  'ChildLabour',
  'ForcedMarriage',
  'Servitude',
  'ForcedMilitaryByNonStateActors',
  'OrganRemoval',
  'ForcedBegging',
  'ForcedCriminality',
  'ForcedAdoption',
  'Surrogacy',
  'Other',
] as const;
export const ExploitationType = z.enum(EXPLOITATION_TYPES);
export type ExploitationType = z.infer<typeof ExploitationType>;

/** `vic_ForcedLabourIndustry`: ISIC Rev. 4 sections. */
export const ISIC_SECTIONS = [
  'A_AgricultureForestryAndFishing',
  'B_MiningAndQuarrying',
  'C_Manufacturing',
  'D_ElectricityGasSteamAndAirConditioningSupply',
  'E_WaterSupplySewerageWasteManagement',
  'F_Construction',
  'G_WholesaleAndRetailTradeRepairOfMotorVehicles',
  'H_TransportationAndStorage',
  'I_AccommodationAndFoodServiceActivities',
  'J_InformationAndCommunication',
  'K_FinancialAndInsuranceActivities',
  'L_RealEstateActivities',
  'M_ProfessionalScientificAndTechnicalActivities',
  'N_AdministrativeAndSupportServiceActivities',
  'O_PublicAdministrationAndDefence',
  'P_Education',
  'Q_HumanHealthAndSocialWorkActivities',
  'R_ArtsEntertainmentAndRecreation',
  'S_OtherServiceActivities',
  'T_ActivitiesOfHouseholdsAsEmployers',
  'U_ActivitiesOfExtraterritorialOrganizations',
] as const;
export const IsicSection = z.enum(ISIC_SECTIONS);
export type IsicSection = z.infer<typeof IsicSection>;

/** `vic_TypeOfSexExploitation`. */
export const SexExploitationType = z.enum(['Prostitution', 'Pornography', 'RemoteInteractiveServices', 'PrivateSexualServices']);

/** `cas_Status`. */
export const CASE_STATUSES = ['Active', 'FollowUp', 'Closed', 'ClosedReferred'] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** `cas_ReasonForIncomingReferral` and `cas_ReasonForOutgoingReferral`. */
export const ReferralReason = z.enum(['AdditionalServicesRequired', 'MigrationOrChangeOfLocation', 'Other']);

/** `hte_Type`. */
export const TRAFFICKING_EVENT_TYPES = ['Recruitment', 'Transit', 'Exploitation'] as const;
export const TraffickingEventType = z.enum(TRAFFICKING_EVENT_TYPES);

/** `spl_Type`. */
export const SupportPlanType = z.enum([
  'Education',
  'Financial',
  'Health',
  'LabourExploitationRehabilitation',
  'Legal',
  'Livelihood',
  'RightsBasedTraining',
  'SexualExploitationRehabilitation',
  'SocialCare',
]);
