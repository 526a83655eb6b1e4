import type { SessionStatus } from '../../shared/contract/session';
import type { User } from '../../shared/contract/users';

/** Session answers as the core gives them, for renderer tests. */
export const ADMIN_USER: User = {
  id: 'u-admin',
  username: 'somchai',
  displayName: 'Somchai Wongsakul',
  role: 'admin',
  disabled: false,
  language: null,
  createdAt: '2026-01-05T08:00:00.000Z',
  passwordChangedAt: '2026-01-05T08:00:00.000Z',
};

export function status(overrides: Partial<SessionStatus> = {}): SessionStatus {
  return {
    state: 'locked',
    workspacePath: '/srv/counterpart/workspace',
    demo: false,
    user: null,
    organisation: null,
    idleMinutes: null,
    unlockDelayMs: 0,
    ...overrides,
  };
}

export function unlockedStatus(user: User = ADMIN_USER, overrides: Partial<SessionStatus> = {}): SessionStatus {
  return status({
    state: 'unlocked',
    user,
    organisation: { name: 'Anti-Trafficking Task Force Bangkok', code: 'TH-ATTF', country: 'THA', type: 'LawEnforcement', nodeId: 'node-1' },
    idleMinutes: 15,
    ...overrides,
  });
}
