import { z } from 'zod';

/**
 * The document model the PDF engine prints (docs/pdf.md). Language-agnostic: every label arrives
 * already translated; numbers and dates are formatted here with Intl in `meta.locale`.
 * One definition: the types are inferred from these schemas and `renderPdf` parses its input with them.
 */

/** A table cell: text, a number (formatted by the column), or empty (printed as a dash). */
export const PdfCellValue = z.union([z.string(), z.number(), z.null()]);
/** A cell may carry a tone, drawn as a marker beside its text (e.g. red / amber / green). */
export const PdfTone = z.enum(['red', 'amber', 'green', 'grey']);
export const PdfCell = z.union([PdfCellValue, z.object({ value: PdfCellValue, tone: PdfTone.optional() })]);
export type PdfCell = z.infer<typeof PdfCell>;

/** How numbers are printed: plain, or percentage points (85 prints as "85%"). */
export const PdfNumberFormat = z.enum(['number', 'percent']);
export type PdfNumberFormat = z.infer<typeof PdfNumberFormat>;

export const PdfColumn = z.object({
  header: z.string(),
  /** Relative width (default 1). */
  weight: z.number().positive().optional(),
  align: z.enum(['left', 'right']).optional(),
  format: PdfNumberFormat.optional(),
});

export const PdfSeries = z.object({ name: z.string(), values: z.array(z.number().nullable()) });

const chartBase = {
  title: z.string(),
  categories: z.array(z.string()).min(1),
  series: z.array(PdfSeries).min(1).max(8),
  /** The value axis title, e.g. "Activities" or "Achievement (%)". */
  valueLabel: z.string().optional(),
  format: PdfNumberFormat.optional(),
  /** A reference line across the plot, e.g. the 100 % target. */
  reference: z.object({ value: z.number(), label: z.string() }).optional(),
};

/** Bars run horizontally (long translated category labels stay readable); one bar per series and category. */
export const PdfBarChart = z.object({ type: z.literal('bar'), ...chartBase });
/** One horizontal bar per category, the series stacked, each segment labelled with its value. */
export const PdfStackedBarChart = z.object({ type: z.literal('stackedBar'), ...chartBase });
/** Categories along the x axis (periods, years), one line per series with its own marker and dash. */
export const PdfLineChart = z.object({ type: z.literal('line'), ...chartBase });
export const PdfChart = z.discriminatedUnion('type', [PdfBarChart, PdfStackedBarChart, PdfLineChart]);
export type PdfChart = z.infer<typeof PdfChart>;

export const PdfBlock = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('heading'), text: z.string(), level: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1) }),
  z.object({ kind: z.literal('paragraph'), text: z.string() }),
  /** A framed notice, e.g. "Protected: cells below 5 suppressed". */
  z.object({ kind: z.literal('notice'), text: z.string(), tone: z.enum(['info', 'warning']).default('info') }),
  z.object({ kind: z.literal('table'), columns: z.array(PdfColumn).min(1), rows: z.array(z.array(PdfCell)), caption: z.string().optional() }),
  z.object({ kind: z.literal('chart'), chart: PdfChart }),
  z.object({ kind: z.literal('pageBreak') }),
]);
export type PdfBlock = z.input<typeof PdfBlock>;

export const PdfDocument = z.object({
  title: z.string().min(1),
  subtitle: z.string().optional(),
  meta: z.object({
    /** The organisation that produced the report, printed on the title block and every footer. */
    organisation: z.string(),
    /** BCP 47 locale for numbers and dates: the UI language ("en", "fr", "my", "th", "es"). */
    locale: z.string().min(2),
    /** When the report was produced; printed on the title block and written as the PDF CreationDate. */
    generatedAt: z.date(),
    /** Translated footer template with {page} and {pages}, e.g. "Page {page} of {pages}". */
    pageLabel: z.string().includes('{page}'),
    /** Translated label before the date on the title block, e.g. "Produced on". */
    generatedLabel: z.string(),
    /** The protected/suppressed notice slot of the title block (disclosure control says what it did). */
    notice: z.string().optional(),
  }),
  blocks: z.array(PdfBlock),
});
export type PdfDocument = z.input<typeof PdfDocument>;
export type ParsedPdfDocument = z.output<typeof PdfDocument>;
export type ParsedPdfBlock = z.output<typeof PdfBlock>;
