import type { TFunction } from 'i18next';
import type { TimelineEntry } from '../../../shared/domain/cases/timeline';

/**
 * The details of a timeline step in words: each detail's name from `caseFile.timeline.detailKeys`, and
 * codes in its value (field names, stages, purposes, services, …) by the labels the case file uses
 * elsewhere. Names, dates, numbers and ids are shown as they are.
 */

/** The field codes a step names (`fields` of `updated` and `assistance_updated`), with the form's own labels where it has one. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  prs_FirstName: 'caseFile.person.firstName',
  prs_MiddleName: 'caseFile.person.middleName',
  prs_SecondName: 'caseFile.person.lastName',
  aliases: 'caseFile.person.aliases',
  prs_Gender: 'caseFile.person.gender',
  prs_Birthdate: 'caseFile.person.birthdate',
  estimatedAge: 'caseFile.person.estimatedAge',
  prs_Citizenship: 'caseFile.person.citizenship',
  prs_PrimaryLanguage: 'caseFile.person.language',
  prs_MobilePhone: 'caseFile.person.phone',
  prs_IdentityNumber: 'caseFile.person.idNumber',
  identificationDate: 'caseFile.register.identificationDate',
  identificationCountry: 'caseFile.register.identificationCountry',
  identificationPlace: 'caseFile.register.identificationPlace',
  identificationSource: 'caseFile.register.source',
  cost: 'caseFile.assistance.cost',
};

/** Which label group (`caseFile.<group>.<code>`) the codes of a detail belong to; `from`/`to` depend on the step. */
const VALUE_GROUPS: Readonly<Record<string, string>> = {
  outcome: 'outcomes',
  exploitation: 'exploitation',
  overallLevel: 'riskLevels',
  suggestedLevel: 'riskLevels',
  type: 'services',
  services: 'services',
  urgency: 'timeline.urgency',
  purpose: 'consent.purposes',
  sharingPurposes: 'consent.sharing',
  consent: 'referral.basis',
  decision: 'return.approval',
  resolution: 'duplicates.resolutions',
  dimensions: 'reintegration.dimensions',
  kind: 'reintegration.kinds',
};

const FROM_TO_GROUPS: Partial<Record<TimelineEntry['kind'], string>> = {
  stage_changed: 'stages',
  reopened: 'stages',
  referral_status: 'transition',
  handover_status: 'transition',
};

const CODE = /^[A-Za-z][A-Za-z0-9_]*$/;

export type DetailLine = { key: string; label: string; value: string };

export function timelineDetails(t: TFunction, kind: TimelineEntry['kind'], details: TimelineEntry['details']): DetailLine[] {
  const label = (key: string, fallback: string): string => {
    const text = t(key, { defaultValue: '' });
    return typeof text === 'string' && text !== '' ? text : fallback;
  };
  const groupOf = (key: string): string | undefined => {
    if (key === 'from' || key === 'to') return FROM_TO_GROUPS[kind];
    if (key === 'reason') return kind === 'closure_requested' || kind === 'closure_decided' ? 'closure.reasons' : undefined;
    return VALUE_GROUPS[key];
  };
  const word = (key: string, value: unknown): string => {
    if (typeof value === 'boolean') return t(value ? 'caseFile.answers.yes' : 'caseFile.answers.no');
    if (typeof value !== 'string') return String(value);
    // A stage change says whether a reason was given, not the reason (it is in the audit log).
    if (kind === 'stage_changed' && key === 'reason' && value === 'given') return t('caseFile.answers.yes');
    if (key === 'fields') return FIELD_LABELS[value] ? t(FIELD_LABELS[value]) : CODE.test(value) ? label(`caseFile.timeline.fields.${value}`, value) : value;
    const group = groupOf(key);
    return group && CODE.test(value) ? label(`caseFile.${group}.${value}`, value) : value;
  };
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== '' && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => ({
      key,
      label: CODE.test(key) ? label(`caseFile.timeline.detailKeys.${key}`, key) : key,
      value: Array.isArray(value) ? value.map((v) => word(key, v)).join(', ') : word(key, value),
    }));
}
