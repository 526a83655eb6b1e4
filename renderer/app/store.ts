import { configureStore, createListenerMiddleware } from '@reduxjs/toolkit';
import { useDispatch, useSelector } from 'react-redux';
import { api } from './api';
import { sessionSlice, type SessionState } from './sessionSlice';

/**
 * Identifies whose data the cache holds: the workspace, the unlocked user (and role). When it
 * changes — a lock, another user signing in, another workspace — every cached answer is dropped, so
 * nothing read under one session is shown under the next one.
 */
export const sessionKey = (session: SessionState): string => {
  const status = session.status;
  if (!status || status.state !== 'unlocked' || !status.user) return `closed:${status?.workspacePath ?? ''}`;
  return `open:${status.workspacePath}:${status.user.id}:${status.user.role}`;
};

export function createStore() {
  const listener = createListenerMiddleware();
  listener.startListening({
    predicate: (_action, current, previous) =>
      sessionKey((current as { session: SessionState }).session) !== sessionKey((previous as { session: SessionState }).session),
    effect: (_action, { dispatch }) => {
      dispatch(api.util.resetApiState());
    },
  });

  return configureStore({
    reducer: { [api.reducerPath]: api.reducer, session: sessionSlice.reducer },
    middleware: (getDefault) => getDefault().prepend(listener.middleware).concat(api.middleware),
  });
}

export type AppStore = ReturnType<typeof createStore>;
export type RootState = ReturnType<AppStore['getState']>;
export type AppDispatch = AppStore['dispatch'];

export const useAppDispatch = useDispatch.withTypes<AppDispatch>();
export const useAppSelector = useSelector.withTypes<RootState>();

export const selectStatus = (state: RootState) => state.session.status;
export const selectUser = (state: RootState) => state.session.status?.user ?? null;
