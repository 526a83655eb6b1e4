import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type Session } from './harness';
import { createWorkspace, expectIncludes, navigationText } from './flows';
import th from '../shared/i18n/locales/th.json';
import my from '../shared/i18n/locales/my.json';

describe('languages', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openApp();
    await createWorkspace(session.page);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('switches to Thai, then Burmese, at once, and keeps Burmese across a reload', async () => {
    const { page } = session;
    await page.getByRole('navigation').getByRole('link', { name: 'My account' }).click();
    await page.getByTestId('language-picker').selectOption('th');
    await page.getByRole('heading', { level: 1, name: th.account.title }).waitFor();
    expectIncludes(await navigationText(page), [th.nav.home, th.nav.users, th.nav.audit, th.nav.account]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('th');

    await page.getByTestId('language-picker').selectOption('my');
    await page.getByRole('heading', { level: 1, name: my.account.title }).waitFor();
    expectIncludes(await navigationText(page), [my.nav.home, my.nav.administration, my.nav.users, my.nav.audit]);
    await screenshot(page, 'account-burmese');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: my.account.title }).waitFor();
    expectIncludes(await navigationText(page), [my.nav.home, my.nav.users]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('my');
  });

  it('keeps the language on the lock screen, and after unlocking it is still the user’s', async () => {
    const { page } = session;
    await page.getByTestId('lock-button').click();
    await page.getByRole('heading', { level: 1, name: my.lock.title }).waitFor();
    await page.getByTestId('unlock-password').fill('river lantern copper meadow');
    await page.getByTestId('unlock-submit').click();
    await page.getByRole('heading', { level: 1, name: my.account.title }).waitFor();
  });
});
