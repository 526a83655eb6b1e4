import { useEffect } from 'react';
import { useTouchMutation } from '../../app/api';

/** At most one session.touch a minute: enough for the core's idle timer, whose unit is minutes. */
export const TOUCH_INTERVAL_MS = 60_000;

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'mousemove', 'touchstart'] as const;

/**
 * Turns a stream of activity (every key press, every mouse move) into at most one `send` per
 * interval; the first activity after a quiet interval sends at once.
 */
export function activityThrottle(send: () => void, intervalMs: number = TOUCH_INTERVAL_MS, now: () => number = Date.now): () => void {
  let lastSent = now();
  return () => {
    const current = now();
    if (current - lastSent < intervalMs) return;
    lastSent = current;
    send();
  };
}

/**
 * Tells the core the person is still here, so that reading a long page does not lock the
 * workspace. Only while unlocked.
 */
export function useIdleTouch(active: boolean, intervalMs: number = TOUCH_INTERVAL_MS): void {
  const [touch] = useTouchMutation();

  useEffect(() => {
    if (!active) return;
    const onActivity = activityThrottle(() => void touch(), intervalMs);
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { passive: true, capture: true });
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [active, intervalMs, touch]);
}
