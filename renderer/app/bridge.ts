import type { CounterpartBridge } from '../../shared/contract/bridge';

/**
 * The one way the renderer reaches the core (DESIGN §3). main.tsx installs the bridge once: the one
 * the Electron preload exposed as `window.counterpart`, or the browser-mode one. Tests install a fake.
 */
let current: CounterpartBridge | null = null;

export function installBridge(bridge: CounterpartBridge): void {
  current = bridge;
}

export function getBridge(): CounterpartBridge {
  if (!current) throw new Error('The Counterpart bridge is not installed yet.');
  return current;
}

/** `window.counterpart` as the Electron preload exposes it; undefined in browser mode. */
export function injectedBridge(): CounterpartBridge | undefined {
  return (window as Window & { counterpart?: CounterpartBridge }).counterpart;
}

let sequence = 0;

/** A call id for a long-running call, used to match its progress events and to cancel it. */
export function newCallId(prefix: string): string {
  sequence += 1;
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
  return `${prefix}-${sequence}-${random}`;
}
