import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

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

/**
 * The text of every page, in order (pdftotext separates pages with a form feed). `layout` keeps the
 * columns of a table row on one line; without it, a wrapped cell's lines come out together.
 */
export function pdfPages(pdf: Buffer, layout = true): string[] {
  return withFile(pdf, (path) => execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }))
    .split('\f')
    .filter((page, i, all) => i < all.length - 1 || page.trim() !== '');
}

export function pdfText(pdf: Buffer, layout = true): string {
  return pdfPages(pdf, layout).join('\n');
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
  return withFile(pdf, (path) => {
    const png = join(dirname(path), 'page');
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-singlefile', '-f', '1', '-l', '1', path, png]);
    return readFileSync(`${png}.png`);
  });
}

/**
 * Whether shaped Burmese or Thai text is in extracted text. PDFKit maps glyphs back to code points in
 * glyph order, so pdftotext may return a syllable's marks reordered, a mark on the next line, or SARA AM
 * as NIKHAHIT + SARA AA. Reliable: some stretch of the text, spaces left out, has exactly the expected
 * code points. Latin text should be compared exactly instead.
 */
export function containsShaped(text: string, expected: string): boolean {
  // NFKC: SARA AM may come back as NIKHAHIT + SARA AA, its compatibility decomposition.
  const chars = (s: string) => Array.from(s.normalize('NFKC').replace(/\s+/g, ''));
  const key = (cs: string[]) => [...cs].sort().join('');
  const want = chars(expected);
  const wanted = key(want);
  const have = chars(text);
  for (let i = 0; i + want.length <= have.length; i++) {
    if (key(have.slice(i, i + want.length)) === wanted) return true;
  }
  return false;
}
