import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import { DEMO_ORGANISATION } from '../identity/session';
import { Keyslots } from '../store/keyslots';
import { Workspace } from '../store/workspace';
import type { Core } from '../rpc/core';
import { rememberDefaultUser } from './config';
import type { CliHelpers } from './exchange';
import { readSecret } from './prompt';

/**
 * `counterpart demo`: a workspace filled with synthetic demo cases (docs/cases.md §Demo data).
 * Registered by main.ts, which hands over its helpers.
 */

export type CaseCliHelpers = CliHelpers & { openCore: (workspace: string) => Core };

const PASSWORD_ENV = 'COUNTERPART_PASSWORD';

/** Progress on stderr: one updating line on a terminal, a line per tenth otherwise. */
function progressPrinter(): (done: number, total: number) => void {
  let lastTenth = -1;
  return (done, total) => {
    if (process.stderr.isTTY) {
      process.stderr.write(`\rDemo cases: ${done}/${total}${done === total ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor((done / Math.max(total, 1)) * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      process.stderr.write(`Demo cases: ${done}/${total}\n`);
    }
  };
}

export function registerCaseCommands(program: Command, h: CaseCliHelpers): void {
  program
    .command('demo')
    .description(`fill a workspace with synthetic demo cases; creates it (organisation DEMO) when the folder holds none, with the password from ${PASSWORD_ENV} or a prompt`)
    .addOption(h.workspaceOption())
    .addOption(new Option('--cases <n>', 'how many demo cases to add').default('300'))
    .option('--seed <n>', 'random seed: the same seed gives the same caseload', '20240601')
    .option('--admin <username>', 'administrator of a new demo workspace (and the user to unlock as)', 'admin')
    .addOption(h.userOption())
    .addOption(h.jsonOption())
    .action(async (opts: { workspace: string; cases: string; seed: string; admin: string; user?: string; json?: boolean }) => {
      const cases = z.coerce.number().int().min(1).max(1_000_000).parse(opts.cases);
      const seed = z.coerce.number().int().min(0).max(2 ** 31).parse(opts.seed);
      const dir = resolve(opts.workspace);
      const fill = async (core: Core) => {
        const abort = new AbortController();
        const stop = () => abort.abort();
        process.once('SIGINT', stop);
        try {
          const result = await core.dispatcher.dispatch('demo.generate', { cases, seed }, { signal: abort.signal, onProgress: progressPrinter() });
          if (!result.ok) throw new CounterpartError(result.error.code, result.error.message, result.error.details);
          const value = result.value as { created: number; totalDemoCases: number };
          h.print(opts, { workspace: dir, ...value }, () => `Added ${value.created} demo cases to ${dir} (${value.totalDemoCases} in all).`);
        } finally {
          process.off('SIGINT', stop);
        }
      };
      if (Workspace.exists(dir)) {
        await h.withUnlocked({ workspace: dir, user: opts.user ?? opts.admin }, fill);
        return;
      }
      const password = await readSecret(PASSWORD_ENV, `Password for the new demo administrator ${opts.admin}: `, { confirm: true });
      const core = h.openCore(dir);
      try {
        await h.call(core, 'workspace.create', { organisation: DEMO_ORGANISATION, admin: { username: opts.admin, displayName: 'Demo administrator', password } });
        rememberDefaultUser(Keyslots.load(dir).workspaceId, opts.admin);
        process.stderr.write(`Created the demo workspace ${dir} (organisation ${DEMO_ORGANISATION.code}).\n`);
        await fill(core);
      } finally {
        core.session.lock('user');
      }
    });
}
