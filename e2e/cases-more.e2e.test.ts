import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openApp, screenshot, type Session } from './harness';
import { ADMIN, createWorkspace, signIn, signOut } from './flows';

/**
 * The case file beyond the main SOP walk-through (cases.e2e.test.ts): case settings, attachments
 * refused and accepted (bytes checked end to end and never in plaintext on disk), tasks and the due
 * lists, the full screening, the return plan's route and case conferences, correcting the person,
 * the risk form, closure and reopening, the exact audit trail of the case, and a keyboard-only
 * registration at 1366×768 without horizontal scrolling.
 */

const MANAGER = { username: 'kyaw', displayName: 'Kyaw Min', password: 'orchid lantern seven harbour', role: 'case_manager' };
const MARKER = 'CP-ATTACHMENT-MARKER-5e1f0c7a93';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A small, real PDF whose text holds `marker`, padded to about `size` bytes. */
function pdf(marker: string, size = 0): Buffer {
  const body = `%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n% ${marker}\n`;
  const padding = Math.max(0, size - body.length - 30);
  return Buffer.from(`${body}% ${'x'.repeat(padding)}\ntrailer <</Root 1 0 R>>\n%%EOF\n`);
}

type RpcAnswer = { ok: true; value: unknown } | { ok: false; error: { code: string } };

/** Calls the core as the signed-in user, exactly as the page's own bridge does in browser mode. */
function rpc<T>(page: Page, method: string, params: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, params }) => {
      const response = await fetch('/rpc', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ method, params }),
        credentials: 'same-origin',
        cache: 'no-store',
      });
      return (await response.json()) as unknown;
    },
    { method, params },
  ) as Promise<T>;
}

async function value<T>(page: Page, method: string, params: unknown): Promise<T> {
  const answer = await rpc<RpcAnswer>(page, method, params);
  if (!answer.ok) throw new Error(`${method} failed: ${answer.error.code}`);
  return answer.value as T;
}

/** Every file under `dir`, read as bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}

async function openCase(page: Page, id: string, tab?: string): Promise<void> {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/cases/${id}`);
  await page.getByTestId('tab-person').waitFor();
  if (tab) await page.getByTestId(`tab-${tab}`).click();
}

/** Presses Tab until `target` has the focus (the way a keyboard user gets there). */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** True when the page scrolls sideways (it must not, at 1366×768). */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth || document.body.scrollWidth > document.body.clientWidth);

