import { writeSync } from 'node:fs';
import { createCore } from '../rpc/core';
import { testRegistry } from './noteRecord';

/**
 * Child process for the crash test: unlocks the workspace in argv[2] and writes argv[3] notes in ONE
 * transaction, announcing "IN_TX" on stdout once the transaction is under way, so the parent can SIGKILL it.
 */
const [dir, countText] = process.argv.slice(2);
const count = Number(countText);
const core = createCore(dir!, { kdf: { memoryKiB: 8192, iterations: 1, parallelism: 1 }, idleCheckMs: 0, registry: testRegistry() });
const unlocked = await core.dispatcher.dispatch('session.unlock', { username: 'admin', password: process.env.COUNTERPART_PASSWORD });
if (!unlocked.ok) throw new Error(unlocked.error.code);
const u = core.session.requireUnlocked();
u.transaction(() => {
  for (let i = 0; i < count; i++) {
    u.records.create('note', { title: `note ${i}`, body: 'x'.repeat(200) });
    if (i === 500) writeSync(1, 'IN_TX\n');
  }
});
writeSync(1, 'COMMITTED\n');
core.session.lock('user');
