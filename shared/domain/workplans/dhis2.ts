import { z } from 'zod';
import { PERIOD_PATTERN } from './periods';

/**
 * The DHIS2 `dataValueSets` JSON that Counterpart writes (docs/workplans.md §DHIS2), as accepted by
 * `POST /api/dataValueSets?idScheme=CODE`: identifiers are codes, periods are DHIS2 ISO periods
 * (`202501`, `2025Q1`, `2025`), values are strings.
 */

const Code = z.string().min(1).max(50);

export const Dhis2DataValue = z.strictObject({
  dataElement: Code,
  period: z.string().regex(PERIOD_PATTERN),
  orgUnit: Code,
  categoryOptionCombo: Code.optional(),
  attributeOptionCombo: Code,
  value: z.string().min(1).max(50_000),
  comment: z.string().min(1).max(50_000).optional(),
});
export type Dhis2DataValue = z.infer<typeof Dhis2DataValue>;

export const Dhis2DataValueSet = z.strictObject({ dataValues: z.array(Dhis2DataValue) });
export type Dhis2DataValueSet = z.infer<typeof Dhis2DataValueSet>;

/** Default data element code of an indicator: `NPA_` and its code with anything else than A-Z0-9_ as `_`. */
export const defaultDataElement = (indicatorCode: string): string => `NPA_${indicatorCode.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`.slice(0, 50);

/** The target's own data element: the actual's code with `_TARGET` (kept within 50 characters). */
export const targetDataElement = (dataElement: string): string => `${dataElement.slice(0, 43)}_TARGET`;

/** Category option combo code of a breakdown row: its dimensions in a fixed order, `default` for none. */
export function categoryOptionComboOf(row: { sex?: string; ageBand?: string; citizenship?: string }): string {
  const parts = [row.sex && `SEX_${row.sex}`, row.ageBand && `AGE_${row.ageBand}`, row.citizenship && `CIT_${row.citizenship}`].filter(Boolean);
  return parts.length ? parts.join('_').toUpperCase().replace(/\+/g, 'PLUS').replace(/[^A-Z0-9_]+/g, '_') : 'default';
}
