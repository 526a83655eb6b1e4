import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './languages';
import { resources } from './i18n';
import { TIMELINE_KINDS } from '../domain/cases/timeline';
import { RAPID_INDICATORS, RECRUITMENT_INDICATORS, MOVEMENT_INDICATORS, EXPLOITATION_INDICATORS } from '../domain/cases/screening';
import { EXPLOITATION_TYPES, ISIC_SECTIONS, METHODS_OF_CONTROL, RECRUITER_RELATIONS, RelationshipToTrafficker, TRAFFICKING_EVENT_TYPES, GENDERS, CASE_STATUSES } from '../domain/cases/vocabulary';
import { TRAVEL_DOCUMENT_TYPES } from '../domain/cases/returns';
import { CLOSURE_REASONS, SCREENING_OUTCOMES, STAGES } from '../domain/cases/lifecycle';
import { FOLLOWUP_KINDS } from '../domain/cases/reintegration';
import { RISK_LEVELS_OF_ANALYSIS } from '../domain/cases/risk';

/**
 * The case file shows codes as words through `t('caseFile.<group>.<code>')`: a code without a label in
 * a language would show the raw key. Every code of these vocabularies must have a label in every
 * shipped language — read from the catalogue itself, so English fallback does not hide a gap.
 */
const LABELLED: Record<string, readonly string[]> = {
  'timeline.kinds': TIMELINE_KINDS,
  rapid: RAPID_INDICATORS,
  'screening.recruitmentIndicators': RECRUITMENT_INDICATORS,
  'screening.movementIndicators': MOVEMENT_INDICATORS,
  'screening.exploitationIndicators': EXPLOITATION_INDICATORS,
  exploitation: EXPLOITATION_TYPES,
  control: METHODS_OF_CONTROL,
  isic: ISIC_SECTIONS,
  recruiterRelations: RECRUITER_RELATIONS,
  eventTypes: TRAFFICKING_EVENT_TYPES,
  genders: GENDERS,
  statuses: CASE_STATUSES,
  stages: STAGES,
  outcomes: SCREENING_OUTCOMES,
  'closure.reasons': CLOSURE_REASONS,
  'reintegration.kinds': FOLLOWUP_KINDS,
  'risk.levels': RISK_LEVELS_OF_ANALYSIS,
  'return.documentTypes': TRAVEL_DOCUMENT_TYPES,
  relationships: RelationshipToTrafficker.options,
};

function label(language: (typeof LANGUAGES)[number], path: string): unknown {
  let node: unknown = resources[language].translation.caseFile;
  for (const part of path.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

describe('case vocabularies have a label in every language', () => {
  it('the timeline knows every kind of step, including a cancelled follow-up', () => {
    expect(TIMELINE_KINDS).toContain('followup_cancelled');
  });

  for (const language of LANGUAGES) {
    it(`${language}: every code of every labelled vocabulary`, () => {
      const missing: string[] = [];
      for (const [group, codes] of Object.entries(LABELLED)) {
        for (const code of codes) {
          const text = label(language, `${group}.${code}`);
          if (typeof text !== 'string' || text.trim() === '') missing.push(`${group}.${code}`);
        }
      }
      expect(missing).toEqual([]);
    });
  }

  it('the labels differ between languages (no English left in another catalogue)', () => {
    const copies: string[] = [];
    for (const language of LANGUAGES.filter((l) => l !== 'en')) {
      for (const [group, codes] of Object.entries(LABELLED)) {
        for (const code of codes) if (label(language, `${group}.${code}`) === label('en', `${group}.${code}`)) copies.push(`${language}: ${group}.${code}`);
      }
    }
    expect(copies).toEqual([]);
  });
});
