import { resolve } from 'node:path';
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import { createCore, type Core } from '../rpc/core';
import { Keyslots } from '../store/keyslots';
import { restoreBackup } from '../store/backup';
import { CounterpartError } from '../../shared/contract/errors';
import type { MethodName, MethodOutput } from '../../shared/contract';
import { ROLES } from '../../shared/domain/roles';
import { ORG_TYPES } from '../../shared/domain/organisation';
import { readSecret } from './prompt';
import { defaultUserFor, rememberDefaultUser } from './config';
import { EXIT, exitCodeFor } from './exitCodes';
import { registerExchangeCommands } from './exchange';
import { registerWorkplansCommands } from './workplans';
import { registerCaseCommands } from './cases';
import { registerReportCommands } from './reports';

/**
 * The `counterpart` command line. Every command goes through the same dispatcher as the app
 * (permission check, validation, audit), in-process.
 */

const PASSWORD_ENV = 'COUNTERPART_PASSWORD';
const NEW_PASSWORD_ENV = 'COUNTERPART_NEW_PASSWORD';
const RECOVERY_ENV = 'COUNTERPART_RECOVERY_CODE';

/** Tests only: a cheap Argon2id so suites run fast. The cost is recorded in each slot, so files stay valid. */
const kdfFromEnv = () => (process.env.COUNTERPART_TEST_KDF === '1' ? { memoryKiB: 8192, iterations: 1, parallelism: 1 } : undefined);

type Common = { workspace: string; user?: string; json?: boolean };

function openCore(workspace: string): Core {
  return createCore(resolve(workspace), { kdf: kdfFromEnv(), idleCheckMs: 0 });
}

async function call<M extends MethodName>(core: Core, method: M, params: unknown): Promise<MethodOutput<M>> {
  const result = await core.dispatcher.dispatch(method, params);
  if (!result.ok) throw new CounterpartError(result.error.code, result.error.message, result.error.details);
  return result.value as MethodOutput<M>;
}

/** Unlocks as --user (default: the administrator created by `init` on this machine). */
async function unlocked(opts: Common): Promise<Core> {
  const core = openCore(opts.workspace);
  const username = opts.user ?? defaultUserFor(Keyslots.load(resolve(opts.workspace)).workspaceId);
  if (!username) throw new CounterpartError('VALIDATION', 'Say which user to unlock as: --user NAME.');
  const password = await readSecret(PASSWORD_ENV, `Password for ${username}: `);
  await call(core, 'session.unlock', { username, password });
  return core;
}

async function withUnlocked<T>(opts: Common, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await unlocked(opts);
  try {
    return await fn(core);
  } finally {
    core.session.lock('user');
  }
}

