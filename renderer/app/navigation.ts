import { contract, type MethodName } from '../../shared/contract';
import type { Role } from '../../shared/domain/roles';

/** Whether a role may call a contract method. The core checks it on every call; the UI only hides. */
export function mayCall(role: Role, method: MethodName): boolean {
  const access = contract[method].access;
  return access === 'public' || access.includes(role);
}

export type NavEntry = { key: string; path: string; labelKey: string; roles: readonly Role[] };

/**
 * The feature modules. Their contracts do not exist yet, so who sees them is written here (DESIGN §1):
 * case work for case workers and managers, NPA workplans for M&E officers and managers, aggregated
 * reports for those and auditors, bundles for exchange officers and managers. Administrators run the
 * installation and do not read case files. When a module's contract lands, derive this from it.
 */
export const MODULES: readonly NavEntry[] = [
  { key: 'cases', path: '/cases', labelKey: 'nav.cases', roles: ['case_manager', 'case_worker'] },
  { key: 'workplans', path: '/workplans', labelKey: 'nav.workplans', roles: ['case_manager', 'me_officer'] },
  { key: 'reports', path: '/reports', labelKey: 'nav.reports', roles: ['case_manager', 'me_officer', 'viewer', 'admin'] },
  { key: 'exchange', path: '/exchange', labelKey: 'nav.exchange', roles: ['case_manager', 'exchange_officer', 'admin'] },
];

export type AdminEntry = { key: string; path: string; labelKey: string; method: MethodName };

/** Administration pages, each shown to the roles that may call the method it is built on. */
export const ADMINISTRATION: readonly AdminEntry[] = [
  { key: 'users', path: '/admin/users', labelKey: 'nav.users', method: 'users.list' },
  { key: 'audit', path: '/admin/audit', labelKey: 'nav.audit', method: 'audit.list' },
  { key: 'settings', path: '/admin/settings', labelKey: 'nav.workspaceSettings', method: 'settings.update' },
];

export function modulesFor(role: Role): NavEntry[] {
  return MODULES.filter((entry) => entry.roles.includes(role));
}

export function administrationFor(role: Role): AdminEntry[] {
  return ADMINISTRATION.filter((entry) => mayCall(role, entry.method));
}
