import {
  categoryOptionComboOf,
  comparePeriods,
  contains,
  defaultDataElement,
  Dhis2DataValueSet,
  parsePeriod,
  targetDataElement,
  type Basis,
  type Dhis2DataValue,
} from '../../shared/domain/workplans';
import type { Unlocked } from '../identity/session';
import { read, requirePlan, sortByCode } from './context';
import { countedFigures } from './dashboard';
import { listNpa } from './planIndex';

/**
 * DHIS2 `dataValueSets` (docs/workplans.md §DHIS2), to be posted with `idScheme=CODE`:
 *  - an indicator's actual  -> data element `dhis2DataElement` (default `NPA_<code>`), default category combo;
 *  - its breakdown rows      -> data element `<element>_DISAGG`, category option combo `SEX_FEMALE_AGE_0_11_...`;
 *  - its targets             -> data element `<element>_TARGET` (targets are their own data elements);
 *  - period                  -> the report's period as DHIS2 writes it (monthly 202501, quarterly 2025Q1, yearly 2025);
 *  - org unit                -> the plan's `dhis2OrgUnit` (default: its country code);
 *  - attribute option combo  -> the reporting agency (its `dhis2AttributeOptionCombo`, default its code).
 */

export type Dhis2Export = { set: Dhis2DataValueSet; skipped: { indicator: string; reason: string }[] };

const text = (v: number | string): string => (typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : v);

export function buildDataValueSet(u: Unlocked, input: { planId: string; period: string; basis: Basis; includeTargets: boolean }): Dhis2Export {
  return read(u, () => {
    const plan = requirePlan(u, input.planId);
    const orgUnit = plan.dhis2OrgUnit ?? plan.country;
    const aoc = (agency: string) => plan.agencies.find((a) => a.code === agency)?.dhis2AttributeOptionCombo ?? agency;
    const { figures } = countedFigures(u, plan.id, input.basis);
    const dataValues: Dhis2DataValue[] = [];
    const skipped: Dhis2Export['skipped'] = [];
    for (const ind of sortByCode(listNpa(u.workspace.db, 'npa_indicator', plan.id))) {
      const element = ind.dhis2DataElement ?? defaultDataElement(ind.code);
      const attributeOptionCombo = aoc(ind.responsibleAgency);
      const own = (figures.get(ind.id) ?? [])
        .filter((f) => f.agency === ind.responsibleAgency && parsePeriod(f.period).frequency === ind.frequency && contains(input.period, f.period) && f.value !== null)
        .sort((a, b) => comparePeriods(a.period, b.period));
      if (own.length === 0) skipped.push({ indicator: ind.code, reason: `no ${input.basis === 'approved' ? 'approved' : 'submitted'} actual in ${input.period}` });
      for (const f of own) {
        dataValues.push({ dataElement: element, period: f.period, orgUnit, attributeOptionCombo, value: text(f.value!), ...(f.comment ? { comment: f.comment } : {}) });
        if (ind.measure === 'qualitative') continue;
        for (const row of f.breakdown) {
          dataValues.push({ dataElement: `${element.slice(0, 43)}_DISAGG`, period: f.period, orgUnit, categoryOptionCombo: categoryOptionComboOf(row), attributeOptionCombo, value: text(row.value) });
        }
      }
      if (input.includeTargets) {
        for (const t of ind.targets.filter((t) => contains(input.period, t.period)).sort((a, b) => comparePeriods(a.period, b.period))) {
          dataValues.push({ dataElement: targetDataElement(element), period: t.period, orgUnit, attributeOptionCombo, value: text(t.value) });
        }
      }
    }
    return { set: Dhis2DataValueSet.parse({ dataValues }), skipped };
  });
}
