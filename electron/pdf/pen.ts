import { fontName, runsOf, type Weight } from './fonts';
import type { PdfNumberFormat } from './model';

/** A4 in points, and the printable area (the footer sits in the bottom margin). */
export const PAGE = { width: 595.28, height: 841.89, margin: 50, bottom: 64 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
export const INK = { text: '#1a1a1a', muted: '#555555', rule: '#999999', grid: '#d9d9d9', header: '#e6e6e6', zebra: '#f5f5f5' } as const;

export type TextStyle = { size: number; weight?: Weight; color?: string; align?: 'left' | 'right' | 'center' };

/**
 * Writes text on a PDFKit document one script run at a time (each in its own font) and formats
 * numbers and dates for the report's locale. Everything that draws text goes through here.
 */
export class Pen {
  private readonly numbers: Intl.NumberFormat;
  private readonly percents: Intl.NumberFormat;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly locale: string,
  ) {
    this.numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    this.percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  }

  /** The bottom of the printable area on the current page. */
  get bottom(): number {
    return PAGE.height - PAGE.bottom;
  }

  /** Starts a new page unless `height` points still fit below the cursor. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = PAGE.margin;
    this.doc.y = PAGE.margin;
  }

  number(value: number, format: PdfNumberFormat = 'number'): string {
    return format === 'percent' ? this.percents.format(value / 100) : this.numbers.format(value);
  }

  date(value: Date): string {
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(value);
  }

  private use(face: Parameters<typeof fontName>[0], style: TextStyle): void {
    this.doc.font(fontName(face, style.weight ?? 'regular')).fontSize(style.size);
  }

  /** The ascender of a face at this size, in points (PDFKit's EmbeddedFont keeps it in font units/1000). */
  private ascent(face: Parameters<typeof fontName>[0], style: TextStyle): number {
    this.use(face, style);
    const font = (this.doc as unknown as { _font?: { ascender?: number } })._font;
    return ((font?.ascender ?? 1000) / 1000) * style.size;
  }

  /** The width of one line of text. */
  width(text: string, style: TextStyle): number {
    let total = 0;
    for (const run of runsOf(text)) {
      this.use(run.face, style);
      total += this.doc.widthOfString(run.text);
    }
    return total;
  }

  /** The tallest line height among the faces of the text. */
  lineHeight(text: string, style: TextStyle): number {
    let max = 0;
    for (const run of runsOf(text || ' ')) {
      this.use(run.face, style);
      max = Math.max(max, this.doc.currentLineHeight(true));
    }
    return max;
  }

  /**
   * The height of text wrapped to `width`. Exact for one script run; for mixed scripts an upper
   * estimate from the total width (PDFKit measures one font at a time).
   */
  height(text: string, width: number, style: TextStyle): number {
    let total = 0;
    for (const paragraph of text.split('\n')) {
      const runs = runsOf(paragraph || ' ');
      const first = runs[0];
      if (runs.length === 1 && first) {
        this.use(first.face, style);
        total += this.doc.heightOfString(first.text, { width });
      } else {
        const lines = Math.max(1, Math.ceil((this.width(paragraph, style) * 1.1) / width));
        total += lines * this.lineHeight(paragraph, style);
      }
    }
    return total;
  }

  /**
   * Wrapped text at (x, y) within `width`. With `maxHeight` the text is cut there instead of
   * flowing onto a new page (table cells); without it, it flows (paragraphs). Moves the cursor below.
   */
  write(text: string, x: number, y: number, width: number, style: TextStyle, maxHeight?: number): void {
    // One line that fits is placed run by run: PDFKit aligns each `continued` fragment on its own,
    // which breaks right-aligned mixed-script text such as Burmese digits with a Latin "%".
    if (!text.includes('\n') && this.width(text, style) <= width) {
      const align = style.align ?? 'left';
      const at = align === 'right' ? x + width : align === 'center' ? x + width / 2 : x;
      this.line(text, at, y, style);
      this.doc.y = y + this.lineHeight(text, style);
      return;
    }
    const runs = runsOf(text);
    this.doc.fillColor(style.color ?? INK.text);
    runs.forEach((run, i) => {
      this.use(run.face, style);
      const options: PDFKit.Mixins.TextOptions = {
        width,
        align: style.align ?? 'left',
        continued: i < runs.length - 1,
        ...(maxHeight !== undefined ? { height: maxHeight } : {}),
      };
      if (i === 0) this.doc.text(run.text, x, y, options);
      else this.doc.text(run.text, options);
    });
    this.doc.x = PAGE.margin;
  }

  /** One line at (x, y), never wrapped: cut with an ellipsis to `maxWidth`. Returns its width. */
  line(text: string, x: number, y: number, style: TextStyle & { maxWidth?: number }): number {
    const fitted = style.maxWidth !== undefined ? this.fit(text, style.maxWidth, style) : text;
    const width = this.width(fitted, style);
    let at = style.align === 'right' ? x - width : style.align === 'center' ? x - width / 2 : x;
    this.doc.fillColor(style.color ?? INK.text);
    // Runs in different fonts share one baseline (the tallest ascender's), not one top.
    const runs = runsOf(fitted);
    const baseline = y + Math.max(...runs.map((run) => this.ascent(run.face, style)));
    for (const run of runs) {
      this.use(run.face, style);
      this.doc.text(run.text, at, baseline, { lineBreak: false, baseline: 'alphabetic' });
      at += this.doc.widthOfString(run.text);
    }
    this.doc.x = PAGE.margin;
    return width;
  }

  /** The longest prefix of text (plus "…") that fits in maxWidth. */
  fit(text: string, maxWidth: number, style: TextStyle): string {
    if (this.width(text, style) <= maxWidth) return text;
    const chars = Array.from(text);
    let lo = 0;
    let hi = chars.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.width(chars.slice(0, mid).join('') + '…', style) <= maxWidth) lo = mid;
      else hi = mid - 1;
    }
    return chars.slice(0, lo).join('').trimEnd() + '…';
  }
}
