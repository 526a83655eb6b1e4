import { defineConfig } from 'vitest/config';

/**
 * The end-to-end suite: `npx vitest run --config e2e/vitest.config.ts` (after `npx vite build`).
 * One browser and one `counterpart serve` at a time: the files run one after the other.
 */
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.test.ts'],
    setupFiles: ['e2e/failures.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
