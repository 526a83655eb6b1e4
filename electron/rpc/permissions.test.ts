import { describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../shared/contract';
import { ROLES, type Role } from '../../shared/domain/roles';
import { newWorkspace, unwrap, ADMIN_PASSWORD } from '../testing/fixtures';

const PASSWORD = 'a long enough passphrase for tests';
const methods = Object.keys(contract) as MethodName[];

describe('every contract method × every role', () => {
  it('is allowed exactly for the roles it declares, and FORBIDDEN (audited) for the others', async () => {
    const { core } = await newWorkspace();
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      unwrap(await core.dispatcher.dispatch('users.add', { username: `u-${role.replace('_', '-')}`, displayName: role, role, password: PASSWORD }));
    }
    const checked: string[] = [];
    for (const role of ROLES) {
      const username = role === 'admin' ? 'admin' : `u-${role.replace('_', '-')}`;
      core.session.lock('user');
      unwrap(await core.dispatcher.dispatch('session.unlock', { username, password: role === 'admin' ? ADMIN_PASSWORD : PASSWORD }));
      for (const method of methods) {
        const { access } = contract[method];
        if (access === 'public') continue;
        const result = await core.dispatcher.dispatch(method, { __probe: true });
        const allowed = (access as readonly Role[]).includes(role);
        const forbidden = !result.ok && result.error.code === 'FORBIDDEN';
        expect(forbidden, `${method} as ${role}`).toBe(!allowed);
        checked.push(`${method}:${role}`);
      }
    }
    expect(checked.length).toBe(methods.filter((m) => contract[m].access !== 'public').length * ROLES.length);

    core.session.lock('user');
    unwrap(await core.dispatcher.dispatch('session.unlock', { username: 'admin', password: ADMIN_PASSWORD }));
    const denied = unwrap(await core.dispatcher.dispatch('audit.list', { outcome: 'denied', limit: 500 })) as { total: number };
    const expectedDenials = methods.reduce((n, m) => {
      const { access } = contract[m];
      return access === 'public' ? n : n + ROLES.filter((r) => !(access as readonly Role[]).includes(r)).length;
    }, 0);
    expect(denied.total).toBe(expectedDenials);
  });

  it('answers SESSION_LOCKED for every non-public method while locked, and public ones still work', async () => {
    const { core } = await newWorkspace();
    core.session.lock('user');
    for (const method of methods) {
      if (contract[method].access === 'public') continue;
      expect(await core.dispatcher.dispatch(method, {}), method).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    }
    expect(await core.dispatcher.dispatch('session.status', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
  });

  it('rejects malformed input with VALIDATION and unknown methods with UNKNOWN_METHOD', async () => {
    const { core } = await newWorkspace();
    expect(await core.dispatcher.dispatch('users.add', { username: '!!', displayName: '', role: 'king', password: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await core.dispatcher.dispatch('settings.update', { idleMinutes: 100000 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await core.dispatcher.dispatch('rm -rf', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });
});
