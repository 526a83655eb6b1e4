/** The two IPC channels between the preload and the main process; nothing else is listened to. */
export const INVOKE_CHANNEL = 'counterpart:invoke';
export const EVENT_CHANNEL = 'counterpart:event';
