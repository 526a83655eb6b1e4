import { createSlice, isAnyOf, isRejectedWithValue, type PayloadAction } from '@reduxjs/toolkit';
import type { SessionStatus } from '../../shared/contract/session';
import type { User } from '../../shared/contract/users';
import { api, asRpcError } from './api';

/** Who was signed in before the last lock: the lock screen asks this person for their password again. */
export type LastUser = { username: string; displayName: string };

export type SessionState = {
  /** The latest status the core reported; null until the first answer. */
  status: SessionStatus | null;
  lastUser: LastUser | null;
  /** Why the session locked last, when the core told us (idle timer or the user). */
  lockReason: 'idle' | 'user' | null;
  /** The workspace was just created: the first-run wizard stays until the recovery code is confirmed. */
  setupInProgress: boolean;
};

const initialState: SessionState = { status: null, lastUser: null, lockReason: null, setupInProgress: false };

const statusChanged = isAnyOf(
  api.endpoints.status.matchFulfilled,
  api.endpoints.unlock.matchFulfilled,
  api.endpoints.recover.matchFulfilled,
  api.endpoints.lock.matchFulfilled,
  api.endpoints.selectWorkspace.matchFulfilled,
  api.endpoints.openDemo.matchFulfilled,
);

const ownUserChanged = isAnyOf(
  api.endpoints.setOwnLanguage.matchFulfilled,
  api.endpoints.updateUser.matchFulfilled,
  api.endpoints.disableUser.matchFulfilled,
);

function applyStatus(state: SessionState, status: SessionStatus): void {
  state.status = status;
  if (status.user) {
    state.lastUser = { username: status.user.username, displayName: status.user.displayName };
    state.lockReason = null;
  }
}

function markLocked(state: SessionState, reason: 'idle' | 'user' | null): void {
  if (!state.status || state.status.state !== 'unlocked') return;
  state.status = { ...state.status, state: 'locked', user: null, organisation: null, idleMinutes: null };
  state.lockReason = reason;
}

export const sessionSlice = createSlice({
  name: 'session',
  initialState,
  reducers: {
    /** The core's `session.locked` event (idle timer, or a lock from another window). */
    sessionLocked(state, action: PayloadAction<'idle' | 'user'>) {
      markLocked(state, action.payload);
    },
    /** "Sign in as someone else": forget who was signed in, so the unlock screen asks for a user name. */
    forgetLastUser(state) {
      state.lastUser = null;
    },
    /** The administrator confirmed they wrote the recovery code down. */
    setupFinished(state) {
      state.setupInProgress = false;
    },
  },
  extraReducers: (builder) => {
    builder
      .addMatcher(statusChanged, (state, action) => applyStatus(state, action.payload))
      .addMatcher(api.endpoints.createWorkspace.matchFulfilled, (state, action) => {
        applyStatus(state, action.payload.status);
        state.setupInProgress = true;
      })
      .addMatcher(ownUserChanged, (state, action: PayloadAction<User>) => {
        const current = state.status?.user;
        if (!state.status || !current || current.id !== action.payload.id) return;
        if (action.payload.disabled) return markLocked(state, 'user');
        state.status = { ...state.status, user: action.payload };
        state.lastUser = { username: action.payload.username, displayName: action.payload.displayName };
      })
      .addMatcher(api.endpoints.updateSettings.matchFulfilled, (state, action) => {
        if (state.status?.state === 'unlocked') state.status = { ...state.status, idleMinutes: action.payload.idleMinutes };
      })
      // A call refused because the core already locked (the event may have been missed).
      .addMatcher(isRejectedWithValue, (state, action) => {
        const error = asRpcError(action.payload);
        // `host_session_missing` is the browser-mode host speaking, not the core: nothing to unlock.
        if (error?.code === 'SESSION_LOCKED' && error.details?.reason !== 'host_session_missing') markLocked(state, 'idle');
      });
  },
});

export const { sessionLocked, forgetLastUser, setupFinished } = sessionSlice.actions;