describe('the case file in more depth, in the browser', () => {
  let session: Session;
  let caseId = '';
  beforeAll(async () => {
    session = await openApp();
    await session.page.setViewportSize({ width: 1366, height: 768 });
    await createWorkspace(session.page);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('the administrator sets the attachment limit and adds a score-weights version in the case settings', async () => {
    const { page } = session;
    await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Add a user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a user' });
    await dialog.getByLabel('User name').fill(MANAGER.username);
    await dialog.getByLabel('Full name').fill(MANAGER.displayName);
    await dialog.getByLabel('Role').selectOption(MANAGER.role);
    await dialog.getByTestId('new-password').fill(MANAGER.password);
    await dialog.getByTestId('confirm-password').fill(MANAGER.password);
    await dialog.getByRole('button', { name: 'Add the user' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
    await page.getByTestId('case-settings').click();
    await page.getByRole('heading', { level: 1, name: 'Case settings' }).waitFor();
    const limit = page.getByLabel('Largest attachment (MB)');
    await limit.fill('0.05');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();

    await page.getByLabel('Version', { exact: true }).fill('BAD VERSION');
    await page.getByTestId('weights-add').click();
    await page.getByText('A version is lower-case letters, digits, dots and hyphens (2 to 41).').waitFor();
    await page.getByLabel('Version', { exact: true }).fill('dsw-2025');
    await page.getByLabel('Weight: Economic').fill('0.5');
    await page.getByLabel('Weight: Social').fill('0.25');
    await page.getByLabel('Weight: Psychosocial').fill('0.25');
    await page.getByTestId('weights-add').click();
    await expect.poll(async () => page.getByTestId('weights-row').count()).toBe(2);

    const settings = await value<{ attachmentMaxBytes: number; scoreWeights: { version: string; economic: number }[]; activeWeightsVersion: string }>(page, 'caseSettings.get', {});
    expect(settings.attachmentMaxBytes).toBe(Math.round(0.05 * 1024 * 1024));
    expect(settings.scoreWeights.map((w) => w.version)).toEqual(['equal-v1', 'dsw-2025']);
    expect(settings.activeWeightsVersion).toBe('equal-v1');
  });

  it('registers a person, then corrects the family name and the phone', async () => {
    const { page } = session;
    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
    await page.getByTestId('register-case').click();
    await page.getByLabel('First name').fill('Sokha');
    await page.getByLabel('Family name').fill('Chann');
    await page.getByLabel('Estimated age').fill('24');
    await page.getByLabel('Citizenship').fill('KHM');
    await page.getByLabel('Country of identification').fill('THA');
    await page.getByRole('button', { name: 'Check for duplicates' }).click();
    await page.getByTestId('no-duplicates').waitFor();
    await page.getByTestId('register-submit').click();
    await page.getByTestId('tab-person').waitFor();
    caseId = /#\/cases\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    expect(caseId).not.toBe('');

    await page.getByTestId('person-edit').click();
    await page.getByLabel('Family name').fill('Chan');
    await page.getByLabel('Mobile phone').fill('abc');
    await page.getByTestId('person-save').click();
    await page.getByText('A phone number is 3 to 15 digits, optionally starting with +.').waitFor();
    await page.getByLabel('Mobile phone').fill('+66 89 555 0101');
    await page.getByTestId('person-save').click();
    // Phone numbers are kept without spaces or punctuation.
    await expect.poll(async () => page.getByTestId('person-fields').innerText()).toContain('+66895550101');
    expect(await page.getByTestId('page-title').innerText()).toMatch(/ · Sokha Chan$/);
    const file = await value<{ case: { prs_SecondName: string; prs_MobilePhone: string; estimatedAge: number } }>(page, 'cases.get', { id: caseId });
    expect(file.case).toMatchObject({ prs_SecondName: 'Chan', prs_MobilePhone: '+66895550101', estimatedAge: 24 });

    // The timeline names the corrected fields by the form's labels, not by their codes.
    await page.getByTestId('tab-timeline').click();
    const corrected = page.locator('[data-testid="timeline-entry"][data-kind="updated"] [data-testid="timeline-details"]');
    await expect.poll(async () => corrected.allInnerTexts()).toEqual([expect.stringMatching(/^Changed: (Family name, Mobile phone|Mobile phone, Family name)$/)]);
  });

  it('refuses an attachment over the limit and a program named .pdf, stores neither, and returns an accepted file byte for byte', async () => {
    const { page, server } = session;
    await page.getByTestId('tab-attachments').click();
    const input = page.locator('input[type="file"]');

    await input.setInputFiles({ name: 'statement-large.pdf', mimeType: 'application/pdf', buffer: pdf('TOO-LARGE', 60_000) });
    await page.getByTestId('attachment-submit').click();
    await expect.poll(async () => page.getByTestId('error-alert').innerText()).toBe('This file is too large to attach.');
    expect(await page.getByTestId('attachment-help').innerText()).toBe('The largest file this workspace accepts is 52.4 kB. Attach a smaller or compressed copy; nothing was stored.');

    const program = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(400, 0x41)]);
    await input.setInputFiles({ name: 'medical-report.pdf', mimeType: 'application/pdf', buffer: program });
    await page.getByTestId('attachment-submit').click();
    await expect.poll(async () => page.getByTestId('error-alert').innerText()).toBe('Files of this type cannot be attached.');
    expect(await page.getByTestId('attachment-help').innerText()).toContain('checked by its content, not by its name');
    expect((await value<{ attachments: unknown[] }>(page, 'cases.get', { id: caseId })).attachments).toEqual([]);

    const accepted = pdf(MARKER, 2_000);
    await input.setInputFiles({ name: 'identity-letter.pdf', mimeType: 'application/pdf', buffer: accepted });
    await page.getByTestId('attachment-submit').click();
    await expect.poll(async () => page.getByTestId('attachment-row').count()).toBe(1);
    expect(await page.getByTestId('error-alert').count()).toBe(0);
    const stored = (await value<{ attachments: { fileName: string; size: number; mediaType: string }[] }>(page, 'cases.get', { id: caseId })).attachments;
    expect(stored).toEqual([expect.objectContaining({ fileName: 'identity-letter.pdf', size: accepted.length, mediaType: 'application/pdf' })]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download identity-letter.pdf' }).click()]);
    const path = await download.path();
    expect(Buffer.compare(readFileSync(path), accepted)).toBe(0);
    expect(download.suggestedFilename()).toBe('identity-letter.pdf');

    // Nothing in the workspace folder holds the attachment's bytes in plaintext (the database is encrypted).
    const files = filesUnder(server.workspaceDir);
    expect(files.some((f) => f.path.endsWith('workspace.db'))).toBe(true);
    expect(files.filter((f) => f.bytes.includes(MARKER)).map((f) => f.path)).toEqual([]);
    expect(files.filter((f) => f.bytes.includes('TOO-LARGE')).map((f) => f.path)).toEqual([]);
  });

  it('adds a task past its date: it shows under Overdue until it is done', async () => {
    const { page } = session;
    await page.getByTestId('tab-tasks').click();
    await page.getByRole('textbox', { name: /^Task/ }).fill('Collect the birth certificate from the embassy');
    await page.getByLabel('Due date').fill(day(-3));
    await page.getByTestId('task-submit').click();
    await expect.poll(async () => page.getByTestId('task-row').count()).toBe(1);

    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
    await page.locator('label').filter({ hasText: /^Overdue$/ }).click();
    const item = page.getByTestId('due-item').filter({ hasText: 'Collect the birth certificate' });
    await item.waitFor();
    expect(await item.getAttribute('data-overdue')).toBe('true');
    expect(await item.innerText()).toContain(day(-3));
    await expect.poll(async () => page.getByTestId('case-row').count()).toBe(1);

    await openCase(page, caseId, 'tasks');
    await page.getByTestId('task-complete').click();
    await expect.poll(async () => page.getByTestId('task-row').textContent()).toContain(`Done on ${day(0)}`);
    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
    await page.locator('label').filter({ hasText: /^Overdue$/ }).click();
    await page.getByTestId('due-empty').waitFor();
  });

  it('records a full screening with indicators, forced labour in fishing and the trafficking path; scope is derived', async () => {
    const { page } = session;
    await openCase(page, caseId, 'screening');
    await page.getByLabel('Deceived about the job').selectOption('yes');
    await page.getByTestId('rapid-submit').click();
    await page.getByTestId('full-submit').waitFor();
    await page.getByLabel('Deceptive job offer').check();
    await page.getByLabel('Documents taken during the journey').check();
    await page.getByLabel('No days off').check();
    await page.getByLabel('Forced labour', { exact: true }).check();
    await page.getByTestId('isic-sectors').getByLabel('A · Agriculture, forestry and fishing').check();
    await page.getByLabel('Withholds documents', { exact: false }).first().check();
    await page.getByLabel('Friend', { exact: true }).check();
    await page.getByLabel('Relationship to the trafficker (HTCDS)').selectOption('Acquainted');
    await page.getByLabel('An interpreter was used').check();
    const rows = page.getByTestId('event-row');
    await rows.nth(0).getByLabel('Country of recruitment').fill('KHM');
    await rows.nth(0).getByLabel('From').fill('2024-01-10');
    await page.getByTestId('event-add').click();
    await rows.nth(2).getByLabel('Country of transit').fill('XX1');
    await page.getByLabel('Outcome').selectOption('presumed_victim');
    await page.getByTestId('full-submit').click();
    await rows.nth(2).getByText('Use an ISO code of three letters, such as MMR or THA.').waitFor();
    await rows.nth(2).getByLabel('Country of transit').fill('THA');
    await rows.nth(1).getByLabel('Country of exploitation').fill('THA');
    await rows.nth(1).getByLabel('From').fill('2024-02-01');
    await rows.nth(1).getByLabel('Until').fill('2025-04-01');
    expect(await page.getByTestId('derived-scope').textContent()).toBe('Trafficking: International');
    expect(await page.getByTestId('derived-months').textContent()).toBe('Months in exploitation: 14');
    await page.getByTestId('full-submit').click();
    await page.getByTestId('full-summary').waitFor();
    const summary = await page.getByTestId('full-summary').innerText();
    for (const text of ['Deceptive job offer', 'Documents taken during the journey', 'No days off', 'A · Agriculture, forestry and fishing', 'Friend', 'Someone known to the person']) expect(summary).toContain(text);
    expect(await page.getByTestId('case-scope').textContent()).toBe('Trafficking: International');

    const file = await value<{ screenings: { kind: string; interpreterUsed: boolean; vic_RelationshipToTrafficker?: string; vic_ForcedLabourIndustry?: string[]; recruiterRelations?: string[]; events?: { hte_Type: string; hte_Country: string }[] }[]; derived: { scope: string; exploitationMonths: number; countries: { transit: string[] } } }>(
      page,
      'cases.get',
      { id: caseId },
    );
    const full = file.screenings.find((s) => s.kind === 'full');
    expect(full?.vic_ForcedLabourIndustry).toEqual(['A_AgricultureForestryAndFishing']);
    expect(full?.recruiterRelations).toEqual(['Friend']);
    expect(full).toMatchObject({ vic_RelationshipToTrafficker: 'Acquainted', interpreterUsed: true });
    expect(full?.events?.map((e) => `${e.hte_Type}:${e.hte_Country}`)).toEqual(['Recruitment:KHM', 'Exploitation:THA', 'Transit:THA']);
    expect(file.derived).toMatchObject({ scope: 'international', exploitationMonths: 14, countries: { transit: ['THA'] } });
  });

  it('assesses risk at the four levels with an overall level and a safety plan', async () => {
    const { page } = session;
    await page.getByTestId('tab-risk').click();
    const factors: [string, string, string, string][] = [
      ['individual', 'risk', 'Debt of 40,000 baht to the recruiter', 'high'],
      ['household', 'protective', 'Mother supports her return', 'medium'],
      ['community', 'risk', 'Recruiter lives in the home village', 'high'],
      ['structural', 'risk', 'No identity documents', 'medium'],
    ];
    for (const [level, kind, factor, severity] of factors) {
      await page.getByLabel('Level', { exact: true }).selectOption(level);
      await page.getByLabel('Kind', { exact: true }).selectOption(kind);
      await page.getByLabel('Factor', { exact: true }).fill(factor);
      await page.getByLabel('Severity', { exact: true }).selectOption(severity);
      await page.getByTestId('risk-factor-add').click();
    }
    await page.getByLabel('Overall risk').selectOption('high');
    await page.getByLabel('Safety plan').fill('Stays at the shelter; no contact with the recruiter; weekly call with her case worker.');
    await page.getByTestId('risk-submit').click();
    await expect.poll(async () => page.getByTestId('risk-factor').count()).toBe(4);
    const levels = await page.getByTestId('risk-factor').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-level')}:${r.getAttribute('data-kind')}`));
    expect(levels).toEqual(['individual:risk', 'household:protective', 'community:risk', 'structural:risk']);
    expect(await page.getByTestId('safety-plan').innerText()).toContain('weekly call with her case worker');
    await expect.poll(async () => page.getByTestId('section-risk-latest').textContent()).toContain('High risk');
    const file = await value<{ riskAssessments: { overallLevel: string; factors: unknown[]; safetyPlan?: { measures: string } }[]; derived: { riskLevel: string } }>(page, 'cases.get', { id: caseId });
    expect(file.riskAssessments.at(-1)).toMatchObject({ overallLevel: 'high', safetyPlan: { measures: expect.stringContaining('Stays at the shelter') } });
    expect(file.derived.riskLevel).toBe('high');
  });

  it('plans a return with its route, escort, documents, and a case-conference note', async () => {
    const { page } = session;
    await page.getByTestId('tab-return').click();
    await page.getByLabel('Destination country').fill('KHM');
    await page.getByLabel('Planned date').fill(day(20));
    await page.getByLabel('Receiving organisation').fill('Ministry of Social Affairs, Cambodia');
    await page.getByTestId('leg-add').click();
    const leg = page.getByTestId('route-leg').first();
    await leg.getByLabel('From', { exact: true }).fill('Bangkok shelter');
    await leg.getByLabel('To', { exact: true }).fill('Poipet transit centre');
    await leg.getByLabel('Border crossing point').fill('Aranyaprathet – Poipet');
    await page.getByLabel('An escort travels with the person').check();
    await page.getByLabel('Organisation of the escort').fill('IOM Thailand');
    await page.getByTestId('document-add').click();
    await page.getByTestId('travel-document').getByLabel('Where it stands').selectOption('applied');
    await page.getByTestId('return-submit').click();
    await page.getByTestId('route-saved').waitFor();
    expect(await page.getByTestId('route-saved').innerText()).toContain('From Bangkok shelter to Poipet transit centre (Road) · crossing at Aranyaprathet – Poipet');
    expect(await page.getByTestId('escort-saved').innerText()).toBe('Escort: IOM Thailand');
    expect(await page.getByTestId('documents-saved').innerText()).toContain('Certificate of identity · Applied for');

    await page.getByLabel('Date of the conference').fill(day(0));
    await page.getByLabel('Participants').fill('DSW Thailand, MoSVY Cambodia, IOM');
    await page.getByLabel('Notes of the conference').fill('Family tracing done; mother agrees; escort confirmed.');
    await page.getByTestId('conference-submit').click();
    await expect.poll(async () => page.getByTestId('conference-saved').count()).toBe(1);
    const file = await value<{ returns: { route: unknown[]; escortRequired: boolean; travelDocuments: { status: string }[]; caseConferences: { notes: string }[] }[] }>(page, 'cases.get', { id: caseId });
    expect(file.returns).toHaveLength(1);
    expect(file.returns[0]).toMatchObject({ escortRequired: true, travelDocuments: [{ status: 'applied' }], caseConferences: [{ notes: 'Family tracing done; mother agrees; escort confirmed.' }] });
    expect(file.returns[0]?.route).toHaveLength(1);
  });

  it('schedules a follow-up visit and cancels it; the timeline says so in words', async () => {
    const { page } = session;
    await page.getByTestId('tab-reintegration').click();
    await page.getByTestId('followup-schedule').click();
    await page.getByTestId('followup-cancel').click();
    await page.getByTestId('followup-cancelled').waitFor();
    expect(await page.getByTestId('followup-record').count()).toBe(0);
    await page.getByTestId('tab-timeline').click();
    const cancelled = page.locator('[data-testid="timeline-entry"][data-kind="followup_cancelled"]');
    await cancelled.waitFor();
    expect(await cancelled.innerText()).toContain('Follow-up cancelled');
  });

  it('closes the case with a second supervisor’s approval, and reopens it', async () => {
    const { page } = session;
    const stageBefore = await page.getByTestId('stage-badge').first().textContent();
    expect(stageBefore).not.toBe('Closed');
    await page.getByTestId('tab-closure').click();
    await page.getByLabel('Reason', { exact: true }).selectOption('moved_away');
    await page.getByLabel('Why the case is closed').fill('She moved to another province with her family.');
    await page.getByTestId('closure-request').click();
    await expect.poll(async () => page.getByTestId('closure-decision').textContent()).toBe('Awaiting approval');

    await signOut(page);
    await signIn(page, MANAGER.username, MANAGER.password);
    await openCase(page, caseId, 'closure');
    await page.getByTestId('closure-approve').click();
    await expect.poll(async () => page.getByTestId('stage-badge').first().textContent()).toBe('Closed');
    await page.getByLabel('Why the case is reopened').fill('She came back and asks for help again.');
    await page.getByRole('button', { name: 'Reopen', exact: true }).click();
    await expect.poll(async () => page.getByTestId('stage-badge').first().textContent()).toBe(stageBefore);
    await page.getByTestId('tab-timeline').click();
    await page.getByTestId('timeline-entry').first().waitFor();
    const kinds = await page.getByTestId('timeline-entry').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    // A step dated by its day shows that day, not midnight in some time zone.
    expect(await page.locator('[data-testid="timeline-entry"][data-kind="screened_full"]').innerText()).toMatch(new RegExp(`^${day(0)}\\s`));
    const at = (kind: string) => kinds.lastIndexOf(kind);
    expect(at('closure_requested')).toBeGreaterThan(-1);
    expect(at('closure_requested')).toBeLessThan(at('closure_decided'));
    expect(at('closure_decided')).toBeLessThan(at('reopened'));
    await screenshot(page, 'cases-file-reopened');
  });

  it('the audit log holds the reads and writes of this case, by record id and action', async () => {
    const { page } = session;
    await signOut(page);
    await signIn(page, ADMIN.username, ADMIN.password);
    const { entries } = await value<{ entries: { action: string; recordId: string | null; username: string | null; outcome: string; details: Record<string, unknown> | null }[] }>(page, 'audit.list', {
      recordId: caseId,
      limit: 500,
    });
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.recordId === caseId)).toBe(true);
    const actions = new Set(entries.map((e) => e.action));
    for (const action of [
      'case.registered',
      'case.updated',
      'case.attachment_added',
      'case.task_added',
      'case.task_done',
      'case.screened_rapid',
      'case.screened_full',
      'case.risk_assessed',
      'case.return_planned',
      'case.return_updated',
      'case.closure_requested',
      'case.closure_decided',
      'case.reopened',
      'case.view',
    ]) {
      expect(actions, action).toContain(action);
    }
    const views = entries.filter((e) => e.action === 'case.view');
    const seen = new Set(views.map((e) => `${e.username}:${String(e.details?.what)}`));
    for (const read of [`${ADMIN.username}:file`, `${ADMIN.username}:attachment`, `${MANAGER.username}:file`, `${MANAGER.username}:timeline`]) expect(seen, read).toContain(read);
    // The updated step names the fields, never their values.
    const updated = entries.find((e) => e.action === 'case.updated');
    expect(updated?.details).toMatchObject({ fields: expect.arrayContaining(['prs_SecondName', 'prs_MobilePhone']) });
    expect(JSON.stringify(updated?.details)).not.toContain('+66895550101');

    // The audit log screen shows them too.
    await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
    await page.getByTestId('audit-row').first().waitFor();
    const rows = await page.getByTestId('audit-row').evaluateAll((list) => list.map((r) => ({ action: r.getAttribute('data-action') ?? '', text: (r as HTMLElement).innerText })));
    expect(rows.some((r) => r.action === 'case.reopened' && r.text.includes(caseId))).toBe(true);
    expect(rows.some((r) => r.action === 'case.view' && r.text.includes(caseId))).toBe(true);
  });

  it('registers a person and records a consent with the keyboard alone, at 1366×768, without sideways scrolling', async () => {
    const { page } = session;
    expect(page.viewportSize()).toEqual({ width: 1366, height: 768 });
    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await page.getByTestId('case-row').first().waitFor();
    expect(await scrollsSideways(page)).toBe(false);

    await tabTo(page, page.getByTestId('register-case'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Register a person' }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    const fields: [string, string][] = [
      ['First name', 'Nguyễn Thị Lan'],
      ['Estimated age', '31'],
      ['Citizenship', 'VNM'],
      ['Country of identification', 'THA'],
    ];
    for (const [label, text] of fields) {
      await tabTo(page, page.getByLabel(new RegExp(`^${label}( \\*)?$`)));
      await page.keyboard.type(text);
    }
    await tabTo(page, page.getByRole('button', { name: 'Check for duplicates' }));
    await page.keyboard.press('Enter');
    await page.getByTestId('no-duplicates').waitFor();
    await tabTo(page, page.getByTestId('register-submit'));
    await page.keyboard.press('Enter');
    await page.getByTestId('tab-person').waitFor();
    expect(await page.getByTestId('page-title').innerText()).toContain('Nguyễn Thị Lan');
    expect(await scrollsSideways(page)).toBe(false);

    // Tabs move with the arrow keys: Person -> Screening -> Risk -> Consent.
    await tabTo(page, page.getByTestId('tab-person'));
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.getByTestId('consent-submit').waitFor();
    expect(await page.getByTestId('tab-consent').getAttribute('aria-selected')).toBe('true');
    await tabTo(page, page.getByTestId('consent-submit'));
    await page.keyboard.press('Enter');
    await expect.poll(async () => page.getByTestId('consent-row').count()).toBe(1);
    expect(await page.getByTestId('consent-row').innerText()).toContain('Assistance');
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'cases-keyboard-consent');
  });

  it('names every field and control of the new case forms (screening, return, person correction, settings)', async () => {
    const { page } = session;
    const unlabelled = () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')]
          .filter((field) => field.type !== 'hidden' && field.offsetParent !== null)
          .filter((field) => !(field.labels && field.labels.length > 0) && !field.getAttribute('aria-label') && !field.getAttribute('aria-labelledby'))
          .map((field) => field.outerHTML.slice(0, 120)),
      );
    const unnamed = () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('button, a[href]')]
          .filter((control) => control.offsetParent !== null)
          .filter((control) => !(control.innerText.trim() || control.getAttribute('aria-label') || control.getAttribute('aria-labelledby') || control.title))
          .map((control) => control.outerHTML.slice(0, 120)),
      );
    await openCase(page, caseId, 'screening');
    await page.getByTestId('full-submit').waitFor();
    await page.getByLabel('Forced labour', { exact: true }).check();
    await page.getByTestId('event-add').click();
    expect(await unlabelled()).toEqual([]);
    expect(await unnamed()).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);

    await page.getByTestId('tab-return').click();
    await page.getByTestId('leg-add').click();
    await page.getByTestId('document-add').click();
    await page.getByLabel('An escort travels with the person').check();
    expect(await unlabelled()).toEqual([]);
    expect(await unnamed()).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);

    await page.getByTestId('tab-person').click();
    await page.getByTestId('person-edit').click();
    expect(await unlabelled()).toEqual([]);
    expect(await unnamed()).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);

    await page.evaluate(() => {
      window.location.hash = '#/cases/settings';
    });
    await page.getByRole('heading', { level: 1, name: 'Case settings' }).waitFor();
    expect(await unlabelled()).toEqual([]);
    expect(await unnamed()).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);
  });
});
