import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The fonts the PDFs embed (resources/fonts, SIL OFL 1.1, from @fontsource): Noto Sans (Latin and
 * Latin Extended subsets), Noto Sans Myanmar and Noto Sans Thai, regular and bold. WOFF, not WOFF2:
 * fontkit's WOFF2 reader breaks when it subsets composite glyphs.
 */
export type Face = 'latin' | 'latinExt' | 'myanmar' | 'thai';
export type Weight = 'regular' | 'bold';

const FILES: Record<Face, string> = {
  latin: 'noto-sans-latin',
  latinExt: 'noto-sans-latin-ext',
  myanmar: 'noto-sans-myanmar-myanmar',
  thai: 'noto-sans-thai-thai',
};

export const FACES = Object.keys(FILES) as Face[];

export function fontName(face: Face, weight: Weight): string {
  return `${face}-${weight}`;
}

/** resources/fonts: beside the packaged app's resources, or found walking up from this module (dev, tests, bundles). */
export function findFontDir(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = packaged ? [join(packaged, 'fonts')] : [];
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    candidates.push(join(dir, 'resources', 'fonts'));
    dir = resolve(dir, '..');
  }
  const found = candidates.find((c) => existsSync(join(c, `${FILES.latin}-400-normal.woff`)));
  if (!found) throw new Error(`PDF fonts not found (looked in ${candidates.join(', ')})`);
  return found;
}

let cache: { dir: string; fonts: Map<string, Buffer> } | null = null;

/** Every face and weight, read once per font folder. */
export function loadFonts(dir = findFontDir()): Map<string, Buffer> {
  if (cache?.dir === dir) return cache.fonts;
  const fonts = new Map<string, Buffer>();
  for (const face of FACES) {
    for (const [weight, css] of [['regular', 400], ['bold', 700]] as const) {
      fonts.set(fontName(face, weight), readFileSync(join(dir, `${FILES[face]}-${css}-normal.woff`)));
    }
  }
  cache = { dir, fonts };
  return fonts;
}

function faceOf(cp: number): Face | null {
  if ((cp >= 0x1000 && cp <= 0x109f) || (cp >= 0xa9e0 && cp <= 0xa9fe) || (cp >= 0xaa60 && cp <= 0xaa7f)) return 'myanmar';
  if (cp >= 0x0e01 && cp <= 0x0e5b) return 'thai';
  if ((cp >= 0x0100 && cp <= 0x024f) || (cp >= 0x1e00 && cp <= 0x1eff) || (cp >= 0xa720 && cp <= 0xa7ff)) return 'latinExt';
  // Joiners and the dotted circle belong to whichever script they sit in.
  if (cp === 0x200c || cp === 0x200d || cp === 0x25cc) return null;
  return 'latin';
}

export type Run = { text: string; face: Face };

/**
 * Splits text into runs of one face, so each run is shaped by the font of its script
 * (Burmese and Thai need their own fonts' shaping; spaces and digits stay in Noto Sans).
 */
export function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  for (const ch of text) {
    const face = faceOf(ch.codePointAt(0) ?? 0x20) ?? runs.at(-1)?.face ?? 'latin';
    const last = runs.at(-1);
    if (last && last.face === face) last.text += ch;
    else runs.push({ text: ch, face });
  }
  return runs;
}
