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

  it('shows case files to the roles the cases contract lets list them, never to auditors', () => {
    expect(keys(modulesFor('viewer'))).not.toContain('cases');
    for (const role of ROLES) expect(keys(modulesFor(role)).includes('cases'), role).toBe(mayCall(role, 'cases.list'));
    expect(keys(modulesFor('case_worker'))).toContain('cases');
  });

  it('shows Exchange to those who may read the partner directory', () => {
    expect(keys(modulesFor('exchange_officer'))).toContain('exchange');
    expect(keys(modulesFor('case_worker'))).not.toContain('exchange');
  });

  it('reads administration rights from the contract the core enforces', () => {
    expect(mayCall('case_worker', 'users.list')).toBe(false);
    expect(mayCall('case_worker', 'users.changeOwnPassword')).toBe(true);
    expect(mayCall('viewer', 'audit.verify')).toBe(true);
  });
});
