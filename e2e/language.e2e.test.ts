import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, ROOT, screenshot, type Session } from './harness';
import { createWorkspace, expectIncludes, navigationText } from './flows';
import en from '../shared/i18n/locales/en.json';
import fr from '../shared/i18n/locales/fr.json';
import es from '../shared/i18n/locales/es.json';
import th from '../shared/i18n/locales/th.json';
import my from '../shared/i18n/locales/my.json';

/** Where the unlock-screen screenshots go: test artefacts, git-ignored (not docs/screenshots). */
const ARTEFACTS = join(ROOT, 'test-results', 'screenshots');
const LOCALES = { en, fr, my, th, es } as const;
/** The scripts that need their own font, with a sample the font must be loaded for. */
const SCRIPT_FONTS: Partial<Record<keyof typeof LOCALES, { family: string; sample: string }>> = {
  my: { family: 'Noto Sans Myanmar', sample: 'မြန်မာ' },
  th: { family: 'Noto Sans Thai', sample: 'ไทย' },
};

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

  it('shows the unlock screen in each of the five languages, Burmese and Thai in their own fonts', async () => {
    const { page } = session;
    // Signed in (in Burmese) after the previous test: sign out to reach the unlock screen.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: my.header.signOut }).click();
    await page.getByTestId('unlock-username').waitFor();
    mkdirSync(ARTEFACTS, { recursive: true });

    for (const [language, strings] of Object.entries(LOCALES) as [keyof typeof LOCALES, (typeof LOCALES)[keyof typeof LOCALES]][]) {
      // Before anyone unlocks, the language is the one kept in this browser profile (renderer/app/language.ts).
      await page.evaluate((lang) => window.localStorage.setItem('counterpart.language', lang), language);
      await page.reload();
      const title = page.getByRole('heading', { level: 1, name: strings.unlock.title });
      await title.waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
      await page.getByRole('button', { name: strings.unlock.submit }).waitFor();

      const font = SCRIPT_FONTS[language];
      if (font) {
        const evidence = await page.evaluate(
          async ({ family, sample }) => {
            await document.fonts.ready;
            const heading = document.querySelector('h1');
            const text = heading ? [...heading.childNodes].find((node) => node.nodeType === Node.TEXT_NODE) : undefined;
            const range = document.createRange();
            if (text) range.selectNodeContents(text);
            return {
              check: document.fonts.check(`16px "${family}"`, sample),
              // check() is also true for a family that was never declared; this proves the bundled face loaded.
              loaded: [...document.fonts].some((face) => face.family.replace(/["']/g, '') === family && face.status === 'loaded'),
              fontFamily: heading ? getComputedStyle(heading).fontFamily : '',
              width: text ? range.getBoundingClientRect().width : 0,
            };
          },
          font,
        );
        expect(evidence.check, `${font.family} ready for ${font.sample}`).toBe(true);
        expect(evidence.loaded, `a ${font.family} face was loaded`).toBe(true);
        expect(evidence.fontFamily).toContain(font.family);
        expect(evidence.width).toBeGreaterThan(0);
      }
      await page.screenshot({ path: join(ARTEFACTS, `unlock-${language}.png`) });
    }
    await page.evaluate(() => window.localStorage.setItem('counterpart.language', 'en'));
  });
});
