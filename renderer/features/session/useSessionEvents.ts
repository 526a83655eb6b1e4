import { useEffect } from 'react';
import { getBridge } from '../../app/bridge';
import { sessionLocked } from '../../app/sessionSlice';
import { useAppDispatch } from '../../app/store';

/** The core's `session.locked` event (idle timer, or a lock from another window) locks the UI at once. */
export function useSessionEvents(): void {
  const dispatch = useAppDispatch();
  useEffect(() => getBridge().on('session.locked', (event) => dispatch(sessionLocked(event.reason))), [dispatch]);
}
