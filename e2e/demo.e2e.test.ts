import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type Session } from './harness';

describe('the demo workspace', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openApp();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('opens from the first-run screen and says DEMO in the header and the window title', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Open the demo workspace' }).click();
    await page.getByTestId('demo-badge').waitFor();
    expect(await page.getByTestId('demo-badge').innerText()).toBe('DEMO');
    expect(await page.title()).toMatch(/^\[DEMO\] /);
    expect(await page.getByTestId('header-organisation').innerText()).toContain('DEMO');
    await screenshot(page, 'demo');
  });

  it('still says DEMO when it is locked', async () => {
    const { page } = session;
    await page.getByTestId('lock-button').click();
    await page.getByTestId('lock-screen').waitFor();
    expect(await page.getByText('Demo workspace: training data only, never real cases.').count()).toBeGreaterThan(0);
    expect(await page.title()).toMatch(/^\[DEMO\] /);
  });
});
