import { describe, expect, it } from 'vitest';
import { activityThrottle, TOUCH_INTERVAL_MS } from './useIdleTouch';

describe('telling the core the user is active', () => {
  it('sends at most one touch a minute however busy the keyboard and mouse are', () => {
    let clock = 0;
    let sent = 0;
    const onActivity = activityThrottle(() => (sent += 1), TOUCH_INTERVAL_MS, () => clock);
    for (clock = 1; clock < TOUCH_INTERVAL_MS; clock += 250) onActivity();
    expect(sent).toBe(0);
    clock = TOUCH_INTERVAL_MS;
    onActivity();
    onActivity();
    expect(sent).toBe(1);
    clock = 2 * TOUCH_INTERVAL_MS + 5;
    onActivity();
    expect(sent).toBe(2);
  });

  it('sends nothing while the person is away', () => {
    let sent = 0;
    activityThrottle(() => (sent += 1), TOUCH_INTERVAL_MS, () => 10 * TOUCH_INTERVAL_MS);
    expect(sent).toBe(0);
  });
});
