import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createI18n, resources } from '../../../shared/i18n/i18n';
import { LANGUAGES } from '../../../shared/i18n/languages';
import { PersonFields } from '../../../shared/domain/cases/person';
import { Identification } from '../../../shared/domain/cases/case';
import { contract } from '../../../shared/contract';
import { FIELD_LABELS, timelineDetails } from './timelineDetails';

const text = (lines: { label: string; value: string }[]) => lines.map((d) => `${d.label}: ${d.value}`).join(' · ');

describe('timeline details in words', () => {
  it('names the changed fields by the labels of the person form, not by their codes', async () => {
    const en = await createI18n('en');
    expect(text(timelineDetails(en.t, 'updated', { fields: ['prs_SecondName', 'aliases', 'prs_Email', 'identificationPlace'] }))).toBe(
      'Changed: Family name, Other names, Email address, Place of identification',
    );
    const th = await createI18n('th');
    const thai = resources.th.translation.caseFile;
    expect(text(timelineDetails(th.t, 'updated', { fields: ['prs_SecondName'] }))).toBe(`${thai.timeline.detailKeys.fields}: ${thai.person.lastName}`);
  });

  it('shows stages, outcomes, purposes and yes/no by their labels, and names, dates and numbers as they are', async () => {
    const en = await createI18n('en');
    expect(text(timelineDetails(en.t, 'stage_changed', { from: 'identification', to: 'screening', automatic: true }))).toBe('From: Identification · To: Screening · Automatic: Yes');
    expect(text(timelineDetails(en.t, 'referral_status', { from: 'in_progress', to: 'accepted', providerId: 'p-1' }))).toBe('From: In progress · To: Accepted · Provider id: p-1');
    expect(text(timelineDetails(en.t, 'screened_full', { outcome: 'presumed_victim', exploitation: [], screenedBy: 'aye' }))).toBe('Outcome: Presumed victim · Screened by: aye');
    expect(text(timelineDetails(en.t, 'consent_recorded', { purpose: 'sharing', given: true, recipient: 'MM-DSW', sharingPurposes: ['return', 'case_management'] }))).toBe(
      'Purpose: Sharing with an organisation · Consent given: Yes · Recipient: MM-DSW · Sharing for: Return, Case management',
    );
    expect(text(timelineDetails(en.t, 'assigned', { from: null, to: 'nilar' }))).toBe('To: nilar');
    expect(text(timelineDetails(en.t, 'closure_requested', { reason: 'reintegrated' }))).toBe('Reason: Reintegrated');
    // Free text and unknown codes stay as they are (never looked up as a key).
    expect(text(timelineDetails(en.t, 'consent_overridden', { action: 'referral', reason: 'Emergency: no time to ask.' }))).toBe('Action taken: referral · Reason: Emergency: no time to ask.');
  });

  it('every field a case or assistance change can name has a label in every language', async () => {
    const assistancePatch = Object.keys((contract['assistance.update'].input as z.ZodObject).shape).filter((k) => k !== 'id');
    const fields = [...Object.keys(PersonFields.shape), ...Object.keys(Identification.shape), ...assistancePatch];
    expect(fields).toContain('prs_SecondName');
    // Read from each catalogue itself: an English fallback would hide a missing label.
    const at = (language: (typeof LANGUAGES)[number], key: string): unknown =>
      key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), resources[language].translation);
    for (const language of LANGUAGES) {
      const unlabelled = fields.filter((f) => typeof at(language, FIELD_LABELS[f] ?? `caseFile.timeline.fields.${f}`) !== 'string');
      expect(unlabelled, language).toEqual([]);
    }
  });
});
