import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import { BUNDLE_TYPES, VERIFY_METHODS } from '../../shared/domain/exchange';
import type { MethodName, MethodOutput } from '../../shared/contract';
import type { Core } from '../rpc/core';
import { parseCard } from '../exchange/cards';
import english from '../../shared/i18n/locales/exchange/en.json';

/** The CLI speaks English, in the words of the renderer's catalogue (one wording for coded messages). */
const say = (template: string, params: Record<string, string | number>): string => template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(params[name] ?? ''));
const refusalText = (code: keyof typeof english.refusals, params: Record<string, string | number>) => say(english.refusals[code], params);
const noticeText = (code: keyof typeof english.notices, params: Record<string, string | number>) => say(english.notices[code], params);

/**
 * `counterpart card|partners|bundle|conflicts|keys`: exchange between offices (docs/bundles.md).
 * Registered by main.ts, which hands over its unlock, call and print helpers.
 */

type Common = { workspace: string; user?: string; json?: boolean };

export type CliHelpers = {
  withUnlocked: <T>(opts: Common, fn: (core: Core) => Promise<T>) => Promise<T>;
  call: <M extends MethodName>(core: Core, method: M, params: unknown) => Promise<MethodOutput<M>>;
  print: (opts: { json?: boolean }, value: unknown, human: () => string) => void;
  workspaceOption: () => Option;
  userOption: () => Option;
  jsonOption: () => Option;
};

const abs = (p: string) => resolve(p);
const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

/** Writes into a folder as is; for a file name, writes beside it and renames (the name is the user's choice). */
function placeOutput(out: string): { dir: string; finalName: string | null } {
  const target = abs(out);
  if (out.endsWith('/') || (existsSync(target) && statSync(target).isDirectory())) return { dir: target, finalName: null };
  if (existsSync(target)) throw new CounterpartError('CONFLICT', `${target} already exists.`);
  return { dir: mkdtempSync(join(dirname(target), '.counterpart-')), finalName: target };
}

function finish(placed: { dir: string; finalName: string | null }, written: string): string {
  if (!placed.finalName) return written;
  renameSync(written, placed.finalName);
  rmSync(placed.dir, { recursive: true, force: true });
  return placed.finalName;
}

function askYesNo(question: string): Promise<boolean> {
  return new Promise((done) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    rl.question(question, (answer) => {
      rl.close();
      done(/^y(es)?$/i.test(answer.trim()));
    });
  });
}

const preview = (i: MethodOutput<'bundles.inspect'>): string =>
  [
    `Bundle ${i.bundleId} (${i.bundleType}), format ${i.formatVersion}`,
    `From:       ${i.sender.name} (${i.sender.org}), ${i.sender.trust}; key ${i.sender.fingerprint.slice(0, 16)}…`,
    `To:         ${i.recipients.map((r) => r.org).join(', ')}`,
    `Stream:     ${i.stream.id}, number ${i.stream.seq}: ${i.sequence}${i.missing.length ? `; missing ${i.missing.join(', ')}` : ''}`,
    `Made:       ${i.createdAt}; purpose: ${i.purpose}${i.legalBasis ? `; legal basis: ${i.legalBasis}` : ''}${i.consentRef ? `; consent: ${i.consentRef}` : ''}`,
    `Records:    ${Object.entries(i.records).map(([t, n]) => `${t} ${n}`).join(', ') || 'none'}`,
    `Would make: ${i.preview.new} new, ${i.preview.updated} updated, ${i.preview.unchanged} unchanged, ${i.preview.conflicting} conflicting, ${i.preview.held} kept aside, ${i.preview.refused} refused`,
    ...i.refusals.map((r) => `  - ${r.recordType} ${r.recordId}: ${refusalText(r.reason, r.params)}`),
  ].join('\n');

