import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, PASSWORDS, type Session } from './harness';
import { ADMIN, createWorkspace, expectIncludes, navigationText, signIn, signOut } from './flows';

const CASE_WORKER = { username: 'thida', displayName: 'Thida Aung', password: PASSWORDS.caseWorker };

describe('users, roles and the audit log', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openApp();
    await createWorkspace(session.page);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('an administrator adds a case worker', async () => {
    const { page } = session;
    await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await page.getByRole('button', { name: 'Add a user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a user' });
    await dialog.getByLabel('User name').fill(CASE_WORKER.username);
    await dialog.getByLabel('Full name').fill(CASE_WORKER.displayName);
    await dialog.getByLabel('Role').selectOption('case_worker');
    await dialog.getByTestId('new-password').fill(CASE_WORKER.password);
    await dialog.getByTestId('confirm-password').fill(CASE_WORKER.password);
    await dialog.getByRole('button', { name: 'Add the user' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByTestId(`user-row-${CASE_WORKER.username}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('Case worker');
    await screenshot(page, 'users');
  });

  it('the case worker signs in and sees no Administration', async () => {
    const { page } = session;
    await signOut(page);
    await signIn(page, CASE_WORKER.username, CASE_WORKER.password);
    const navigation = await navigationText(page);
    expectIncludes(navigation, ['Home', 'Cases', 'My account']);
    expect(navigation).not.toContain('Administration');
    expect(navigation).not.toContain('Users');
    expect(navigation).not.toContain('Audit log');

    // Typing the address of an administration page does not show it either.
    await page.evaluate(() => {
      window.location.hash = '#/admin/users';
    });
    await page.getByRole('heading', { level: 1, name: 'Anti-Trafficking Task Force Bangkok' }).waitFor();

    // Nor does calling the administration methods directly from the page: the core refuses them.
    // `window.counterpart` is the Electron preload's bridge; in browser mode (these tests) the page has
    // none, and the browser bridge sends the very same { method, params } to POST /rpc with the session cookie.
    const answers = await page.evaluate(async (methods) => {
      type Invoke = (method: string, params: unknown) => Promise<unknown>;
      const injected = (window as Window & { counterpart?: { invoke: Invoke } }).counterpart;
      const invoke: Invoke = injected
        ? (method, params) => injected.invoke(method, params)
        : async (method, params) => {
            const response = await fetch('/rpc', {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ method, params }),
              credentials: 'same-origin',
              cache: 'no-store',
            });
            return response.json() as Promise<unknown>;
          };
      return Promise.all(methods.map((method) => invoke(method, {})));
    }, ['users.list', 'audit.list']);
    for (const answer of answers) expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
  });

  it('the audit log lists the unlocks, and the chain verifies as intact', async () => {
    const { page } = session;
    await signOut(page);
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByTestId('audit-row').first().waitFor();

    await page.getByLabel('Outcome').selectOption('ok');
    await page.getByRole('combobox', { name: 'Action' }).fill('Signed in');
    await page.getByRole('option', { name: 'Signed in', exact: true }).click();
    // The filters apply after a short pause in typing.
    await expect.poll(async () => page.locator('[data-testid="audit-row"]:not([data-action="session.unlock"])').count()).toBe(0);
    expect(await page.locator('[data-testid="audit-row"][data-action="session.unlock"]').count()).toBe(2);
    const users = await page.locator('[data-testid="audit-row"]').allInnerTexts();
    expect(users.some((text) => text.includes(CASE_WORKER.username))).toBe(true);
    expect(users.some((text) => text.includes(ADMIN.username))).toBe(true);

    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('The audit chain is intact');
    await screenshot(page, 'audit');
  });
});
