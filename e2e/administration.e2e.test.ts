import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, PASSWORDS, type Session } from './harness';
import { ADMIN, createWorkspace, signIn, signOut } from './flows';

const WORKER = { username: 'kyaw', displayName: 'Kyaw Min', password: PASSWORDS.caseWorker };

describe('administration', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openApp();
    await createWorkspace(session.page);
    const { page } = session;
    await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Add a user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a user' });
    await dialog.getByLabel('User name').fill(WORKER.username);
    await dialog.getByLabel('Full name').fill(WORKER.displayName);
    await dialog.getByTestId('new-password').fill(WORKER.password);
    await dialog.getByTestId('confirm-password').fill(WORKER.password);
    await dialog.getByRole('button', { name: 'Add the user' }).click();
    await page.getByTestId(`user-row-${WORKER.username}`).waitFor();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('refuses to demote the only administrator, in words', async () => {
    const { page } = session;
    await page.getByRole('button', { name: `Actions for ${ADMIN.displayName}` }).click();
    await page.getByRole('menuitem', { name: 'Change the role' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the role' });
    await dialog.getByLabel('Role').selectOption('viewer');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'This is the only active administrator. Add another administrator first.' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('changes a role, disables an account (its password stops working) and enables it with a new one', async () => {
    const { page } = session;
    const row = page.getByTestId(`user-row-${WORKER.username}`);
    await page.getByRole('button', { name: `Actions for ${WORKER.displayName}` }).click();
    await page.getByRole('menuitem', { name: 'Change the role' }).click();
    let dialog = page.getByRole('dialog', { name: 'Change the role' });
    await dialog.getByLabel('Role').selectOption('case_manager');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.innerText()).toContain('Case manager');

    await page.getByRole('button', { name: `Actions for ${WORKER.displayName}` }).click();
    await page.getByRole('menuitem', { name: 'Disable the account' }).click();
    dialog = page.getByRole('dialog', { name: 'Disable the account' });
    await dialog.getByRole('button', { name: 'Disable', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.innerText()).toMatch(/disabled/i);

    await signOut(page);
    await page.getByTestId('unlock-username').fill(WORKER.username);
    await page.getByTestId('unlock-password').fill(WORKER.password);
    await page.getByTestId('unlock-submit').click();
    await page.getByRole('alert').filter({ hasText: 'The user name or password is wrong.' }).waitFor();
    await page.getByTestId('unlock-username').fill(ADMIN.username);
    await page.getByTestId('unlock-password').fill(ADMIN.password);
    await expect.poll(() => page.getByTestId('unlock-submit').isEnabled(), { timeout: 70_000 }).toBe(true);
    await page.getByTestId('unlock-submit').click();
    await page.getByTestId('header-organisation').waitFor();

    const newPassword = 'orchid canal lantern ninety';
    await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: `Actions for ${WORKER.displayName}` }).click();
    await page.getByRole('menuitem', { name: 'Enable the account' }).click();
    dialog = page.getByRole('dialog', { name: 'Enable the account' });
    await dialog.getByTestId('new-password').fill(newPassword);
    await dialog.getByTestId('confirm-password').fill(newPassword);
    await dialog.getByRole('button', { name: 'Enable with this password' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId(`user-row-${WORKER.username}`).innerText()).toMatch(/active/i);

    await signOut(page);
    await signIn(page, WORKER.username, newPassword);
    expect(await page.getByRole('navigation').innerText()).toContain('Workplans');
    await signOut(page);
    await signIn(page, ADMIN.username, ADMIN.password);
  });

  it('saves the idle lock and makes a backup, showing where it went', async () => {
    const { page } = session;
    await page.getByRole('navigation').getByRole('link', { name: 'Workspace settings' }).click();
    const minutes = page.getByLabel('Minutes without activity');
    await expect.poll(() => minutes.inputValue()).toBe('15');
    await minutes.fill('20');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The settings were saved.').waitFor();

    await page.getByRole('button', { name: 'Create a backup' }).click();
    const result = page.getByTestId('backup-result');
    await result.waitFor();
    expect(await result.innerText()).toContain(session.server.workspaceDir);
    expect(await result.innerText()).toMatch(/\.cpbackup/);

    await page.getByRole('navigation').getByRole('link', { name: 'Home' }).click();
    await page.getByText('20 min').waitFor();
  });
});
