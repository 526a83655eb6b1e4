import { describe, expect, it } from 'vitest';
import {
  advanceTo,
  ageBand,
  ageOn,
  checkStageMove,
  compositeScore,
  coveringConsents,
  ctdcGender,
  duplicateScore,
  EQUAL_WEIGHTS,
  exploitationMonths,
  queryKeys,
  reintegrationPlanDue,
  safeFileName,
  searchKey,
  sniffMediaType,
  suggestRiskLevel,
  traffickingScope,
  traffickMonthsBand,
  canMoveTransition,
  type ConsentRecord,
} from './index';

describe('case lifecycle', () => {
  it('moves along the SOP path; assistance needs a screening that found a presumed victim or a person at risk', () => {
    expect(checkStageMove('identification', 'screening', { screeningOutcome: null })).toEqual({ ok: true });
    expect(checkStageMove('screening', 'assistance', { screeningOutcome: 'undetermined' })).toEqual({ ok: false, reason: 'screening_outcome' });
    expect(checkStageMove('screening', 'assistance', { screeningOutcome: 'at_risk' })).toEqual({ ok: true });
    expect(checkStageMove('identification', 'reintegration', { screeningOutcome: 'presumed_victim' })).toEqual({ ok: false, reason: 'not_allowed' });
    expect(checkStageMove('closed', 'assistance', { screeningOutcome: 'presumed_victim' })).toEqual({ ok: false, reason: 'closed' });
    expect(advanceTo('reintegration', 'assistance', { screeningOutcome: 'presumed_victim' })).toBe('reintegration');
    expect(advanceTo('assistance', 'return', { screeningOutcome: 'presumed_victim' })).toBe('return');
  });

  it('referrals and handovers move in_progress -> accepted -> done, or end rejected / revoked', () => {
    expect(canMoveTransition('in_progress', 'accepted')).toBe(true);
    expect(canMoveTransition('accepted', 'done')).toBe(true);
    expect(canMoveTransition('done', 'revoked')).toBe(false);
    expect(canMoveTransition('rejected', 'accepted')).toBe(false);
  });
});

describe('derived facts', () => {
  const events = [
    { hte_Type: 'Recruitment' as const, hte_Country: 'MMR', hte_Date: '2023-01-01' },
    { hte_Type: 'Exploitation' as const, hte_Country: 'THA', hte_Date: '2023-02-01', endDate: '2024-08-15' },
  ];
  it('international vs internal follows CTDC: citizenship against country of exploitation, or a path that crossed a border', () => {
    expect(traffickingScope(['MMR'], events)).toBe('international');
    expect(traffickingScope(['THA'], [{ hte_Type: 'Exploitation', hte_Country: 'THA' }])).toBe('internal');
    expect(traffickingScope(['COD'], [], 'COD')).toBe('internal');
    expect(traffickingScope([], events)).toBe('unknown');
    expect(traffickingScope(['MMR', 'THA'], [{ hte_Type: 'Exploitation', hte_Country: 'THA' }])).toBe('internal');
  });
  it('months in exploitation and the CTDC bands', () => {
    expect(exploitationMonths(events, '2025-01-01')).toBe(18);
    expect(traffickMonthsBand(18)).toBe('13--24 (1-2 yrs)');
    expect(traffickMonthsBand(null)).toBe('');
  });
  it('age from a birth date or from an estimate moved forward; CTDC age bands and gender', () => {
    expect(ageOn({ prs_Birthdate: '2008-06-30' }, '2025-06-29')).toBe(16);
    expect(ageOn({ estimatedAge: 20, estimatedAgeOn: '2023-03-01' }, '2025-03-01')).toBe(22);
    expect(ageBand(17)).toBe('9--17');
    expect(ageBand(48)).toBe('48+');
    expect(ctdcGender('TransgenderFeminine')).toBe('Trans/Transgender/NonConforming');
    expect(ctdcGender('NonSpecifiedUnknown')).toBe('');
  });
  it('the reintegration plan is due a month after return', () => {
    expect(reintegrationPlanDue('2025-01-10', null, '2025-02-10')).toEqual({ dueOn: '2025-02-09', overdue: true, late: false });
    expect(reintegrationPlanDue('2025-01-10', '2025-01-20', '2025-05-01')).toEqual({ dueOn: '2025-02-09', overdue: false, late: false });
    expect(reintegrationPlanDue(null, null, '2025-05-01')).toEqual({ dueOn: null, overdue: false, late: false });
  });
  it('composite sustainability score under versioned weights', () => {
    expect(compositeScore({ economic: 0.3, social: 0.6, psychosocial: 0.45 }, EQUAL_WEIGHTS)).toBe(0.45);
    expect(compositeScore({ economic: 1, social: 0, psychosocial: 0 }, { version: 'econ-heavy-v1', economic: 2, social: 1, psychosocial: 1 })).toBe(0.5);
  });
  it('suggests an overall risk level from risk and protective factors', () => {
    const f = (kind: 'risk' | 'protective', severity: 'low' | 'medium' | 'high') => ({ level: 'individual' as const, kind, factor: 'x', severity });
    expect(suggestRiskLevel([])).toBe('low');
    expect(suggestRiskLevel([f('risk', 'high')])).toBe('high');
    expect(suggestRiskLevel([f('risk', 'high'), f('protective', 'high'), f('protective', 'medium')])).toBe('low');
    expect(suggestRiskLevel([f('risk', 'medium'), f('risk', 'low')])).toBe('medium');
  });
});

