import { useEffect, useRef } from 'react';
import { useTouchMutation } from '../../app/api';

/** At most one session.touch a minute: enough for the core's idle timer, whose unit is minutes. */
export const TOUCH_INTERVAL_MS = 60_000;

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'mousemove', 'touchstart'] as const;

/**
 * Tells the core the person is still here, so that reading a long page does not lock the
 * workspace. Only while unlocked; the first activity after a quiet minute sends at once.
 */
export function useIdleTouch(active: boolean, intervalMs: number = TOUCH_INTERVAL_MS): void {
  const [touch] = useTouchMutation();
  const lastSent = useRef(0);

  useEffect(() => {
    if (!active) return;
    lastSent.current = Date.now();
    const onActivity = () => {
      const now = Date.now();
      if (now - lastSent.current < intervalMs) return;
      lastSent.current = now;
      void touch();
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { passive: true, capture: true });
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [active, intervalMs, touch]);
}
