/** The PDF engine's public API (docs/pdf.md): a document model in, PDF bytes out. */
export { renderPdf, type RenderOptions } from './render';
export type { PdfBlock, PdfCell, PdfChart, PdfDocument, PdfNumberFormat } from './model';
