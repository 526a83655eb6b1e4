// Development entry of the core's worker thread: loads the TypeScript sources through tsx.
// The packaged app points CoreWorker at the bundled worker instead (scripts/build-node.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./entry.ts');
