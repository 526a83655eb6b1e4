import { describe, expect, it } from 'vitest';
import { createI18n } from '../../shared/i18n/i18n';
import { describeError, isConnectionLost, retryAfterMs } from './errors';

describe('error messages', () => {
  it('translates the stable code, not the core’s English message', async () => {
    const { t } = await createI18n('th');
    expect(describeError(t, { code: 'LAST_ADMIN', message: 'This is the only enabled administrator' }, 'th')).toBe(
      'นี่คือผู้ดูแลระบบเพียงคนเดียวที่ใช้งานอยู่ เพิ่มผู้ดูแลระบบอีกคนก่อน',
    );
  });

  it('says which password rule was broken, with the rule’s numbers', async () => {
    const { t } = await createI18n('en');
    const error = { code: 'WEAK_PASSWORD', message: 'x', details: { problem: 'too_short' } };
    expect(describeError(t, error, 'en')).toBe('This password is not accepted. The password is too short: use at least 12 characters, or 4 words or more.');
  });

  it('tells a lost browser-mode connection apart from a locked workspace', async () => {
    const { t } = await createI18n('en');
    const lost = { code: 'SESSION_LOCKED', message: 'x', details: { reason: 'host_session_missing' } };
    expect(isConnectionLost(lost)).toBe(true);
    expect(describeError(t, lost, 'en')).toMatch(/start Counterpart again/);
    expect(describeError(t, { code: 'SESSION_LOCKED', message: 'x' }, 'en')).toBe('The workspace is locked. Sign in again to continue.');
  });

  it('names a code this version does not know, and survives things that are not errors at all', async () => {
    const { t } = await createI18n('fr');
    expect(describeError(t, { code: 'FUTURE_CODE', message: 'x' }, 'fr')).toContain('FUTURE_CODE');
    expect(describeError(t, undefined, 'fr')).toBe(t('errors.INTERNAL'));
  });

  it('reads the wait the core asks for after a wrong password', () => {
    expect(retryAfterMs({ code: 'WRONG_PASSWORD', message: 'x', details: { retryAfterMs: 4000 } })).toBe(4000);
    expect(retryAfterMs({ code: 'WRONG_PASSWORD', message: 'x' })).toBe(0);
  });
});
