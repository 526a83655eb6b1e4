import { contract, type MethodName } from '../../shared/contract';
import type { Role } from '../../shared/domain/roles';

/** Whether a role may call a contract method. The core checks it on every call; the UI only hides. */
export function mayCall(role: Role, method: MethodName): boolean {
  const access = contract[method].access;
  return access === 'public' || access.includes(role);
}

/** A module is shown to the roles that may call the method its first screen is built on, else to `roles`. */
export type NavEntry = { key: string; path: string; labelKey: string } & ({ method: MethodName } | { roles: readonly Role[] });

/**
 * The feature modules. Where the module's contract exists, the list screen's method decides (the
 * core enforces the same list). Where it does not yet, who sees it is written here from DESIGN §1:
 * NPA workplans for M&E officers and case managers, aggregated reports for those, auditors and
 * administrators. Replace `roles` by `method` when that contract lands.
 */
export const MODULES: readonly NavEntry[] = [
  { key: 'cases', path: '/cases', labelKey: 'nav.cases', method: 'cases.list' },
  { key: 'workplans', path: '/workplans', labelKey: 'nav.workplans', method: 'plans.list' },
  { key: 'reports', path: '/reports', labelKey: 'nav.reports', method: 'reports.demographics' },
  { key: 'exchange', path: '/exchange', labelKey: 'nav.exchange', method: 'partners.list' },
];

export const showsModule = (role: Role, entry: NavEntry): boolean => ('method' in entry ? mayCall(role, entry.method) : entry.roles.includes(role));

export type AdminEntry = { key: string; path: string; labelKey: string; method: MethodName };

/** Administration pages, each shown to the roles that may call the method it is built on. */
export const ADMINISTRATION: readonly AdminEntry[] = [
  { key: 'users', path: '/admin/users', labelKey: 'nav.users', method: 'users.list' },
  { key: 'audit', path: '/admin/audit', labelKey: 'nav.audit', method: 'audit.list' },
  { key: 'settings', path: '/admin/settings', labelKey: 'nav.workspaceSettings', method: 'settings.update' },
];

export function modulesFor(role: Role): NavEntry[] {
  return MODULES.filter((entry) => showsModule(role, entry));
}

export function administrationFor(role: Role): AdminEntry[] {
  return ADMINISTRATION.filter((entry) => mayCall(role, entry.method));
}
