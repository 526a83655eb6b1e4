import { useEffect, useRef, useState } from 'react';
import { useCancelCallMutation } from '../../app/api';
import { getBridge, newCallId } from '../../app/bridge';

export type LongCallProgress = { callId: string; done: number; total: number };

/**
 * A long-running call (export, inspect, import): a fresh call id, its progress events while it runs,
 * and Cancel, which sends `$cancel` for that id. The core answers a cancelled call with CANCELLED.
 */
export function useLongCall(prefix: string) {
  const [cancelCall] = useCancelCallMutation();
  const [running, setRunning] = useState<LongCallProgress | null>(null);
  const unsubscribe = useRef<(() => void) | null>(null);

  useEffect(() => () => unsubscribe.current?.(), []);

  async function run<T>(start: (callId: string) => Promise<T>): Promise<T> {
    const callId = newCallId(prefix);
    setRunning({ callId, done: 0, total: 0 });
    // Listen before calling, so that no early progress event is missed.
    unsubscribe.current?.();
    unsubscribe.current = getBridge().on('progress', (event) => {
      if (event.callId === callId) setRunning({ callId, done: event.done, total: event.total });
    });
    try {
      return await start(callId);
    } finally {
      unsubscribe.current?.();
      unsubscribe.current = null;
      setRunning(null);
    }
  }

  const cancel = () => {
    if (running) void cancelCall({ callId: running.callId });
  };

  return { running, run, cancel };
}
