import { describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/domain/roles';
import { administrationFor, mayCall, modulesFor } from './navigation';

const keys = (entries: { key: string }[]) => entries.map((entry) => entry.key);

describe('navigation by role', () => {
  it('shows Administration (users, audit log, settings) to administrators only', () => {
    expect(keys(administrationFor('admin'))).toEqual(['users', 'audit', 'settings']);
    for (const role of ROLES.filter((r) => r !== 'admin' && r !== 'viewer')) expect(administrationFor(role), role).toEqual([]);
  });

  it('shows the audit log, and nothing else of Administration, to auditors', () => {
    expect(keys(administrationFor('viewer'))).toEqual(['audit']);
  });

  it('never shows case files to auditors or administrators', () => {
    expect(keys(modulesFor('viewer'))).not.toContain('cases');
    expect(keys(modulesFor('admin'))).not.toContain('cases');
    expect(keys(modulesFor('case_worker'))).toContain('cases');
  });

  it('reads administration rights from the contract the core enforces', () => {
    expect(mayCall('case_worker', 'users.list')).toBe(false);
    expect(mayCall('case_worker', 'users.changeOwnPassword')).toBe(true);
    expect(mayCall('viewer', 'audit.verify')).toBe(true);
  });
});
