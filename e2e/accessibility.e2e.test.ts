import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type Session } from './harness';
import { createWorkspace } from './flows';

/** Form fields on screen that a screen reader could not name (no label, aria-label or aria-labelledby). */
function unlabelledFields(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')]
      .filter((field) => field.type !== 'hidden' && field.offsetParent !== null)
      .filter((field) => !(field.labels && field.labels.length > 0) && !field.getAttribute('aria-label') && !field.getAttribute('aria-labelledby'))
      .map((field) => field.outerHTML.slice(0, 120)),
  );
}

/** Buttons and links without a name. */
function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a[href]')]
      .filter((control) => control.offsetParent !== null)
      .filter((control) => !(control.innerText.trim() || control.getAttribute('aria-label') || control.getAttribute('aria-labelledby') || control.title))
      .map((control) => control.outerHTML.slice(0, 120)),
  );
}

describe('accessibility and keyboard use', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openApp();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('names every field and control of the first-run screen', async () => {
    const { page } = session;
    await page.getByRole('heading', { level: 1, name: 'Set up Counterpart' }).waitFor();
    expect(await unlabelledFields(page)).toEqual([]);
    expect(await unnamedControls(page)).toEqual([]);
  });

  it('is usable from the keyboard: skip link, navigation, dialogs', async () => {
    const { page } = session;
    await createWorkspace(page);
    expect(await unlabelledFields(page)).toEqual([]);
    expect(await unnamedControls(page)).toEqual([]);

    // The first Tab reaches the skip link; Enter puts the focus on the main content.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Tab through the navigation to Users and open it with Enter.
    const users = page.getByRole('navigation').getByRole('link', { name: 'Users' });
    await users.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    expect(await unlabelledFields(page)).toEqual([]);

    // A dialog opens from the keyboard, takes the focus, and Escape closes it.
    await page.getByRole('button', { name: 'Add a user' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Add a user' });
    await dialog.waitFor();
    expect(await dialog.evaluate((node) => node.contains(document.activeElement))).toBe(true);
    expect(await unlabelledFields(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
    await page.getByTestId('audit-row').first().waitFor();
    expect(await unlabelledFields(page)).toEqual([]);
    expect(await unnamedControls(page)).toEqual([]);
  });
});
