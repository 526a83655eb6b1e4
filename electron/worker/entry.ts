import { parentPort, workerData } from 'node:worker_threads';
import { createCore } from '../rpc/core';
import { DEFAULT_THROTTLE } from '../identity/throttle';
import { loadMigrations } from '../store/migrate';
import type { FromWorker, ToWorker, WorkerConfig } from './protocol';
import { interruptedBy } from './cancelFlags';

/**
 * The core's thread (DESIGN §3): all database work, crypto and long operations run here, so the
 * Electron main thread and the browser-mode host only forward messages.
 */
const port = parentPort;
if (!port) throw new Error('electron/worker/entry must run in a worker thread');

const config = workerData as WorkerConfig;
const post = (message: FromWorker): void => port.postMessage(message);

const core = createCore(config.workspaceDir, {
  demoDir: config.demoDir,
  kdf: config.kdf,
  throttle: config.throttle ? { ...DEFAULT_THROTTLE, ...config.throttle } : undefined,
  migrations: config.migrationsDir ? loadMigrations(config.migrationsDir) : undefined,
  onEvent: (event) => post({ type: 'event', event }),
});

const running = new Map<string, AbortController>();

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'call': {
      const controller = new AbortController();
      running.set(message.id, controller);
      void core.dispatcher
        .dispatch(message.method, message.params, {
          signal: controller.signal,
          ...(config.cancelFlags && message.cancelSlot !== undefined ? { interrupted: interruptedBy(config.cancelFlags, message.cancelSlot) } : {}),
          onProgress: (done, total, label) => post({ type: 'event', event: { type: 'progress', callId: message.id, done, total, label } }),
        })
        .then((result) => post({ type: 'result', id: message.id, result }))
        .finally(() => running.delete(message.id));
      break;
    }
    case 'cancel':
      running.get(message.id)?.abort();
      break;
    case 'refused':
      core.session.noteTransportRefusal(message.refusal);
      break;
    case 'shutdown':
      for (const controller of running.values()) controller.abort();
      core.session.lock('user');
      port.close();
      break;
  }
});

post({ type: 'ready' });
