import { CounterpartError } from '../../shared/contract/errors';
import type { BundleType } from '../../shared/domain/exchange';
import type { Unlocked } from '../identity/session';

/**
 * Bundle types a role may send or receive when the contract lets it call the method at all
 * (docs/bundles.md §Who sends what). Roles not listed here are limited by the contract only.
 *
 *  - M&E officer: NPA progress and plan structure (and the receipts that answer them), so that a ministry
 *    sends its quarterly progress to the secretariat without an exchange officer; never case bundles.
 *  - case manager: sends handovers (ownership-transfer) only; may inspect any bundle, imports none (the contract).
 */
const SCOPED: Partial<Record<string, Partial<Record<'send' | 'receive', readonly BundleType[]>>>> = {
  me_officer: { send: ['workplan-progress', 'plan-structure'], receive: ['workplan-progress', 'plan-structure', 'receipt'] },
  case_manager: { send: ['ownership-transfer'] },
};

export function requireBundleRole(u: Unlocked, type: BundleType, direction: 'send' | 'receive'): void {
  const allowed = SCOPED[u.user.role]?.[direction];
  if (!allowed || allowed.includes(type)) return;
  throw new CounterpartError(
    'FORBIDDEN',
    direction === 'send'
      ? `Your role sends ${allowed.join(' and ')} bundles only; a ${type} bundle is sent by an exchange officer.`
      : `Your role opens ${allowed.join(', ')} bundles only; a ${type} bundle is opened by an exchange officer.`,
    { role: u.user.role, bundleType: type },
  );
}
