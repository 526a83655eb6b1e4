import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type Session } from './harness';

/**
 * The case list at size (issue 8): in the demo workspace's 300 cases, the list is one scrolling
 * table that reads further pages of 50 as the user scrolls, keeps only the rows in view in the page,
 * and can be walked with the keyboard (arrows, Home, End, Enter).
 */

const DEMO_CASES = 300;
/** Rows drawn at once: what fits the scroller (about 16) plus the overscan either side; never the whole list. */
const MAX_ROWS_IN_PAGE = 40;

const rowsInPage = (page: Page) => page.getByTestId('case-row').count();
const focusedRow = (page: Page) => page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-index') ?? null);

describe('the case list of a large workspace', () => {
  let session: Session;
  const listCalls: string[] = [];

  beforeAll(async () => {
    session = await openApp();
    session.page.on('request', (request) => {
      const body = request.postData();
      if (request.url().endsWith('/rpc') && body?.includes('"cases.list"')) listCalls.push(body);
    });
    await session.page.getByRole('button', { name: 'Open the demo workspace' }).click();
    await session.page.getByTestId('demo-badge').waitFor({ timeout: 110_000 });
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('reads further pages as the user scrolls, with a bounded number of rows in the page', async () => {
    const { page } = session;
    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
    await page.getByTestId('case-row').first().waitFor();
    expect(await page.getByTestId('case-count').innerText()).toBe(`Matching cases: ${DEMO_CASES}`);
    expect(await page.getByTestId('case-table').getAttribute('aria-rowcount')).toBe(String(DEMO_CASES + 1));
    expect(await rowsInPage(page)).toBeLessThanOrEqual(MAX_ROWS_IN_PAGE);
    const firstCalls = listCalls.filter((c) => !c.includes('"cursor"')).length;
    expect(listCalls.filter((c) => c.includes('"cursor"'))).toHaveLength(0);

    // Scroll to the bottom until the end of the list: each step reads the next page with its cursor.
    const scroller = page.getByTestId('case-scroller');
    const seen = new Set<string>();
    for (let step = 0; step < 40; step++) {
      for (const n of await page.getByTestId('case-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-number') ?? ''))) seen.add(n);
      if ((await page.getByTestId('case-list-status').innerText()) === `End of the list. Cases shown: ${DEMO_CASES}`) break;
      await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await page.waitForTimeout(150);
    }
    expect(await page.getByTestId('case-list-status').innerText()).toBe(`End of the list. Cases shown: ${DEMO_CASES}`);
    const pageCalls = listCalls.filter((c) => c.includes('"cursor"'));
    expect(pageCalls.length).toBe(DEMO_CASES / 50 - 1);
    expect(listCalls.filter((c) => !c.includes('"cursor"')).length).toBe(firstCalls);
    expect(seen.size).toBeGreaterThan(MAX_ROWS_IN_PAGE);
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    // At the bottom: the last case is drawn with its position in the whole list, and still only a window of rows is in the page.
    await expect.poll(async () => page.getByTestId('case-row').last().getAttribute('aria-rowindex')).toBe(String(DEMO_CASES + 1));
    expect(await rowsInPage(page)).toBeLessThanOrEqual(MAX_ROWS_IN_PAGE);
    const numbers = await page.getByTestId('case-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-number') ?? ''));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('moves between cases with the arrow keys, Home and End, scrolling as needed, and opens one with Enter', async () => {
    const { page } = session;
    const scroller = page.getByTestId('case-scroller');
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    const firstLink = page.locator('[data-index="0"] [data-row-link]');
    await firstLink.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedRow(page)).toBe('2');
    await page.keyboard.press('End');
    await expect.poll(() => focusedRow(page)).toBe(String(DEMO_CASES - 1));
    expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    expect(await rowsInPage(page)).toBeLessThanOrEqual(MAX_ROWS_IN_PAGE);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => focusedRow(page)).toBe(String(DEMO_CASES - 2));
    await page.keyboard.press('Home');
    await expect.poll(() => focusedRow(page)).toBe('0');
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);

    const caseNumber = await page.locator('[data-index="0"]').getAttribute('data-case-number');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${caseNumber!}`) }).waitFor();

    // Leaving the list for another screen unmounts it cleanly (no error screen).
    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
    await page.getByTestId('case-row').first().waitFor();
    await page.getByTestId('register-case').click();
    await page.getByRole('heading', { level: 1, name: 'Register a person' }).waitFor();
    expect(await page.getByText('Unexpected Application Error').count()).toBe(0);
  });
});
