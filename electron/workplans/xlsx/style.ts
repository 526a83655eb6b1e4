import type ExcelJS from 'exceljs';

/** Shared look of the NPA workbooks, and the data-validation table exceljs keeps per sheet. */

export const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };

export const RAG_FILL: Record<'green' | 'amber' | 'red' | 'none', ExcelJS.Fill> = {
  green: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' } },
  amber: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } },
  red: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } },
  none: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } },
};

/**
 * exceljs keeps range validations in `worksheet.dataValidations` (one entry per range, written as one
 * `<dataValidation sqref>`), which its type declarations do not list.
 */
type RangeValidations = { add(address: string, validation: ExcelJS.DataValidation): void };
export const validations = (ws: ExcelJS.Worksheet): RangeValidations => (ws as unknown as { dataValidations: RangeValidations }).dataValidations;
