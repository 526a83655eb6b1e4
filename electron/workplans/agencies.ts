import { CounterpartError } from '../../shared/contract/errors';
import type { PlanAgency } from '../../shared/domain/workplans';
import type { Unlocked } from '../identity/session';
import { PartnerStore } from '../exchange/partners';
import type { Plan } from './context';

/**
 * Agencies of a plan are organisation codes: this organisation or a partner of the directory (not
 * revoked). The plan keeps each agency's name as it was when first used, so ministries that have not
 * met every other ministry still see names.
 */

export type AgencyEntry = { code: string; name: string; own: boolean; inDirectory: boolean; inPlan: boolean };

/** This organisation and the partners it may name in a plan. */
export function directory(u: Unlocked): Map<string, { name: string; own: boolean }> {
  const out = new Map<string, { name: string; own: boolean }>();
  out.set(u.organisation.code, { name: u.organisation.name, own: true });
  for (const p of new PartnerStore(u.workspace.db).list()) {
    if (p.trust !== 'revoked' && !out.has(p.code)) out.set(p.code, { name: p.name, own: false });
  }
  return out;
}

/** Every agency the plan names or this workspace knows, for pickers and names. */
export function agencyEntries(u: Unlocked, plan: Plan): AgencyEntry[] {
  const known = directory(u);
  const codes = new Set([...plan.agencies.map((a) => a.code), ...known.keys()]);
  return [...codes].sort().map((code) => {
    const inPlan = plan.agencies.find((a) => a.code === code);
    const dir = known.get(code);
    return { code, name: inPlan?.name ?? dir?.name ?? code, own: dir?.own ?? false, inDirectory: dir !== undefined, inPlan: inPlan !== undefined };
  });
}

/** A name for an agency code: the plan's, the directory's, or the code itself. */
export function agencyNamer(u: Unlocked, plan: Plan): (code: string) => string {
  const known = directory(u);
  return (code) => plan.agencies.find((a) => a.code === code)?.name ?? known.get(code)?.name ?? code;
}

/**
 * Checks that every code is this organisation or a known partner, and returns the plan's agency list
 * with any new ones added (null when nothing is new). Unknown codes are one VALIDATION error naming them.
 */
export function withAgencies(u: Unlocked, plan: Pick<Plan, 'agencies'>, codes: readonly string[]): PlanAgency[] | null {
  const known = directory(u);
  const unknown = [...new Set(codes)].filter((c) => !known.has(c) && !plan.agencies.some((a) => a.code === c));
  if (unknown.length) {
    throw new CounterpartError(
      'VALIDATION',
      `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not this organisation nor a partner in the directory; import the organisation card first.`,
      { unknownAgencies: unknown },
    );
  }
  const added = [...new Set(codes)].filter((c) => !plan.agencies.some((a) => a.code === c)).map((code) => ({ code, name: known.get(code)!.name }));
  return added.length ? [...plan.agencies, ...added] : null;
}