function print(opts: { json?: boolean }, value: unknown, human: () => string): void {
  process.stdout.write(opts.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

const workspaceOption = () => new Option('--workspace <dir>', 'workspace folder').makeOptionMandatory();
const userOption = () => new Option('--user <name>', 'user to unlock as (default: the administrator created by init on this machine)');
const jsonOption = () => new Option('--json', 'machine-readable output');

/** Best effort: the address is printed anyway, so a failure here only means opening it by hand. */
function openInBrowser(url: string): void {
  const command = process.platform === 'win32' ? 'explorer' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const child = spawn(command, [url], { detached: true, stdio: 'ignore' });
  child.on('error', () => process.stderr.write(`Could not open a browser (${command}); open the address above by hand.\n`));
  child.unref();
}

export function buildProgram(): Command {
  const program = new Command('counterpart')
    .description('Counterpart: encrypted case files and NPA workplans for anti-trafficking work.')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('init')
    .description('create a workspace: organisation, first administrator and recovery code')
    .addOption(workspaceOption())
    .requiredOption('--org-name <name>', 'organisation name')
    .requiredOption('--org-code <code>', 'organisation code, such as TH-ATTF')
    .requiredOption('--country <iso3>', 'ISO 3166 alpha-3 country code, such as THA')
    .addOption(new Option('--org-type <type>', 'HTCDS organisation type').choices(ORG_TYPES).default('CentralGovernmentOrganisation'))
    .requiredOption('--admin <username>', 'user name of the first administrator')
    .option('--admin-name <name>', 'display name of the first administrator')
    .addOption(jsonOption())
    .action(async (opts: { workspace: string; orgName: string; orgCode: string; country: string; orgType: string; admin: string; adminName?: string; json?: boolean }) => {
      const password = await readSecret(PASSWORD_ENV, `Password for ${opts.admin}: `, { confirm: true });
      const core = openCore(opts.workspace);
      try {
        const created = await call(core, 'workspace.create', {
          organisation: { name: opts.orgName, code: opts.orgCode, country: opts.country, type: opts.orgType },
          admin: { username: opts.admin, displayName: opts.adminName ?? opts.admin, password },
        });
        const workspaceId = Keyslots.load(core.session.dir).workspaceId;
        rememberDefaultUser(workspaceId, created.status.user?.username ?? opts.admin);
        print(opts, { workspace: core.session.dir, workspaceId, recoveryCode: created.recoveryCode }, () =>
          [
            `Workspace created in ${core.session.dir}.`,
            '',
            'RECOVERY CODE (shown once; write it down and keep it locked away):',
            '',
            `    ${created.recoveryCode}`,
            '',
            'With it an administrator can set a new password when every password is forgotten.',
          ].join('\n'),
        );
      } finally {
        core.session.lock('user');
      }
    });

  program
    .command('info')
    .description('organisation, users, record counts, schema version and state digest')
    .addOption(workspaceOption())
    .addOption(userOption())
    .addOption(jsonOption())
    .action((opts: Common) =>
      withUnlocked(opts, async (core) => {
        const info = await call(core, 'workspace.info', {});
        print(opts, info, () =>
          [
            `Organisation:   ${info.organisation.name} (${info.organisation.code}, ${info.organisation.country})`,
            `Workspace id:   ${info.workspaceId}`,
            `Node id:        ${info.organisation.nodeId}`,
            `Schema version: ${info.schemaVersion}`,
            `Users:          ${info.users}`,
            `Records:        ${Object.entries(info.records).map(([t, n]) => `${t} ${n}`).join(', ') || 'none'}`,
            `Audit entries:  ${info.auditEntries}`,
            `State digest:   ${info.stateDigest}`,
          ].join('\n'),
        );
      }),
    );

  const users = program.command('users').description('manage the users of a workspace');
  users
    .command('list')
    .addOption(workspaceOption())
    .addOption(userOption())
    .addOption(jsonOption())
    .action((opts: Common) =>
      withUnlocked(opts, async (core) => {
        const list = await call(core, 'users.list', {});
        print(opts, list, () => list.map((u) => `${u.username.padEnd(20)} ${u.role.padEnd(17)} ${u.disabled ? 'disabled' : 'active  '} ${u.displayName}`).join('\n'));
      }),
    );
  users
    .command('add')
    .description(`add a user; the new user's password comes from ${NEW_PASSWORD_ENV} or a prompt`)
    .addOption(workspaceOption())
    .addOption(userOption())
    .requiredOption('--username <name>', 'new user name')
    .addOption(new Option('--role <role>', 'role').choices(ROLES).makeOptionMandatory())
    .option('--display-name <name>', 'name shown in the app')
    .addOption(jsonOption())
    .action((opts: Common & { username: string; role: string; displayName?: string }) =>
      withUnlocked(opts, async (core) => {
        const password = await readSecret(NEW_PASSWORD_ENV, `Password for the new user ${opts.username}: `, { confirm: true });
        const user = await call(core, 'users.add', { username: opts.username, displayName: opts.displayName ?? opts.username, role: opts.role, password });
        print(opts, user, () => `Added ${user.username} (${user.role}).`);
      }),
    );
  users
    .command('disable')
    .addOption(workspaceOption())
    .addOption(userOption())
    .requiredOption('--username <name>', 'user to disable')
    .addOption(jsonOption())
    .action((opts: Common & { username: string }) =>
      withUnlocked(opts, async (core) => {
        const user = await call(core, 'users.disable', { username: opts.username });
        print(opts, user, () => `Disabled ${user.username}; their key slot was removed.`);
      }),
    );
  users
    .command('enable')
    .description(`re-enable a user with a new password (from ${NEW_PASSWORD_ENV} or a prompt)`)
    .addOption(workspaceOption())
    .addOption(userOption())
    .requiredOption('--username <name>', 'user to enable')
    .addOption(jsonOption())
    .action((opts: Common & { username: string }) =>
      withUnlocked(opts, async (core) => {
        const newPassword = await readSecret(NEW_PASSWORD_ENV, `New password for ${opts.username}: `, { confirm: true });
        const user = await call(core, 'users.enable', { username: opts.username, newPassword });
        print(opts, user, () => `Enabled ${user.username}.`);
      }),
    );
  users
    .command('passwd')
    .description(`change your own password, or (administrators) reset another user's; the new one comes from ${NEW_PASSWORD_ENV} or a prompt`)
    .addOption(workspaceOption())
    .addOption(userOption())
    .option('--username <name>', 'user whose password to reset (default: yourself)')
    .addOption(jsonOption())
    .action((opts: Common & { username?: string }) =>
      withUnlocked(opts, async (core) => {
        const me = core.session.requireUnlocked().user.username;
        const target = opts.username?.toLowerCase() ?? me;
        const newPassword = await readSecret(NEW_PASSWORD_ENV, `New password for ${target}: `, { confirm: true });
        if (target === me) {
          const currentPassword = await readSecret(PASSWORD_ENV, `Current password for ${me}: `);
          await call(core, 'users.changeOwnPassword', { currentPassword, newPassword });
        } else {
          await call(core, 'users.resetPassword', { username: target, newPassword });
        }
        print(opts, { ok: true, username: target }, () => `Password changed for ${target}; only that user's key slot was rewritten.`);
      }),
    );

  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify')
    .description('check every entry of the audit chain; exits 6 and names the first bad entry if any was changed')
    .addOption(workspaceOption())
    .addOption(userOption())
    .addOption(jsonOption())
    .action((opts: Common) =>
      withUnlocked(opts, async (core) => {
        const result = await call(core, 'audit.verify', {});
        print(opts, result, () => (result.ok ? `Audit log intact: ${result.entries} entries verified.` : `AUDIT_CHAIN_BROKEN: first bad entry ${result.firstBadSeq}: ${result.reason}`));
        if (!result.ok) process.exitCode = EXIT.auditBroken;
      }),
    );
  audit
    .command('list')
    .addOption(workspaceOption())
    .addOption(userOption())
    .option('--limit <n>', 'how many of the newest entries', '50')
    .option('--action <prefix>', 'only actions starting with this')
    .addOption(jsonOption())
    .action((opts: Common & { limit: string; action?: string }) =>
      withUnlocked(opts, async (core) => {
        const limit = z.coerce.number().int().min(1).max(500).parse(opts.limit);
        const { entries } = await call(core, 'audit.list', { limit, action: opts.action });
        print(opts, entries, () => entries.map((e) => `${String(e.seq).padStart(6)} ${e.at} ${(e.username ?? '-').padEnd(14)} ${e.action.padEnd(24)} ${e.outcome}${e.recordId ? ` ${e.recordType}:${e.recordId}` : ''}`).join('\n'));
      }),
    );

  program
    .command('backup')
    .description('write an encrypted backup that opens with the same passwords and recovery code')
    .addOption(workspaceOption())
    .addOption(userOption())
    .requiredOption('--out <file>', 'backup file to write (.cpbackup)')
    .addOption(jsonOption())
    .action((opts: Common & { out: string }) =>
      withUnlocked(opts, async (core) => {
        const made = await call(core, 'backup.create', {});
        const out = resolve(opts.out);
        try {
          renameSync(made.path, out);
        } catch {
          copyFileSync(made.path, out);
          rmSync(made.path);
        }
        print(opts, { ...made, path: out }, () => `Backup written to ${out} (${made.bytes} bytes).`);
      }),
    );

  program
    .command('restore')
    .description('restore a backup into a workspace folder (an existing workspace is moved aside with --force)')
    .requiredOption('--from <file>', 'backup file')
    .addOption(workspaceOption())
    .addOption(userOption())
    .option('--force', 'replace an existing workspace (it is moved aside, not deleted)')
    .addOption(jsonOption())
    .action(async (opts: Common & { from: string; force?: boolean }) => {
      const target = resolve(opts.workspace);
      const restored = await restoreBackup(resolve(opts.from), target, { force: opts.force });
      // Prove it opens: unlock with the given credentials (restored slots are the backup's).
      await withUnlocked({ ...opts, user: opts.user ?? defaultUserFor(restored.workspaceId) }, async (core) => {
        const info = await call(core, 'workspace.info', {});
        print(opts, { ...restored, workspace: target, stateDigest: info.stateDigest }, () =>
          [`Restored workspace ${restored.workspaceId} into ${target}.`, restored.replaced ? `The previous workspace was moved to ${restored.replaced}.` : ''].filter(Boolean).join('\n'),
        );
      });
    });

  program
    .command('serve')
    .description('run the app in browser mode: the same core and screens, on 127.0.0.1 only, until stopped')
    .addOption(workspaceOption())
    .option('--port <n>', 'port on 127.0.0.1 (default: a random free port)', '0')
    .option('--demo-dir <dir>', 'folder of the demo workspace (offered on the first-run screen)')
    .option('--open', 'open the address in the default browser')
    .action(async (opts: { workspace: string; port: string; demoDir?: string; open?: boolean }) => {
      const port = z.coerce.number().int().min(0).max(65535).parse(opts.port);
      const { startHost, exitWithParent } = await import('../host/server');
      const host = await startHost({
        workspaceDir: resolve(opts.workspace),
        demoDir: opts.demoDir ? resolve(opts.demoDir) : undefined,
        port,
        worker: { config: { kdf: kdfFromEnv() } },
      });
      process.stdout.write(`Counterpart is running at ${host.url}\n`);
      if (opts.open) openInBrowser(host.url);
      exitWithParent(host);
      await new Promise<void>((done) => {
        const stop = () => void host.close().then(done, done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  program
    .command('new-recovery-code')
    .description('replace the recovery code (administrators); the old one stops working, the new one is printed once')
    .addOption(workspaceOption())
    .addOption(userOption())
    .addOption(jsonOption())
    .action((opts: Common) =>
      withUnlocked(opts, async (core) => {
        const { recoveryCode } = await call(core, 'workspace.newRecoveryCode', {});
        print(opts, { recoveryCode }, () => ['NEW RECOVERY CODE (shown once; the old code no longer works):', '', `    ${recoveryCode}`].join('\n'));
      }),
    );

  program
    .command('recover')
    .description(`set a new password with the recovery code (from ${RECOVERY_ENV} or a prompt; new password from ${NEW_PASSWORD_ENV} or a prompt)`)
    .addOption(workspaceOption())
    .requiredOption('--user <name>', 'user who gets the new password')
    .addOption(jsonOption())
    .action(async (opts: Common & { user: string }) => {
      const recoveryCode = await readSecret(RECOVERY_ENV, 'Recovery code: ');
      const newPassword = await readSecret(NEW_PASSWORD_ENV, `New password for ${opts.user}: `, { confirm: true });
      const core = openCore(opts.workspace);
      try {
        await call(core, 'session.recover', { username: opts.user, recoveryCode, newPassword });
        print(opts, { ok: true, username: opts.user }, () => `New password set for ${opts.user}.`);
      } finally {
        core.session.lock('user');
      }
    });

  registerExchangeCommands(program, { withUnlocked, call, print, workspaceOption, userOption, jsonOption });
  registerWorkplansCommands(program, { withUnlocked, call, print, workspaceOption, userOption, jsonOption });
  registerCaseCommands(program, { withUnlocked, call, print, workspaceOption, userOption, jsonOption, openCore });
  registerReportCommands(program, { withUnlocked, call, print, workspaceOption, userOption, jsonOption });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (err instanceof CounterpartError) {
      process.stderr.write(`counterpart: ${err.code}: ${err.message}\n`);
      return exitCodeFor(err.code);
    }
    if (err instanceof z.ZodError) {
      process.stderr.write(`counterpart: VALIDATION: ${err.issues.map((i) => i.message).join('; ')}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`counterpart: INTERNAL: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.internal;
  }
}
