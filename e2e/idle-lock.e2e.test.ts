import { afterAll, beforeAll, describe, it } from 'vitest';
import { openApp, type Session } from './harness';
import { createWorkspace } from './flows';

describe('the idle lock', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openApp();
    await createWorkspace(session.page);
  });
  afterAll(async () => {
    await session?.close();
  });

  // The shortest idle time is one minute and the core checks every 30 s: this waits up to 100 s.
  it('locks by itself after the idle minutes, and says why', { timeout: 150_000 }, async () => {
    const { page } = session;
    await page.getByRole('navigation').getByRole('link', { name: 'Workspace settings' }).click();
    await page.getByLabel('Minutes without activity').fill('1');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The settings were saved.').waitFor();
    await page.getByTestId('lock-screen').waitFor({ timeout: 120_000 });
    await page.getByText('It locked itself after a period without activity.').waitFor();
  });
});
