import { useCallback } from 'react';
import { useHotkeys } from '@mantine/hooks';
import { useLockMutation } from '../../app/api';
import { forgetLastUser } from '../../app/sessionSlice';
import { useAppDispatch } from '../../app/store';

/** Locks now; the same person unlocks with their password. */
export function useLock(): { lock: () => void; signOut: () => void; locking: boolean } {
  const dispatch = useAppDispatch();
  const [lockMutation, { isLoading }] = useLockMutation();
  const lock = useCallback(() => {
    void lockMutation();
  }, [lockMutation]);
  /** Locks and forgets who was signed in: the next person signs in with their own name. */
  const signOut = useCallback(() => {
    void lockMutation()
      .unwrap()
      .catch(() => undefined)
      .finally(() => dispatch(forgetLastUser()));
  }, [lockMutation, dispatch]);
  return { lock, signOut, locking: isLoading };
}

/** Ctrl+L (Cmd+L on a Mac) locks from anywhere, even while typing in a field. */
export function useLockShortcut(lock: () => void): void {
  useHotkeys([['mod+L', lock, { preventDefault: true }]], []);
}
