import type { Handlers } from '../rpc/types';
import type { sessionContract } from '../../shared/contract/session';
import type { usersContract } from '../../shared/contract/users';
import { CounterpartError } from '../../shared/contract/errors';
import { assertPasswordAcceptable } from './users';
import { readSettings, writeSettings } from './settings';
import type { Unlocked, SessionManager } from './session';

/** Rewrites one user's key slot (and only that one) with a new password. */
async function rewriteSlot(u: Unlocked, username: string, password: string): Promise<void> {
  const { keyslots } = u.workspace;
  await u.workspace.withMasterKey((key) => keyslots.setUserSlot(username, password, key, u.workspace.kdf));
  keyslots.save();
}

export const sessionHandlers: Handlers<keyof typeof sessionContract> = {
  'session.status': (_input, { session }) => session.status(),
  'session.unlock': async ({ username, password }, { session }) => {
    await session.unlock(username, password);
    return session.status();
  },
  'session.recover': async ({ username, recoveryCode, newPassword }, { session }) => {
    await session.recover(username, recoveryCode, newPassword);
    return session.status();
  },
  'session.lock': (_input, { session }) => {
    session.lock('user');
    return session.status();
  },
  'session.touch': () => ({ ok: true as const }),
  'workspace.select': ({ path }, { session }) => {
    session.select(path);
    return session.status();
  },
  'workspace.openDemo': async (_input, { session }) => {
    await session.openDemo();
    return session.status();
  },
  'workspace.create': async ({ organisation, admin }, { session }) => {
    const recoveryCode = await session.create(organisation, admin);
    return { recoveryCode, status: session.status() };
  },
};

const afterUserChange = (session: SessionManager, u: Unlocked, username: string): void => {
  if (username === u.user.username) session.refreshUser();
};

export const usersHandlers: Handlers<keyof typeof usersContract> = {
  'users.list': (_input, { session }) => session.requireUnlocked().users.list(),
  'users.add': async ({ username, displayName, role, password }, { session }) => {
    const u = session.requireUnlocked();
    assertPasswordAcceptable(password);
    if (u.users.find(username)) throw new CounterpartError('CONFLICT', `The user name ${username} is taken.`);
    // The slot first: if the database write then failed, an orphan slot opens nothing (no user row).
    await rewriteSlot(u, username, password);
    return u.transaction(() => {
      const user = u.users.insert({ username, displayName, role });
      u.audit.append({ actor: u.actor, action: 'user.add', recordType: 'user', recordId: user.id, outcome: 'ok', details: { username, role } });
      return user;
    });
  },
  'users.update': ({ username, displayName, role }, { session }) => {
    const u = session.requireUnlocked();
    const user = u.transaction(() => {
      const before = u.users.get(username);
      if (role && role !== 'admin' && before.role === 'admin') u.users.assertNotLastAdmin(username);
      const after = u.users.update(username, { displayName, role });
      u.audit.append({ actor: u.actor, action: 'user.update', recordType: 'user', recordId: after.id, outcome: 'ok', details: { role: after.role, roleBefore: before.role } });
      return after;
    });
    afterUserChange(session, u, username);
    return user;
  },
  'users.disable': ({ username }, { session }) => {
    const u = session.requireUnlocked();
    const user = u.transaction(() => {
      u.users.assertNotLastAdmin(username);
      const updated = u.users.update(username, { disabled: true });
      u.audit.append({ actor: u.actor, action: 'user.disable', recordType: 'user', recordId: updated.id, outcome: 'ok', details: { username } });
      return updated;
    });
    // A disabled user keeps no key slot: their old password opens nothing.
    if (u.workspace.keyslots.removeUserSlot(username)) u.workspace.keyslots.save();
    afterUserChange(session, u, username);
    return user;
  },
  'users.enable': async ({ username, newPassword }, { session }) => {
    const u = session.requireUnlocked();
    assertPasswordAcceptable(newPassword);
    u.users.get(username);
    await rewriteSlot(u, username, newPassword);
    return u.transaction(() => {
      const user = u.users.update(username, { disabled: false, passwordChanged: true });
      u.audit.append({ actor: u.actor, action: 'user.enable', recordType: 'user', recordId: user.id, outcome: 'ok', details: { username } });
      return user;
    });
  },
  'users.resetPassword': async ({ username, newPassword }, { session }) => {
    const u = session.requireUnlocked();
    assertPasswordAcceptable(newPassword);
    const target = u.users.get(username);
    if (target.disabled) throw new CounterpartError('USER_DISABLED', 'This user is disabled; enable the account with a new password instead.');
    await rewriteSlot(u, username, newPassword);
    u.transaction(() => {
      u.users.update(username, { passwordChanged: true });
      u.audit.append({ actor: u.actor, action: 'user.reset_password', recordType: 'user', recordId: target.id, outcome: 'ok', details: { username } });
    });
    return { ok: true as const };
  },
  'users.changeOwnPassword': async ({ currentPassword, newPassword }, { session }) => {
    const u = session.requireUnlocked();
    const { keyslots } = u.workspace;
    try {
      (await keyslots.unlockUser(u.user.username, currentPassword)).fill(0);
    } catch {
      throw new CounterpartError('WRONG_PASSWORD', 'The current password is wrong.');
    }
    assertPasswordAcceptable(newPassword);
    await rewriteSlot(u, u.user.username, newPassword);
    u.transaction(() => {
      u.users.update(u.user.username, { passwordChanged: true });
      u.audit.append({ actor: u.actor, action: 'user.change_password', recordType: 'user', recordId: u.user.id, outcome: 'ok' });
    });
    return { ok: true as const };
  },
  'users.setOwnLanguage': ({ language }, { session }) => {
    const u = session.requireUnlocked();
    const user = u.transaction(() => {
      const updated = u.users.update(u.user.username, { language });
      u.audit.append({ actor: u.actor, action: 'user.set_language', recordType: 'user', recordId: updated.id, outcome: 'ok', details: { language } });
      return updated;
    });
    session.refreshUser();
    return user;
  },
};

export const settingsHandlers = {
  'settings.get': (_input, { session }) => readSettings(session.requireUnlocked().workspace.db),
  'settings.update': (patch, { session }) => {
    const u = session.requireUnlocked();
    return u.transaction(() => {
      const settings = writeSettings(u.workspace.db, patch);
      u.audit.append({ actor: u.actor, action: 'settings.update', outcome: 'ok', details: patch });
      return settings;
    });
  },
} satisfies Handlers<'settings.get' | 'settings.update'>;