export function registerExchangeCommands(program: Command, h: CliHelpers): void {
  const withCommon = (c: Command) => c.addOption(h.workspaceOption()).addOption(h.userOption()).addOption(h.jsonOption());

  const card = program.command('card').description("organisation cards: this organisation's public keys, and partners' cards");
  withCommon(card.command('export').description('write this organisation\'s card (.cpcard) to give to a partner').requiredOption('--out <file>', 'card file to write')).action(
    (opts: Common & { out: string }) =>
      h.withUnlocked(opts, async (core) => {
        const own = await h.call(core, 'exchange.card', { out: abs(opts.out) });
        h.print(opts, own, () => [`Card written to ${own.path}.`, 'Read this fingerprint to the partner on the phone:', `  ${own.fingerprint.digits}`, `  ${own.fingerprint.words}`].join('\n'));
      }),
  );
  withCommon(
    card
      .command('import')
      .description('add a partner from its card; with --verified-by, record that its fingerprint was compared')
      .requiredOption('--in <file>', 'card file (.cpcard)')
      .option('--verified-by <name>', 'who compared the fingerprint with the partner (marks it verified)')
      .addOption(new Option('--how <method>', 'how it was compared').choices(VERIFY_METHODS).default('phone')),
  ).action((opts: Common & { in: string; verifiedBy?: string; how: string }) =>
    h.withUnlocked(opts, async (core) => {
      const path = abs(opts.in);
      let partner = await h.call(core, 'partners.import', { path });
      if (opts.verifiedBy) {
        const parsed = parseCard(readFileSync(path, 'utf8'));
        partner = await h.call(core, 'partners.verify', { code: parsed.code, fingerprint: parsed.fingerprint, how: opts.how, note: `compared by ${opts.verifiedBy}` });
      }
      h.print(opts, partner, () =>
        [`${partner.name} (${partner.code}) is a partner: ${partner.trust}.`, `Fingerprint: ${partner.fingerprint.digits}`, `             ${partner.fingerprint.words}`].join('\n'),
      );
    }),
  );

  const partners = program.command('partners').description('the partner directory');
  withCommon(partners.command('list')).action((opts: Common) =>
    h.withUnlocked(opts, async (core) => {
      const all = await h.call(core, 'partners.list', {});
      h.print(opts, all, () => all.map((p) => `${p.code.padEnd(14)} ${p.trust.padEnd(10)} ${p.name} — ${p.fingerprint.digits}`).join('\n') || 'No partners yet.');
    }),
  );
  withCommon(partners.command('add').description('same as card import').requiredOption('--in <file>', 'card file')).action((opts: Common & { in: string }) =>
    h.withUnlocked(opts, async (core) => {
      const partner = await h.call(core, 'partners.import', { path: abs(opts.in) });
      h.print(opts, partner, () => `${partner.code} added (${partner.trust}). Compare the fingerprint, then: counterpart partners verify --code ${partner.code} --fingerprint ${partner.fingerprint.fingerprint}`);
    }),
  );
  withCommon(
    partners
      .command('verify')
      .requiredOption('--code <org>', 'partner organisation code')
      .requiredOption('--fingerprint <hex>', 'the fingerprint you compared (hex)')
      .addOption(new Option('--how <method>', 'how it was compared').choices(VERIFY_METHODS).default('phone'))
      .option('--note <text>', 'with whom, for example'),
  ).action((opts: Common & { code: string; fingerprint: string; how: string; note?: string }) =>
    h.withUnlocked(opts, async (core) => {
      const partner = await h.call(core, 'partners.verify', { code: opts.code, fingerprint: opts.fingerprint, how: opts.how, note: opts.note });
      h.print(opts, partner, () => `${partner.code} verified by ${partner.verifiedBy} (${partner.verifiedHow}).`);
    }),
  );
  withCommon(partners.command('revoke').requiredOption('--code <org>', 'partner organisation code').requiredOption('--reason <text>', 'why')).action(
    (opts: Common & { code: string; reason: string }) =>
      h.withUnlocked(opts, async (core) => {
        const partner = await h.call(core, 'partners.revoke', { code: opts.code, reason: opts.reason });
        h.print(opts, partner, () => `${partner.code} revoked: nothing more is sent to it or accepted from it.`);
      }),
  );

  const bundle = program.command('bundle').description('signed, encrypted bundles between offices');
  withCommon(
    bundle
      .command('export')
      .addOption(new Option('--type <type>', 'bundle type').choices(BUNDLE_TYPES.filter((t) => t !== 'key-update' && t !== 'receipt')).makeOptionMandatory())
      .requiredOption('--to <orgs>', 'recipient organisation codes, comma-separated')
      .option('--ids <ids>', 'record ids, comma-separated (default: everything changed since the last bundle to them)')
      .option('--cases <which>', '"all" or case ids, comma-separated (same as --ids; all = since the last bundle)')
      .option('--purpose <text>', 'why this is sent', 'Exchange between offices')
      .option('--legal-basis <text>', 'legal basis of the transfer')
      .option('--consent-ref <ref>', 'consent reference')
      .option('--delete-after <date>', 'date (YYYY-MM-DD) after which the recipient deletes it')
      .option('--override-unverified', 'administrators: send to a partner not verified yet (audited; needs --override-reason)')
      .option('--override-consent', 'administrators and case managers: send records without the recorded consent (audited per record; needs --override-reason)')
      .option('--override-reason <text>', 'why the override is justified (at least 10 characters; kept in the audit trail)')
      .requiredOption('--out <file-or-dir>', 'bundle file, or a folder for a random name'),
  ).action(
    (opts: Common & { type: string; to: string; ids?: string; cases?: string; purpose: string; legalBasis?: string; consentRef?: string; deleteAfter?: string; overrideUnverified?: boolean; overrideConsent?: boolean; overrideReason?: string; out: string }) =>
      h.withUnlocked(opts, async (core) => {
        const chosen = opts.ids ?? (opts.cases && opts.cases !== 'all' ? opts.cases : undefined);
        const placed = placeOutput(opts.out);
        try {
          const sent = await h.call(core, 'bundles.export', {
            to: list(opts.to),
            type: opts.type,
            select: chosen ? { mode: 'ids', ids: list(chosen) } : { mode: 'sinceLast' },
            purpose: opts.purpose,
            legalBasis: opts.legalBasis,
            consentRef: opts.consentRef,
            deleteAfter: opts.deleteAfter,
            overrideUnverified: opts.overrideUnverified ?? false,
            overrideConsent: opts.overrideConsent ?? false,
            overrideReason: opts.overrideReason,
            outDir: placed.dir,
          });
          const path = finish(placed, sent.path);
          h.print(opts, { ...sent, path }, () => `Bundle ${sent.seq} of ${sent.streamId} written to ${path} (${Object.entries(sent.records).map(([t, n]) => `${t} ${n}`).join(', ') || 'no records'}).`);
        } catch (err) {
          if (placed.finalName) rmSync(placed.dir, { recursive: true, force: true });
          throw err;
        }
      }),
  );
  const fileArg = (c: Command) => c.argument('[file]', 'bundle file (.cpb)').option('--in <file>', 'bundle file (.cpb)');
  const fileOf = (file: string | undefined, opts: { in?: string }) => {
    const path = opts.in ?? file;
    if (!path) throw new CounterpartError('VALIDATION', 'Name the bundle file: --in FILE.');
    return abs(path);
  };
  withCommon(fileArg(bundle.command('inspect').description('decrypt, verify and preview a bundle; changes nothing'))).action((file: string | undefined, opts: Common & { in?: string }) =>
    h.withUnlocked(opts, async (core) => {
      const inspection = await h.call(core, 'bundles.inspect', { path: fileOf(file, opts) });
      h.print(opts, inspection, () => preview(inspection));
    }),
  );
  withCommon(
    fileArg(bundle.command('import').description('import a bundle after showing what it changes'))
      .option('--yes', 'import without asking')
      .option('--receipt-dir <dir>', 'write a receipt bundle for the sender into this folder'),
  ).action((file: string | undefined, opts: Common & { in?: string; yes?: boolean; receiptDir?: string }) =>
    h.withUnlocked(opts, async (core) => {
      const path = fileOf(file, opts);
      const inspection = await h.call(core, 'bundles.inspect', { path });
      if (!opts.yes) {
        if (!process.stdin.isTTY) throw new CounterpartError('VALIDATION', 'No terminal to confirm the import: add --yes after checking `counterpart bundle inspect`.');
        process.stderr.write(`${preview(inspection)}\n`);
        if (!(await askYesNo('Import this bundle? [y/N] '))) throw new CounterpartError('CANCELLED', 'Not imported.');
      }
      const result = await h.call(core, 'bundles.import', { path, previewToken: inspection.previewToken, receiptDir: opts.receiptDir ? abs(opts.receiptDir) : undefined });
      h.print(opts, result, () =>
        result.status === 'duplicate'
          ? `Bundle ${result.seq} from ${result.sender} was already imported; nothing changed.`
          : [
              `Imported bundle ${result.seq} from ${result.sender}: ${result.applied.new} new, ${result.applied.updated} updated, ${result.applied.conflicting} conflicting, ${result.applied.held} kept aside, ${result.applied.refused} refused.`,
              ...result.missing.map((s) => `Bundle ${s} from ${result.sender} never arrived.`),
              result.receiptPath ? `Receipt for the sender: ${result.receiptPath}` : '',
            ]
              .filter(Boolean)
              .join('\n'),
      );
    }),
  );
  withCommon(bundle.command('streams').description('bundle streams and the bundles that never arrived')).action((opts: Common) =>
    h.withUnlocked(opts, async (core) => {
      const streams = await h.call(core, 'bundles.streams', {});
      h.print(opts, streams, () => streams.map((s) => [`${s.direction === 'in' ? 'from' : 'to  '} ${s.partner.padEnd(14)} last ${s.lastSeq}`, ...s.notices.map((n) => `  ${noticeText(n.code, n.params)}`)].join('\n')).join('\n') || 'No bundles yet.');
    }),
  );
  withCommon(bundle.command('resend').description('write a sent bundle again, byte for byte').requiredOption('--id <bundleId>', 'bundle id').requiredOption('--out <dir>', 'folder')).action(
    (opts: Common & { id: string; out: string }) =>
      h.withUnlocked(opts, async (core) => {
        const again = await h.call(core, 'bundles.resend', { bundleId: opts.id, outDir: abs(opts.out) });
        h.print(opts, again, () => `Written again to ${again.path}.`);
      }),
  );

  const conflicts = program.command('conflicts').description('concurrent edits waiting for a decision');
  withCommon(conflicts.command('list').addOption(new Option('--state <state>', 'which').choices(['open', 'resolved', 'superseded', 'all']).default('open'))).action(
    (opts: Common & { state: string }) =>
      h.withUnlocked(opts, async (core) => {
        const all = await h.call(core, 'conflicts.list', { state: opts.state });
        h.print(opts, all, () => all.map((c) => `${c.id} ${c.recordType}:${c.recordId} ${c.field}: here ${JSON.stringify(c.localValue)} / ${c.remoteOrg} ${JSON.stringify(c.remoteValue)}${c.canResolve ? '' : ' (the owner resolves)'}`).join('\n') || 'No conflicts.');
      }),
  );
  withCommon(
    conflicts
      .command('resolve')
      .requiredOption('--id <id>', 'conflict id')
      .addOption(new Option('--choice <choice>', 'mine = the value shown here, theirs = the other office\'s, edit = --value').choices(['mine', 'theirs', 'edit']).makeOptionMandatory())
      .option('--value <json>', 'the value to write (JSON) with --choice edit'),
  ).action((opts: Common & { id: string; choice: string; value?: string }) =>
    h.withUnlocked(opts, async (core) => {
      const value = opts.value === undefined ? undefined : z.string().transform((s) => JSON.parse(s) as unknown).parse(opts.value);
      const resolved = await h.call(core, 'conflicts.resolve', { id: opts.id, choice: opts.choice, value });
      h.print(opts, resolved, () => `Resolved (${opts.choice}); the decision travels in the next bundle.`);
    }),
  );

  const keys = program.command('keys').description("this organisation's exchange keys");
  withCommon(keys.command('list')).action((opts: Common) =>
    h.withUnlocked(opts, async (core) => {
      const all = await h.call(core, 'keys.list', {});
      h.print(opts, all, () => all.map((k) => `${k.state.padEnd(8)} ${k.createdAt} ${k.fingerprint.digits}`).join('\n'));
    }),
  );
  withCommon(
    keys
      .command('rotate')
      .description('new keys, announced to every verified partner in key-update bundles signed with the old key')
      .addOption(new Option('--mode <mode>', 'rotate (routine) or revoke (the old key is compromised)').choices(['rotate', 'revoke']).default('rotate'))
      .option('--reason <text>', 'why')
      .requiredOption('--out <dir>', 'folder for the key-update bundles'),
  ).action((opts: Common & { mode: string; reason?: string; out: string }) =>
    h.withUnlocked(opts, async (core) => {
      const rotated = await h.call(core, 'keys.rotate', { mode: opts.mode, reason: opts.reason, outDir: abs(opts.out) });
      h.print(opts, rotated, () => [`New key: ${rotated.key.fingerprint.digits}`, ...rotated.bundles.map((b) => `  key update for ${b.partner}: ${b.path}`)].join('\n'));
    }),
  );
  withCommon(
    keys
      .command('export-identity')
      .description('administrators: write the organisation\'s age identity (escrow, the age tool). Anyone with this file can read every bundle sent to you.')
      .requiredOption('--out <file>', 'identity file to write'),
  ).action((opts: Common & { out: string }) =>
    h.withUnlocked(opts, async (core) => {
      const written = await h.call(core, 'keys.exportIdentity', { out: abs(opts.out) });
      process.stderr.write(`WARNING: ${written.warning}\n`);
      h.print(opts, written, () => `Identity written to ${written.path}.`);
    }),
  );
}
