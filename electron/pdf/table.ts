import type { ParsedPdfBlock, PdfCell } from './model';
import { TONES } from './palette';
import { CONTENT_WIDTH, INK, PAGE, type Pen } from './pen';

type Table = Extract<ParsedPdfBlock, { kind: 'table' }>;

const BODY = { size: 8 } as const;
const HEAD = { size: 8, weight: 'bold' } as const;
const PAD = 3.5;
const MARKER = 9;

function cellParts(cell: PdfCell | undefined): { value: string | number | null; tone: keyof typeof TONES | undefined } {
  if (cell !== null && typeof cell === 'object') return { value: cell.value, tone: cell.tone };
  return { value: cell ?? null, tone: undefined };
}

/**
 * A table across as many pages as it needs: the header row is repeated at the top of every page,
 * rows are never split, numbers are formatted for the locale and right-aligned.
 */
export function drawTable(pen: Pen, table: Table): void {
  const doc = pen.doc;
  const weights = table.columns.map((c) => c.weight ?? 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / sum) * CONTENT_WIDTH);
  const lefts = widths.map((_, i) => PAGE.margin + widths.slice(0, i).reduce((a, b) => a + b, 0));

  const text = (cell: PdfCell | undefined, col: number): string => {
    const { value } = cellParts(cell);
    if (value === null) return '–';
    return typeof value === 'number' ? pen.number(value, table.columns[col]?.format ?? 'number') : value;
  };
  // A column of numbers is right-aligned, header and dashes included, unless it says otherwise.
  const aligns = table.columns.map((c, i): 'left' | 'right' => {
    if (c.align) return c.align;
    const first = table.rows.map((row) => cellParts(row[i]).value).find((v) => v !== null);
    return typeof first === 'number' ? 'right' : 'left';
  });
  const inner = (col: number, tone: unknown): number => (widths[col] ?? 0) - 2 * PAD - (tone ? MARKER : 0);

  const headerHeight = Math.max(...table.columns.map((c, i) => pen.height(c.header, inner(i, undefined), HEAD))) + 2 * PAD;
  const rowHeight = (row: PdfCell[]): number =>
    Math.min(
      pen.bottom - PAGE.margin - headerHeight,
      Math.max(...table.columns.map((_, i) => pen.height(text(row[i], i), inner(i, cellParts(row[i]).tone), BODY))) + 2 * PAD,
    );

  const drawHeader = (): void => {
    const y = doc.y;
    doc.save().rect(PAGE.margin, y, CONTENT_WIDTH, headerHeight).fill(INK.header).restore();
    table.columns.forEach((c, i) => {
      pen.write(c.header, (lefts[i] ?? 0) + PAD, y + PAD, inner(i, undefined), { ...HEAD, align: aligns[i] ?? 'left' }, headerHeight);
    });
    doc.save().lineWidth(0.8).strokeColor(INK.rule).moveTo(PAGE.margin, y + headerHeight).lineTo(PAGE.margin + CONTENT_WIDTH, y + headerHeight).stroke().restore();
    doc.y = y + headerHeight;
  };

  if (table.caption) {
    pen.ensure(pen.height(table.caption, CONTENT_WIDTH, { size: 8.5 }) + headerHeight + 20);
    pen.write(table.caption, PAGE.margin, doc.y, CONTENT_WIDTH, { size: 8.5, color: INK.muted });
    doc.y += 2;
  }
  const firstRow = table.rows[0];
  pen.ensure(headerHeight + (firstRow ? rowHeight(firstRow) : 0));
  drawHeader();

  table.rows.forEach((row, r) => {
    const height = rowHeight(row);
    if (doc.y + height > pen.bottom) {
      pen.newPage();
      drawHeader();
    }
    const y = doc.y;
    if (r % 2 === 1) doc.save().rect(PAGE.margin, y, CONTENT_WIDTH, height).fill(INK.zebra).restore();
    table.columns.forEach((_, i) => {
      const { tone } = cellParts(row[i]);
      let x = (lefts[i] ?? 0) + PAD;
      if (tone) {
        doc.save().circle(x + 3, y + PAD + 5, 3).fill(TONES[tone]).restore();
        x += MARKER;
      }
      pen.write(text(row[i], i), x, y + PAD, inner(i, tone), { ...BODY, align: aligns[i] ?? 'left' }, height - PAD);
    });
    doc.save().lineWidth(0.3).strokeColor(INK.grid).moveTo(PAGE.margin, y + height).lineTo(PAGE.margin + CONTENT_WIDTH, y + height).stroke().restore();
    doc.y = y + height;
  });
  doc.x = PAGE.margin;
  doc.y += 10;
}
