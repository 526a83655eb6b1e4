import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN } from '../flows';

/** The two offices of the exchange test: a Thai task force and Myanmar's social-welfare department. */
export const TH = { name: 'Anti-Trafficking Task Force Bangkok', code: 'TH-ATTF', country: 'Thailand', option: /\(THA\)$/, type: 'LawEnforcement' };
export const MM = { name: 'Department of Social Welfare Myanmar', code: 'MM-DSW', country: 'Myanmar', option: /\(MMR\)$/, type: 'NGO' };
export type Office = typeof TH;

/** The first run of one office, through the labels a person reads, ending on the home page. */
export async function createOffice(page: Page, office: Office): Promise<void> {
  await page.getByLabel('Name of the organisation').fill(office.name);
  await page.getByLabel('Organisation code').fill(office.code);
  await page.getByRole('combobox', { name: 'Country' }).fill(office.country);
  await page.getByRole('option', { name: office.option }).click();
  await page.getByLabel('Type of organisation').selectOption(office.type);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('User name').fill(ADMIN.username);
  await page.getByLabel('Full name').fill(ADMIN.displayName);
  await page.getByTestId('new-password').fill(ADMIN.password);
  await page.getByTestId('confirm-password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create the workspace' }).click();
  await page.getByLabel('I have written the recovery code down').check();
  await page.getByRole('button', { name: 'Continue to Counterpart' }).click();
  await page.getByRole('heading', { level: 1, name: office.name }).waitFor();
}

/**
 * One contract call through the page's own session (the browser-mode host's /rpc), for test set-up
 * that has no screen of its own yet (workplan records) and for before/after comparisons.
 */
export async function rpc<T = unknown>(page: Page, method: string, params: unknown): Promise<T> {
  const answer = await page.evaluate(
    async ({ method: m, params: p }) => {
      const response = await fetch('/rpc', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ method: m, params: p }), credentials: 'same-origin' });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
    },
    { method, params },
  );
  expect(answer.ok, `${method}: ${JSON.stringify(answer.error)}`).toBe(true);
  return answer.value as T;
}

/** A small NPA plan (plan + default pillars): real records with a plan-structure export profile. */
export async function createPlan(page: Page, title: string): Promise<void> {
  await rpc(page, 'plans.create', { country: 'THA', title, startYear: 2025, endYear: 2029, version: '1.0', description: 'Exchange test plan' });
}

export async function openExchange(page: Page, section: string): Promise<void> {
  await page.getByTestId(`exchange-tab-${section}`).click();
}
