import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { PASSWORDS } from './harness';

/** What a first run creates in these tests. */
export const ORGANISATION = { name: 'Anti-Trafficking Task Force Bangkok', code: 'TH-ATTF' };
export const ADMIN = { username: 'somchai', displayName: 'Somchai Wongsakul', password: PASSWORDS.admin };

/** Step 1 of the first-run wizard, filled in through the labels a person reads. */
export async function fillOrganisation(page: Page): Promise<void> {
  await page.getByLabel('Name of the organisation').fill(ORGANISATION.name);
  await page.getByLabel('Organisation code').fill(ORGANISATION.code.toLowerCase());
  await page.getByRole('combobox', { name: 'Country' }).fill('Thailand');
  await page.getByRole('option', { name: 'Thailand (THA)' }).click();
  await page.getByLabel('Type of organisation').selectOption('LawEnforcement');
  await page.getByRole('button', { name: 'Next' }).click();
}

export async function fillAdministrator(page: Page, password: string): Promise<void> {
  await page.getByLabel('User name').fill(ADMIN.username);
  await page.getByLabel('Full name').fill(ADMIN.displayName);
  await page.getByTestId('new-password').fill(password);
  await page.getByTestId('confirm-password').fill(password);
  await page.getByRole('button', { name: 'Create the workspace' }).click();
}

/** The whole first run, ending on the home page; returns the recovery code shown. */
export async function createWorkspace(page: Page): Promise<string> {
  await fillOrganisation(page);
  await fillAdministrator(page, ADMIN.password);
  const code = (await page.getByTestId('recovery-code').textContent()) ?? '';
  await page.getByLabel('I have written the recovery code down').check();
  await page.getByRole('button', { name: 'Continue to Counterpart' }).click();
  await page.getByRole('heading', { level: 1, name: ORGANISATION.name }).waitFor();
  return code;
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByTestId('unlock-username').waitFor();
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('unlock-username').fill(username);
  await page.getByTestId('unlock-password').fill(password);
  await page.getByTestId('unlock-submit').click();
  await page.getByTestId('header-organisation').waitFor();
}

/** Text of the main navigation, one entry per line. */
export async function navigationText(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation');
  await nav.waitFor();
  return (await nav.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
}

export function expectIncludes(list: readonly string[], expected: readonly string[]): void {
  for (const item of expected) expect(list, `expected "${item}" in ${JSON.stringify(list)}`).toContain(item);
}
