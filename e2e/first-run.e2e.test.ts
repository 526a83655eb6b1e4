import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, PASSWORDS, type Session } from './harness';
import { ADMIN, ORGANISATION, fillAdministrator, fillOrganisation, signOut } from './flows';

describe('first run, lock and unlock', () => {
  let session: Session;
  let recoveryCode = '';
  beforeAll(async () => {
    session = await openApp();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('creates the workspace: organisation, administrator (a weak password refused), recovery code confirmed', async () => {
    const { page } = session;
    await page.getByRole('heading', { level: 1, name: 'Set up Counterpart' }).waitFor();
    await screenshot(page, 'first-run');

    await fillOrganisation(page);
    await fillAdministrator(page, PASSWORDS.weak);
    await page.getByText('This password is one of the most commonly used; choose another.').first().waitFor();
    expect(await page.getByTestId('recovery-code').count()).toBe(0);

    await page.getByTestId('new-password').fill(ADMIN.password);
    await page.getByTestId('confirm-password').fill(ADMIN.password);
    await page.getByText('Strength: very strong').or(page.getByText('Strength: strong')).first().waitFor();
    await page.getByRole('button', { name: 'Create the workspace' }).click();

    const code = (await page.getByTestId('recovery-code').textContent())?.trim() ?? '';
    expect(code.length).toBeGreaterThanOrEqual(20);
    recoveryCode = code;
    const finish = page.getByRole('button', { name: 'Continue to Counterpart' });
    expect(await finish.isDisabled()).toBe(true);
    await screenshot(page, 'recovery-code');
    await page.getByLabel('I have written the recovery code down').check();
    expect(await finish.isEnabled()).toBe(true);
    await finish.click();

    await page.getByRole('heading', { level: 1, name: ORGANISATION.name }).waitFor();
    expect(await page.getByTestId('header-organisation').textContent()).toBe(ORGANISATION.name);
    expect(await page.title()).toBe(`${ORGANISATION.name} — Counterpart`);
    await screenshot(page, 'home');
  });

  it('locks with the Lock button; a wrong password shows the translated error, the right one unlocks', async () => {
    const { page } = session;
    await page.getByTestId('lock-button').click();
    await page.getByTestId('lock-screen').waitFor();
    // Nothing of the workspace stays on screen behind the lock.
    expect(await page.getByTestId('header-organisation').count()).toBe(0);
    expect(await page.getByText(ORGANISATION.name).count()).toBe(0);

    await page.getByTestId('unlock-password').fill('not the password at all');
    await page.getByTestId('unlock-submit').click();
    await page.getByRole('alert').filter({ hasText: 'The user name or password is wrong.' }).waitFor();

    await page.getByTestId('unlock-password').fill(ADMIN.password);
    await expect.poll(() => page.getByTestId('unlock-submit').isEnabled(), { timeout: 70_000 }).toBe(true);
    await page.getByTestId('unlock-submit').click();
    await page.getByRole('heading', { level: 1, name: ORGANISATION.name }).waitFor();
  });

  it('locks with Ctrl+L from anywhere, even while typing', async () => {
    const { page } = session;
    await page.getByRole('navigation').getByRole('link', { name: 'My account' }).click();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await page.getByTestId('language-picker').focus();
    await page.keyboard.press('Control+L');
    await page.getByTestId('lock-screen').waitFor();
    await page.getByTestId('unlock-password').fill(ADMIN.password);
    await page.getByTestId('unlock-submit').click();
    // The page that was open before the lock comes back.
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
  });

  it('a forgotten password is replaced with the recovery code, and the old one stops working', async () => {
    const { page } = session;
    const newPassword = 'amber tortoise winter violin';
    await signOut(page);
    await page.getByRole('button', { name: 'Forgot password? Use the recovery code' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set a new password with the recovery code' });
    await dialog.getByLabel('User name').fill(ADMIN.username);
    await dialog.getByLabel('Recovery code').fill('WRONG-CODE-0000-0000-0000');
    await dialog.getByTestId('new-password').fill(newPassword);
    await dialog.getByTestId('confirm-password').fill(newPassword);
    await dialog.getByRole('button', { name: 'Set the password and sign in' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'The recovery code is wrong.' }).waitFor();

    await dialog.getByLabel('Recovery code').fill(recoveryCode.toLowerCase());
    await dialog.getByRole('button', { name: 'Set the password and sign in' }).click();
    // Signed in, back on the page that was open before (My account), with the new password date.
    await page.getByTestId('header-organisation').waitFor();

    await signOut(page);
    await page.getByTestId('unlock-username').fill(ADMIN.username);
    await page.getByTestId('unlock-password').fill(ADMIN.password);
    await expect.poll(() => page.getByTestId('unlock-submit').isEnabled(), { timeout: 70_000 }).toBe(true);
    await page.getByTestId('unlock-submit').click();
    await page.getByRole('alert').filter({ hasText: 'The user name or password is wrong.' }).waitFor();
    await page.getByTestId('unlock-password').fill(newPassword);
    await expect.poll(() => page.getByTestId('unlock-submit').isEnabled(), { timeout: 70_000 }).toBe(true);
    await page.getByTestId('unlock-submit').click();
    await page.getByTestId('header-organisation').waitFor();
  });
});
