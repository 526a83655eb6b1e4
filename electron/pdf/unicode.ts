/**
 * Text extraction of shaped Thai and Burmese. PDFKit writes each embedded font's ToUnicode map from
 * the code points fontkit attached to a glyph the FIRST time it was drawn. When shaping splits one
 * character into several glyphs (Thai SARA AM -> NIKHAHIT + SARA AA) or substitutes a glyph, that first
 * record can be wrong for the glyph, and from then on every ordinary SARA AA in the document extracts
 * as nothing. Before the fonts are written, a glyph that has its own code point in the font's cmap is
 * mapped back to it whenever what was recorded is empty or is a character drawn by another glyph.
 * (Relies on PDFKit's EmbeddedFont fields `font`, `subset.glyphs`, `unicode`; checked at run time.)
 */

type FontkitFont = { characterSet: number[]; glyphForCodePoint(codePoint: number): { id: number } };
type EmbeddedFont = { font: FontkitFont; subset: { glyphs: number[] }; unicode: number[][] };

function isEmbedded(value: unknown): value is EmbeddedFont {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<Record<keyof EmbeddedFont, unknown>>;
  const font = v.font as Partial<FontkitFont> | undefined;
  const subset = v.subset as { glyphs?: unknown } | undefined;
  return Array.isArray(v.unicode) && Array.isArray(subset?.glyphs) && Array.isArray(font?.characterSet) && typeof font?.glyphForCodePoint === 'function';
}

export function repairToUnicode(doc: PDFKit.PDFDocument): void {
  const families = (doc as unknown as { _fontFamilies?: Record<string, unknown> })._fontFamilies ?? {};
  for (const embedded of Object.values(families)) {
    if (!isEmbedded(embedded)) continue;
    const { font, subset, unicode } = embedded;
    const nominal = new Map<number, number>();
    for (const codePoint of font.characterSet) {
      const id = font.glyphForCodePoint(codePoint).id;
      if (!nominal.has(id)) nominal.set(id, codePoint);
    }
    subset.glyphs.forEach((glyphId, gid) => {
      const own = nominal.get(glyphId);
      const recorded = unicode[gid];
      if (own === undefined || !recorded || gid === 0) return;
      const first = recorded[0];
      const drawnByAnother = recorded.length === 1 && first !== undefined && font.glyphForCodePoint(first).id !== glyphId;
      if (recorded.length === 0 || drawnByAnother) unicode[gid] = [own];
    });
  }
}
