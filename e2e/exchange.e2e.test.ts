import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, startServer, type Server } from './harness';
import { MM, TH, createOffice, createPlan, openExchange, rpc, type Office } from './exchange/offices';
import { signIn, signOut } from './flows';

/**
 * Two offices on two `counterpart serve` processes exchange bundles through a folder standing for
 * the USB stick. Paths are typed into the path fields (browser mode; the desktop app fills them
 * from a file dialog). The records are NPA plan structures (plans.create: a plan and its pillars),
 * the record type with an export profile that needs no consent gate.
 */
describe('exchange between two offices', () => {
  let browser: Browser;
  const servers: Server[] = [];
  let th: Page;
  let mm: Page;
  const usb = mkdtempSync(join(tmpdir(), 'counterpart-usb-'));
  let firstBundle = '';

  async function openOffice(office: Office): Promise<Page> {
    const server = await startServer();
    servers.push(server);
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await page.goto(server.url);
    await createOffice(page, office);
    await page.goto(`${new URL(server.url).origin}/#/exchange/partners`);
    await page.getByTestId('own-fingerprint').waitFor();
    return page;
  }

  async function exportPlans(page: Page, seq: number): Promise<string> {
    // Through another tab, so that the form starts empty and no earlier result is on screen.
    await openExchange(page, 'partners');
    await openExchange(page, 'export');
    await page.getByTestId('export-to').click();
    await page.getByRole('option', { name: /MM-DSW/ }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('export-type').click();
    await page.getByRole('option', { name: 'Plan structure' }).click();
    await page.getByTestId('export-purpose').fill('National plan coordination');
    await page.getByTestId('export-out-dir').fill(usb);
    await page.getByTestId('export-submit').click();
    expect(await page.getByTestId('export-result').innerText()).toContain(`Bundle number ${seq},`);
    return (await page.getByTestId('export-path').innerText()).trim();
  }

  async function inspect(page: Page, path: string): Promise<void> {
    await openExchange(page, 'import');
    await page.getByTestId('import-path').fill(path);
    await page.getByTestId('inspect-submit').click();
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    th = await openOffice(TH);
    mm = await openOffice(MM);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    for (const server of servers) await server.stop();
    rmSync(usb, { recursive: true, force: true });
  });

  it('the offices exchange organisation cards and mark them verified after comparing the words', async () => {
    for (const [page, code] of [[th, TH.code], [mm, MM.code]] as const) {
      await page.getByTestId('own-card-out').fill(join(usb, `${code}.cpcard`));
      await page.getByTestId('own-card-write').click();
      await page.getByTestId('own-card-written').waitFor();
    }
    for (const [page, other] of [[th, MM.code], [mm, TH.code]] as const) {
      await page.getByTestId('partner-card-path').fill(join(usb, `${other}.cpcard`));
      await page.getByTestId('partner-import').click();
      await page.getByTestId('partner-imported').waitFor();
      expect(await page.getByTestId(`partner-trust-${other}`).textContent()).toBe('Not verified');
    }
    // The words each side reads aloud are the words the other side sees for it.
    const thWords = await th.getByTestId('own-fingerprint-words').innerText();
    expect(await mm.getByTestId(`partner-row-${TH.code}`).innerText()).toContain(thWords);

    for (const [page, other] of [[th, MM.code], [mm, TH.code]] as const) {
      await page.getByTestId(`partner-actions-${other}`).click();
      await page.getByRole('menuitem', { name: 'Compare fingerprint…' }).click();
      await page.getByTestId('verify-theirs-words').waitFor();
      await page.getByLabel('By phone').check();
      await page.getByTestId('verify-matched').check();
      await page.getByTestId('verify-submit').click();
      await expect.poll(() => page.getByTestId(`partner-trust-${other}`).textContent()).toBe('Verified');
    }
    expect(await mm.getByTestId(`partner-row-${TH.code}`).innerText()).toContain('By phone');
    await screenshot(mm, 'exchange-partners');
  });

  it('TH-ATTF sends a plan-structure bundle; MM-DSW inspects it, previews and applies it', async () => {
    await createPlan(th, 'National Plan of Action 2025-2029');
    firstBundle = await exportPlans(th, 1);
    expect(firstBundle.startsWith(usb)).toBe(true);
    expect(firstBundle).toMatch(/[0-9a-f]{32}\.cpb$/);

    await inspect(mm, firstBundle);
    await mm.getByTestId('inspection').waitFor();
    expect(await mm.getByTestId('inspection-sender').innerText()).toContain(TH.code);
    expect(await mm.getByTestId('inspection-sequence').textContent()).toBe('New');
    expect(Number(await mm.getByTestId('preview-new').innerText())).toBeGreaterThan(0);
    await screenshot(mm, 'exchange-import-preview');
    await mm.getByTestId('import-apply').click();
    await mm.getByTestId('import-result').waitFor();
    expect(await mm.getByTestId('import-result').innerText()).toContain('Bundle imported');
  });

  it('the same file a second time is recognised as already imported and changes nothing', async () => {
    await inspect(mm, firstBundle);
    await mm.getByTestId('inspection').waitFor();
    expect(await mm.getByTestId('inspection-sequence').textContent()).toBe('Already imported');
    expect(await mm.getByTestId('import-apply').count()).toBe(0);
  });

  it('a file with one flipped byte is refused with a plain message, and nothing changes', async () => {
    const before = JSON.stringify(await rpc(mm, 'bundles.streams', {}));
    const tampered = join(usb, 'tampered.cpb');
    copyFileSync(firstBundle, tampered);
    const bytes = readFileSync(tampered);
    const at = Math.floor(bytes.length * 0.75);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    writeFileSync(tampered, bytes);
    await inspect(mm, tampered);
    const alert = mm.getByTestId('error-alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('This file was refused; nothing was changed');
    expect(text).not.toMatch(/BUNDLE_|Error:/);
    expect(JSON.stringify(await rpc(mm, 'bundles.streams', {}))).toBe(before);
  });

  it('a bundle that never arrived is shown as a gap, and the resent copy fills it', async () => {
    await createPlan(th, 'Provincial plan Chiang Rai');
    const lost = await exportPlans(th, 2);
    await createPlan(th, 'Provincial plan Tak');
    const third = await exportPlans(th, 3);

    await inspect(mm, third);
    await mm.getByTestId('inspection').waitFor();
    expect(await mm.getByTestId('inspection-sequence').textContent()).toBe('After a gap');
    await mm.getByTestId('import-apply').click();
    await mm.getByTestId('import-result').waitFor();

    await openExchange(mm, 'streams');
    const gaps = mm.getByTestId('stream-gaps');
    await gaps.waitFor();
    expect(await gaps.innerText()).toContain(`Bundle 2 from ${TH.code} never arrived`);
    await screenshot(mm, 'exchange-streams-gap');

    // TH-ATTF writes the lost bundle again from its sent log, into another folder.
    rmSync(lost);
    const again = mkdtempSync(join(usb, 'resend-'));
    await openExchange(th, 'streams');
    await th.getByTestId('resend-2').click();
    await th.getByTestId('resend-out-dir').fill(again);
    await th.getByTestId('resend-submit').click();
    const resent = (await th.getByTestId('resend-result').innerText()).trim();

    await inspect(mm, resent);
    await mm.getByTestId('inspection').waitFor();
    expect(await mm.getByTestId('inspection-sequence').textContent()).toBe('Fills a gap');
    await mm.getByTestId('import-apply').click();
    await mm.getByTestId('import-result').waitFor();
    await openExchange(mm, 'streams');
    await expect.poll(() => mm.getByTestId('stream-gaps').count()).toBe(0);
  });

  it('shows the conflict queue', async () => {
    await openExchange(mm, 'conflicts');
    await mm.getByTestId('conflicts-table').waitFor();
    await screenshot(mm, 'exchange-conflicts');
  });

  it('an M&E officer sends NPA bundles without an exchange officer: only those types are offered, and the core refuses a case bundle', async () => {
    const password = 'quarterly progress passphrase 2025';
    await rpc(th, 'users.add', { username: 'kyaw', displayName: 'Kyaw Min (M&E)', role: 'me_officer', password });
    // Close the resend dialog left open by the test above.
    await th.keyboard.press('Escape');
    await th.getByRole('dialog').waitFor({ state: 'detached' });
    await signOut(th);
    await signIn(th, 'kyaw', password);
    await th.goto(`${new URL(th.url()).origin}/#/exchange`);
    await th.getByTestId('exchange-tab-export').waitFor();
    expect(await th.getByTestId('exchange-tab-partners').count()).toBe(0);
    expect(await th.getByTestId('exchange-tab-keys').count()).toBe(0);

    await th.getByTestId('export-to').click();
    await th.getByRole('option', { name: /MM-DSW/ }).click();
    await th.keyboard.press('Escape');
    await th.getByTestId('export-type').click();
    expect(await th.getByRole('option').allInnerTexts()).toEqual(['Workplan progress', 'Plan structure']);
    await th.getByRole('option', { name: 'Workplan progress' }).click();
    await th.getByTestId('export-purpose').fill('Quarterly NPA progress, Q3');
    await th.getByTestId('export-out-dir').fill(usb);
    await th.getByTestId('export-submit').click();
    expect(await th.getByTestId('export-result').innerText()).toContain('Bundle number');

    const refused = await th.evaluate(async (outDir) => {
      const response = await fetch('/rpc', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ method: 'bundles.export', params: { to: ['MM-DSW'], type: 'case-update', select: { mode: 'sinceLast' }, purpose: 'not for an M&E officer', outDir } }),
        credentials: 'same-origin',
      });
      return (await response.json()) as { ok: boolean; error?: { code: string } };
    }, usb);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
