#!/usr/bin/env node
// Renders build/icon.svg to build/icon.png (512x512, transparent corners) for electron-builder, which
// derives the Windows .ico and the Linux icon sizes from it. Uses the Chromium that the end-to-end
// tests use, so no image tool is needed: node build/make-icon.mjs [--chromium /usr/bin/chromium]
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const at = process.argv.indexOf('--chromium');
const executablePath = at > 0 ? process.argv[at + 1] : '/usr/bin/chromium';

const svg = readFileSync(join(here, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 512, height: 512 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: join(here, 'icon.png'), omitBackground: true });
  process.stdout.write(`wrote ${join(here, 'icon.png')}\n`);
} finally {
  await browser.close();
}
