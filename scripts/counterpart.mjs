#!/usr/bin/env node
// The `counterpart` command (package.json "bin"): runs the TypeScript CLI through tsx, so that
// `npx counterpart ...` works straight after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/run.ts');
