import countries from 'i18n-iso-countries';

/** ISO 3166-1 alpha-3 (THA, MMR, COD, ...). Names are shown through Intl.DisplayNames in the UI's language. */
export const isIso3166Alpha3 = (code: string): boolean => /^[A-Z]{3}$/.test(code) && countries.isValid(code);

export const alpha3ToAlpha2 = (code: string): string | undefined => countries.alpha3ToAlpha2(code);

export const ALPHA3_CODES: readonly string[] = Object.keys(countries.getAlpha3Codes()).sort();
