import PDFDocument from 'pdfkit';
import { categoriesThatFit, chartHeight, drawChart } from './charts';
import { fontName, loadFonts } from './fonts';
import { PdfDocument, type ParsedPdfBlock, type ParsedPdfDocument, type PdfChart } from './model';
import { CONTENT_WIDTH, INK, PAGE, Pen } from './pen';
import { drawTable } from './table';
import { repairToUnicode } from './unicode';

export type RenderOptions = {
  /** Folder with the Noto fonts (default: resources/fonts, found from this module or the packaged app). */
  fontDir?: string;
};

const HEADINGS = { 1: 15, 2: 12.5, 3: 10.5 } as const;
const PARAGRAPH = { size: 9.5 } as const;

/**
 * Prints a document model (docs/pdf.md) as an A4 PDF: a title block, the blocks in order, and
 * "page X of Y" footers. The same input gives the same bytes (CreationDate is meta.generatedAt).
 */
export async function renderPdf(input: PdfDocument, options: RenderOptions = {}): Promise<Buffer> {
  const model = PdfDocument.parse(input);
  const fonts = loadFonts(options.fontDir);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: PAGE.bottom },
    bufferPages: true,
    autoFirstPage: true,
    // PDFKit's default, Helvetica, is read from its own data folder, which a bundle does not carry:
    // start with Noto Sans (PDFKit accepts font data here; @types/pdfkit only declares a name).
    font: fonts.get(fontName('latin', 'regular')) as unknown as string,
    lang: model.meta.locale,
    displayTitle: true,
    info: {
      Title: model.title,
      Author: model.meta.organisation,
      Producer: 'Counterpart',
      Creator: 'Counterpart',
      CreationDate: model.meta.generatedAt,
    },
  });
  for (const [name, data] of fonts) doc.registerFont(name, data);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const pen = new Pen(doc, model.meta.locale);
  titleBlock(pen, model);
  for (const block of model.blocks) drawBlock(pen, block);
  footers(pen, model);
  repairToUnicode(doc);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

function titleBlock(pen: Pen, model: ParsedPdfDocument): void {
  const doc = pen.doc;
  const x = PAGE.margin;
  pen.write(model.meta.organisation, x, PAGE.margin, CONTENT_WIDTH, { size: 10, color: INK.muted });
  pen.write(model.title, x, doc.y + 4, CONTENT_WIDTH, { size: 20, weight: 'bold' });
  if (model.subtitle) pen.write(model.subtitle, x, doc.y + 2, CONTENT_WIDTH, { size: 12, color: INK.muted });
  pen.write(`${model.meta.generatedLabel} ${pen.date(model.meta.generatedAt)}`, x, doc.y + 4, CONTENT_WIDTH, { size: 9, color: INK.muted });
  doc.y += 6;
  if (model.meta.notice) notice(pen, model.meta.notice, 'warning');
  doc.save().lineWidth(1).strokeColor(INK.rule).moveTo(x, doc.y + 2).lineTo(x + CONTENT_WIDTH, doc.y + 2).stroke().restore();
  doc.y += 14;
}

function notice(pen: Pen, text: string, tone: 'info' | 'warning'): void {
  const doc = pen.doc;
  const height = pen.height(text, CONTENT_WIDTH - 20, PARAGRAPH) + 12;
  pen.ensure(height + 6);
  const y = doc.y;
  doc.save().rect(PAGE.margin, y, CONTENT_WIDTH, height).fill(tone === 'warning' ? '#fff3e0' : '#eaf2fa').restore();
  doc.save().rect(PAGE.margin, y, 4, height).fill(tone === 'warning' ? '#D55E00' : '#0072B2').restore();
  pen.write(text, PAGE.margin + 12, y + 6, CONTENT_WIDTH - 20, PARAGRAPH, height);
  doc.y = y + height + 8;
}

function drawBlock(pen: Pen, block: ParsedPdfBlock): void {
  const doc = pen.doc;
  switch (block.kind) {
    case 'heading': {
      const style = { size: HEADINGS[block.level], weight: 'bold' } as const;
      // Keep a heading with the start of what follows it.
      pen.ensure(pen.height(block.text, CONTENT_WIDTH, style) + 70);
      if (doc.y > PAGE.margin) doc.y += block.level === 1 ? 8 : 4;
      pen.write(block.text, PAGE.margin, doc.y, CONTENT_WIDTH, style);
      doc.y += 4;
      return;
    }
    case 'paragraph':
      pen.ensure(pen.lineHeight(block.text, PARAGRAPH) * 2);
      pen.write(block.text, PAGE.margin, doc.y, CONTENT_WIDTH, PARAGRAPH);
      doc.y += 6;
      return;
    case 'notice':
      notice(pen, block.text, block.tone);
      return;
    case 'table':
      drawTable(pen, block);
      return;
    case 'chart':
      chart(pen, block.chart);
      return;
    case 'pageBreak':
      pen.newPage();
      return;
  }
}

/** A chart on the current page if it fits, else on the next; a bar chart taller than a page is printed in parts. */
function chart(pen: Pen, model: PdfChart): void {
  const fullPage = pen.bottom - PAGE.margin;
  const perPart = categoriesThatFit(pen, model, CONTENT_WIDTH, fullPage);
  const parts = Math.ceil(model.categories.length / perPart);
  for (let p = 0; p < parts; p++) {
    const from = p * perPart;
    const part: PdfChart =
      parts === 1
        ? model
        : {
            ...model,
            title: `${model.title} (${p + 1}/${parts})`,
            categories: model.categories.slice(from, from + perPart),
            series: model.series.map((s) => ({ ...s, values: s.values.slice(from, from + perPart) })),
          };
    pen.ensure(chartHeight(pen, part, CONTENT_WIDTH));
    drawChart(pen, part, PAGE.margin, pen.doc.y, CONTENT_WIDTH);
  }
}

function footers(pen: Pen, model: ParsedPdfDocument): void {
  const doc = pen.doc;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = PAGE.height - PAGE.bottom + 22;
    doc.save().lineWidth(0.5).strokeColor(INK.grid).moveTo(PAGE.margin, y - 6).lineTo(PAGE.width - PAGE.margin, y - 6).stroke().restore();
    const label = model.meta.pageLabel.replace('{page}', pen.number(i + 1)).replace('{pages}', pen.number(range.count));
    const labelWidth = pen.width(label, { size: 8 });
    pen.line(`${model.meta.organisation} · ${model.title}`, PAGE.margin, y, { size: 8, color: INK.muted, maxWidth: CONTENT_WIDTH - labelWidth - 20 });
    pen.line(label, PAGE.width - PAGE.margin, y, { size: 8, color: INK.muted, align: 'right' });
  }
}
