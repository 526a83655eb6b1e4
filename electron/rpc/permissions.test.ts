import { describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../shared/contract';
import { ROLES, type Role } from '../../shared/domain/roles';
import { newWorkspace, unwrap, ADMIN_PASSWORD } from '../testing/fixtures';
import { newOffice, OFFICES, outDir, pair, type Office } from '../exchange/testkit';
import { productionRegistry } from './recordTypes';

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

  it('an M&E officer sends and receives NPA bundles (workplan-progress, plan-structure) but no case bundle: the core checks the bundle type', async () => {
    const ministry = await newOffice(OFFICES.MM, productionRegistry());
    const secretariat = await newOffice(OFFICES.SEC, productionRegistry());
    await pair(ministry, secretariat);
    const as = async (o: Office, username: string, password: string) => {
      o.core.session.lock('user');
      unwrap(await o.core.dispatcher.dispatch('session.unlock', { username, password }));
    };
    for (const o of [ministry, secretariat]) await o.call('users.add', { username: 'kyaw', displayName: 'Kyaw (M&E)', role: 'me_officer', password: PASSWORD });
    const exportAs = (o: Office, type: string) => o.core.dispatcher.dispatch('bundles.export', { to: [o === ministry ? 'MM-NPA-SEC' : 'MM-DSW'], type, select: { mode: 'sinceLast' }, purpose: 'Quarterly NPA progress', outDir: outDir() });

    await as(ministry, 'kyaw', PASSWORD);
    const progress = await exportAs(ministry, 'workplan-progress');
    expect(progress).toMatchObject({ ok: true, value: { bundleType: 'workplan-progress' } });
    expect(await exportAs(ministry, 'plan-structure')).toMatchObject({ ok: true });
    for (const type of ['case-update', 'case-referral', 'ownership-transfer']) expect(await exportAs(ministry, type), type).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ministry.core.dispatcher.dispatch('conflicts.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // At the secretariat, the M&E officer imports the progress but cannot open a case bundle; nothing changes.
    await as(ministry, 'admin', ADMIN_PASSWORD);
    const caseBundle = unwrap(await exportAs(ministry, 'case-update')) as { path: string };
    await as(secretariat, 'kyaw', PASSWORD);
    const path = (progress as { ok: true; value: { path: string } }).value.path;
    expect(await secretariat.core.dispatcher.dispatch('bundles.import', { path })).toMatchObject({ ok: true, value: { status: 'imported', bundleType: 'workplan-progress' } });
    const db = secretariat.core.session.requireUnlocked().workspace.db;
    const imported = () => db.prepare('SELECT bundle_type FROM imported_bundles ORDER BY bundle_type').pluck().all();
    expect(imported()).toEqual(['workplan-progress']);
    expect(await secretariat.core.dispatcher.dispatch('bundles.inspect', { path: caseBundle.path })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await secretariat.core.dispatcher.dispatch('bundles.import', { path: caseBundle.path })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(imported()).toEqual(['workplan-progress']);
    await as(secretariat, 'admin', ADMIN_PASSWORD);
    expect(await secretariat.core.dispatcher.dispatch('bundles.import', { path: caseBundle.path })).toMatchObject({ ok: true, value: { status: 'imported' } });
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
