import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Test helpers: what poppler's pdftotext and pdfinfo read from a PDF (poppler-utils; CI installs it). */
function withFile<T>(pdf: Buffer, read: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-pdf-'));
  try {
    const path = join(dir, 'report.pdf');
    writeFileSync(path, pdf);
    return read(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page, in order (pdftotext separates pages with a form feed). */
export function pdfPages(pdf: Buffer): string[] {
  return withFile(pdf, (path) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }))
    .split('\f')
    .filter((page, i, all) => i < all.length - 1 || page.trim() !== '');
}

export function pdfText(pdf: Buffer): string {
  return pdfPages(pdf).join('\n');
}

/** Font names embedded in the PDF (pdffonts). */
export function pdfFonts(pdf: Buffer): string[] {
  return withFile(pdf, (path) => execFileSync('pdffonts', [path], { encoding: 'utf8' }))
    .split('\n')
    .slice(2)
    .map((line) => line.split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

/** Renders page 1 as PNG (pdftoppm), for screenshots. */
export function pdfFirstPagePng(pdf: Buffer, dpi = 80): Buffer {
  return withFile(pdf, (path) => execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-singlefile', '-f', '1', '-l', '1', path, '-']));
}
