import { z } from 'zod';
import { EXPLOITATION_TYPES, GENDERS, ISIC_SECTIONS, METHODS_OF_CONTROL, RECRUITER_RELATIONS } from '../cases';
import { ageBandLabels, ageBandOf, type AgeBandBounds, type ReportCase } from './facts';

/**
 * The dimensions a demographic report breaks cases down by. Single-valued dimensions put each case in
 * exactly one category (`unknown` when not recorded). Multi-select groups (means of control, exploitation
 * type, labour sector, recruiter relation, and citizenship / country of exploitation, which may list
 * several) put a case in every category it has, and follow CTDC's denominator rule: a case counts in the
 * group's denominator only when at least one value of the group is recorded for it.
 */
export const DIMENSIONS = [
  'gender',
  'ageBand',
  'citizenship',
  'countryOfExploitation',
  'exploitationType',
  'labourSector',
  'meansOfControl',
  'recruiterRelation',
  'yearOfRegistration',
  'scope',
] as const;
export const Dimension = z.enum(DIMENSIONS);
export type Dimension = z.infer<typeof Dimension>;

export const UNKNOWN = 'unknown';

export type DimensionDef = {
  multi: boolean;
  /** The recorded values of a case (empty = not recorded). */
  values: (c: ReportCase) => readonly string[];
  /** Categories in display order, when the vocabulary fixes them (otherwise by count, then name). */
  order?: readonly string[];
};

const one = (v: string | null | undefined): readonly string[] => (v ? [v] : []);

/** Exploitation countries, or the identification country when none is recorded (CTDC). */
export const exploitationCountriesOf = (c: ReportCase): readonly string[] => (c.exploitationCountries.length ? c.exploitationCountries : one(c.identificationCountry));

export function dimensionDef(d: Dimension, ageBounds: AgeBandBounds): DimensionDef {
  switch (d) {
    case 'gender':
      return { multi: false, values: (c) => one(c.gender === 'NonSpecifiedUnknown' ? null : c.gender), order: GENDERS.filter((g) => g !== 'NonSpecifiedUnknown') };
    case 'ageBand':
      return { multi: false, values: (c) => one(ageBandOf(c.age, ageBounds)), order: ageBandLabels(ageBounds) };
    case 'citizenship':
      return { multi: true, values: (c) => [...new Set(c.citizenship)] };
    case 'countryOfExploitation':
      return { multi: true, values: (c) => [...new Set(exploitationCountriesOf(c))] };
    case 'exploitationType':
      return { multi: true, values: (c) => [...new Set(c.exploitation)], order: EXPLOITATION_TYPES };
    case 'labourSector':
      return { multi: true, values: (c) => [...new Set(c.labour)], order: ISIC_SECTIONS };
    case 'meansOfControl':
      return { multi: true, values: (c) => [...new Set(c.means)], order: METHODS_OF_CONTROL };
    case 'recruiterRelation':
      return { multi: true, values: (c) => [...new Set(c.recruiter)], order: RECRUITER_RELATIONS };
    case 'yearOfRegistration':
      return { multi: false, values: (c) => one(c.registeredOn.slice(0, 4)) };
    case 'scope':
      return { multi: false, values: (c) => one(c.scope === 'unknown' ? null : c.scope), order: ['international', 'internal'] };
  }
}

/** Categories of a dimension in display order: the vocabulary's order, else years ascending, else by count. */
export function orderCategories(d: Dimension, def: DimensionDef, counts: ReadonlyMap<string, number>): string[] {
  const seen = [...counts.keys()].filter((k) => k !== UNKNOWN);
  if (def.order) {
    const known = new Set(def.order);
    return [...def.order.filter((v) => counts.has(v)), ...seen.filter((v) => !known.has(v)).sort()];
  }
  if (d === 'yearOfRegistration') return seen.sort();
  return seen.sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : 1));
}
