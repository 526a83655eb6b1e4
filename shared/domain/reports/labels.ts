import { alpha3ToAlpha2 } from '../countries';
import { UNKNOWN, type Dimension } from './dimensions';
import type { Protection } from './disclosure';

/**
 * Words for report categories and protection statements, through whatever translates: react-i18next's
 * `t` in the UI, the same catalogues looked up directly in the core for files. Codes come from the case
 * module's catalogue (`caseFile.*`), so a category reads the same in a report as on a case file.
 */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

const CASE_LABELS: Partial<Record<Dimension, string>> = {
  gender: 'caseFile.genders',
  exploitationType: 'caseFile.exploitation',
  labourSector: 'caseFile.isic',
  meansOfControl: 'caseFile.control',
  recruiterRelation: 'caseFile.recruiterRelations',
  scope: 'caseFile.scopes',
};

export function countryName(code: string, language: string): string {
  const alpha2 = alpha3ToAlpha2(code);
  if (!alpha2) return code;
  try {
    return `${new Intl.DisplayNames([language], { type: 'region' }).of(alpha2) ?? code} (${code})`;
  } catch {
    return code;
  }
}

export function categoryLabel(d: Dimension, category: string, t: Translate, language: string): string {
  if (category === UNKNOWN) return t('reportsModule.unknown');
  const prefix = CASE_LABELS[d];
  if (prefix) return t(`${prefix}.${category}`);
  if (d === 'citizenship' || d === 'countryOfExploitation') return countryName(category, language);
  if (d === 'ageBand') return category.replace('--', '–');
  return category;
}

export const dimensionLabel = (d: Dimension, t: Translate): string => t(`reportsModule.dimensions.${d}`);

/** "Protected: counts from 1 to k-1 are hidden…", plus the rounding sentence when counts are rounded. */
export function protectionStatement(p: Protection, t: Translate): string {
  const text = t('reportsModule.protection.statement', { below: p.k - 1, k: p.k, primary: p.primary, complementary: p.complementary });
  return p.rounded ? `${text} ${t('reportsModule.protection.rounded', { k: p.k })}` : text;
}
