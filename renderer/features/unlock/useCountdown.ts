import { useEffect, useState } from 'react';

/**
 * Milliseconds left until `until` (a Date.now() timestamp), ticking while there is time left. The
 * core makes the real wait (failed unlocks slow down); this only shows it and keeps the button off.
 */
export function useCountdown(until: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (until <= Date.now()) return;
    const timer = window.setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= until) window.clearInterval(timer);
    }, 250);
    return () => window.clearInterval(timer);
  }, [until]);
  return Math.max(0, until - now);
}
