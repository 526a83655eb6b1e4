import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openPages, ROOT } from './harness';

/**
 * Set-up file of the end-to-end suite: when a test fails, each open page is kept as evidence, so a
 * failure that happens only on a loaded CI machine can be read from the log afterwards. The log gets
 * the page's address and the text of every alert on it (the app's translated error messages are
 * alerts); out/e2e-failures/ gets a screenshot.
 */
const FAILURES = join(ROOT, 'out', 'e2e-failures');

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  let n = 0;
  for (const page of openPages) {
    if (page.isClosed()) continue;
    n += 1;
    const name = `${context.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80)}-${n}`;
    const alerts = await page
      .getByRole('alert')
      .allInnerTexts()
      .catch((err: unknown) => [`(alerts not readable: ${String(err)})`]);
    mkdirSync(FAILURES, { recursive: true });
    const shot = join(FAILURES, `${name}.png`);
    await page.screenshot({ path: shot }).catch(() => undefined);
    console.error(`[e2e failure] ${context.task.name}\n  page: ${page.url()}\n  alerts: ${alerts.length ? alerts.map((a) => JSON.stringify(a)).join(' | ') : 'none'}\n  screenshot: ${shot}`);
  }
});