describe('consent', () => {
  const base: ConsentRecord = { caseId: '0190a0f0-0000-7000-8000-000000000000', purpose: 'sharing', con_Consent: true, recipient: { code: 'MM-DSW', name: 'DSW' }, sharingPurposes: ['return'], takenOn: '2025-01-01', takenBy: 'aye', method: 'written', interpreterUsed: false };
  const need = { kind: 'sharing' as const, purpose: 'return' as const, recipient: { code: 'mm-dsw' } };
  it('covers an action only when given, for that recipient and purpose, not withdrawn and not expired', () => {
    expect(coveringConsents([base], need, '2025-02-01')).toHaveLength(1);
    expect(coveringConsents([{ ...base, con_Consent: false }], need, '2025-02-01')).toHaveLength(0);
    expect(coveringConsents([{ ...base, withdrawnOn: '2025-01-15' }], need, '2025-02-01')).toHaveLength(0);
    expect(coveringConsents([{ ...base, validUntil: '2025-01-31' }], need, '2025-02-01')).toHaveLength(0);
    expect(coveringConsents([base], { ...need, purpose: 'referral' }, '2025-02-01')).toHaveLength(0);
    expect(coveringConsents([base], { ...need, recipient: { code: 'KH-MOSVY' } }, '2025-02-01')).toHaveLength(0);
    expect(coveringConsents([{ ...base, recipient: { name: 'Casa de Acogida' } }], { ...need, recipient: { name: 'casa de acogida' } }, '2025-02-01')).toHaveLength(1);
  });
});

describe('search keys', () => {
  it('fold scripts the same way whatever the typing: zero-width characters, spaces, accents, compatibility forms', () => {
    expect(searchKey('အောင် ကျော်\u200bမိုး')).toBe(searchKey('အောင်ကျော်မိုး'));
    expect(searchKey('José Hernández')).toBe('josehernandez');
    expect(searchKey('น\u0e4d\u0e32')).toBe(searchKey('น\u0e33')); // SARA AM typed as two characters
    expect(searchKey('ＴＨ－ＡＴＴＦ－２０２５')).toBe('thattf2025');
    expect(searchKey('ကျော်')).toBe('ကျော်'); // Burmese vowel signs and asat are kept
    expect(queryKeys('ab cd')).toEqual({ keys: [], short: 'abcd' });
    expect(queryKeys('Ma Aye Aye')).toEqual({ keys: ['aye'], short: null });
  });
});

describe('duplicate scoring', () => {
  it('scores names in any script, birth and citizenship; an identity number in common is strong on its own', () => {
    const a = { names: ['Aung Kyaw Moe'], prs_Birthdate: '1998-04-12', citizenship: ['MMR'] };
    expect(duplicateScore(a, { names: ['Aung Kyaw Mo'], prs_Birthdate: '1998-04-12', citizenship: ['MMR'] }, '2025-01-01').score).toBeGreaterThan(0.85);
    expect(duplicateScore(a, { names: ['Moe Aung Kyaw'], prs_Birthdate: '1998-12-04', citizenship: ['MMR'] }, '2025-01-01').name).toBe(1);
    expect(duplicateScore(a, { names: ['Somchai Jaidee'], prs_Birthdate: '1998-04-12', citizenship: ['MMR'] }, '2025-01-01').name).toBeLessThan(0.3);
    expect(duplicateScore({ names: ['မြသီတာ'], citizenship: [] }, { names: ['မြ သီတာ'], citizenship: [] }, '2025-01-01').score).toBe(1);
    expect(duplicateScore({ names: ['X'], citizenship: [], identifiers: ['MA 123456'] }, { names: ['Y'], citizenship: [], identifiers: ['ma123456'] }, '2025-01-01')).toMatchObject({ sameIdentifier: true, score: 0.9 });
  });
});

describe('attachments', () => {
  it('recognises the allowed types by their first bytes and names the file for what it is', () => {
    expect(sniffMediaType(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]))).toBe('application/pdf');
    expect(sniffMediaType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMediaType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffMediaType(new TextEncoder().encode('MZ\x90\0'))).toBeNull();
    expect(sniffMediaType(new TextEncoder().encode('<html>'))).toBeNull();
    expect(safeFileName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(safeFileName('report\u202egnp.exe', 'image/png')).toBe('reportgnp.exe.png');
    expect(safeFileName('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG');
  });
});
