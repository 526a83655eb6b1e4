import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes, createHash, timingSafeEqual } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';

/**
 * Key slots (the LUKS idea, DESIGN §4): the database's random 256-bit master key is wrapped once per
 * user, with a key derived from that user's password by Argon2id, and once with the recovery code.
 * The byte-level format is specified in docs/formats.md; keep the two in step.
 */

export const KEYSLOTS_FILE = 'keyslots.json';
const FORMAT = 'counterpart-keyslots';
const AD_PREFIX = 'counterpart/keyslot/v1';

/** RFC 9106 §4, second recommended option: 64 MiB, 3 passes, 4 lanes. */
export const DEFAULT_KDF = { memoryKiB: 65536, iterations: 3, parallelism: 4 } as const;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const KdfParams = z.object({
  name: z.literal('argon2id'),
  version: z.literal(19),
  memoryKiB: z.number().int().min(8192).max(4194304),
  iterations: z.number().int().min(1).max(64),
  parallelism: z.number().int().min(1).max(16),
  salt: b64,
  outputLength: z.literal(32),
});

const Slot = z.object({
  id: z.string().uuid(),
  kind: z.enum(['user', 'recovery']),
  /** user slots: SHA-256 of the workspace id and the normalised username, hex; null for the recovery slot */
  userTag: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  kdf: KdfParams,
  aead: z.object({ name: z.literal('xchacha20-poly1305'), nonce: b64 }),
  wrappedKey: b64,
  createdAt: z.string(),
});
export type Slot = z.infer<typeof Slot>;

const KeyslotsFile = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  workspaceId: z.string().uuid(),
  slots: z.array(Slot),
});
export type KeyslotsFile = z.infer<typeof KeyslotsFile>;

export type KdfCost = { memoryKiB: number; iterations: number; parallelism: number };

export const normaliseUsername = (username: string): string => username.normalize('NFC').trim().toLowerCase();

/** Recovery codes are typed by people: ignore case, spaces and hyphens; Crockford's confusables map to digits. */
export const normaliseRecoveryCode = (code: string): string =>
  code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');

export const userTag = (workspaceId: string, username: string): string =>
  createHash('sha256').update(`${AD_PREFIX}/user|${workspaceId}|${normaliseUsername(username)}`, 'utf8').digest('hex');

/**
 * Binds a wrapped key to its workspace, its slot id, its kind and (for user slots) its user tag, so a
 * slot copied under another user's tag, into another slot or another workspace fails authentication.
 */
const associatedData = (workspaceId: string, slot: Pick<Slot, 'id' | 'kind' | 'userTag'>): Uint8Array =>
  new TextEncoder().encode(`${AD_PREFIX}|${workspaceId}|${slot.id}|${slot.kind}|${slot.userTag ?? ''}`);

async function deriveWrappingKey(secret: string, salt: Uint8Array, cost: KdfCost): Promise<Uint8Array> {
  return argon2id({
    password: new TextEncoder().encode(secret.normalize('NFC')),
    salt,
    iterations: cost.iterations,
    memorySize: cost.memoryKiB,
    parallelism: cost.parallelism,
    hashLength: 32,
    outputType: 'binary',
  });
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 160 random bits as 32 Crockford base32 characters in 8 groups of 4. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

export class Keyslots {
  private constructor(
    readonly dir: string,
    private file: KeyslotsFile,
  ) {}

  static exists(dir: string): boolean {
    return existsSync(join(dir, KEYSLOTS_FILE));
  }

  static create(dir: string, workspaceId: string): Keyslots {
    return new Keyslots(dir, { format: FORMAT, version: 1, workspaceId, slots: [] });
  }

  static load(dir: string): Keyslots {
    const path = join(dir, KEYSLOTS_FILE);
    if (!existsSync(path)) throw new CounterpartError('WORKSPACE_NOT_FOUND', `No workspace at ${dir} (keyslots.json is missing).`);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      throw new CounterpartError('WORKSPACE_CORRUPT', 'keyslots.json is not valid JSON.');
    }
    const parsed = KeyslotsFile.safeParse(raw);
    if (!parsed.success) throw new CounterpartError('WORKSPACE_CORRUPT', 'keyslots.json does not have the expected shape.');
    return new Keyslots(dir, parsed.data);
  }

  get workspaceId(): string {
    return this.file.workspaceId;
  }

  get slots(): readonly Slot[] {
    return this.file.slots;
  }

  /** Atomic replace: write a sibling file, then rename over the old one. */
  save(): void {
    const path = join(this.dir, KEYSLOTS_FILE);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.file, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, path);
  }

  toJSON(): KeyslotsFile {
    return structuredClone(this.file);
  }

  hasUser(username: string): boolean {
    const tag = userTag(this.workspaceId, username);
    return this.file.slots.some((s) => s.userTag === tag);
  }

  /** Adds or replaces the slot of one user; no other slot is touched. */
  async setUserSlot(username: string, password: string, masterKey: Uint8Array, cost: KdfCost = DEFAULT_KDF): Promise<void> {
    const tag = userTag(this.workspaceId, username);
    const slot = await this.wrap('user', tag, password, masterKey, cost);
    this.file.slots = [...this.file.slots.filter((s) => s.userTag !== tag), slot];
  }

  removeUserSlot(username: string): boolean {
    const tag = userTag(this.workspaceId, username);
    const before = this.file.slots.length;
    this.file.slots = this.file.slots.filter((s) => s.userTag !== tag);
    return this.file.slots.length !== before;
  }

  async setRecoverySlot(code: string, masterKey: Uint8Array, cost: KdfCost = DEFAULT_KDF): Promise<void> {
    const slot = await this.wrap('recovery', null, normaliseRecoveryCode(code), masterKey, cost);
    this.file.slots = [...this.file.slots.filter((s) => s.kind !== 'recovery'), slot];
  }

  /** Returns the master key, or throws WRONG_PASSWORD (also when the user has no slot: no user enumeration). */
  async unlockUser(username: string, password: string): Promise<Uint8Array> {
    const tag = userTag(this.workspaceId, username);
    const slot = this.file.slots.find((s) => s.userTag === tag);
    // No slot: spend the same Argon2id time anyway, so the answer's timing does not reveal which names exist.
    const key = slot ? await this.unwrap(slot, password) : (await deriveWrappingKey(password, randomBytes(16), this.file.slots[0]?.kdf ?? DEFAULT_KDF).then((k) => k.fill(0)), null);
    if (!key) throw new CounterpartError('WRONG_PASSWORD', 'The user name or password is wrong.');
    return key;
  }

  async unlockRecovery(code: string): Promise<Uint8Array> {
    const slot = this.file.slots.find((s) => s.kind === 'recovery');
    const key = slot ? await this.unwrap(slot, normaliseRecoveryCode(code)) : null;
    if (!key) throw new CounterpartError('WRONG_RECOVERY_CODE', 'The recovery code is wrong.');
    return key;
  }

  private async wrap(kind: Slot['kind'], tag: string | null, secret: string, masterKey: Uint8Array, cost: KdfCost): Promise<Slot> {
    const id = crypto.randomUUID();
    const salt = randomBytes(16);
    const nonce = randomBytes(24);
    const kek = await deriveWrappingKey(secret, salt, cost);
    const wrapped = xchacha20poly1305(kek, nonce, associatedData(this.workspaceId, { id, kind, userTag: tag })).encrypt(masterKey);
    kek.fill(0);
    return {
      id,
      kind,
      userTag: tag,
      kdf: { name: 'argon2id', version: 19, ...cost, salt: Buffer.from(salt).toString('base64'), outputLength: 32 },
      aead: { name: 'xchacha20-poly1305', nonce: Buffer.from(nonce).toString('base64') },
      wrappedKey: Buffer.from(wrapped).toString('base64'),
      createdAt: new Date().toISOString(),
    };
  }

  private async unwrap(slot: Slot, secret: string): Promise<Uint8Array | null> {
    const kek = await deriveWrappingKey(secret, Buffer.from(slot.kdf.salt, 'base64'), slot.kdf);
    try {
      const aead = xchacha20poly1305(kek, Buffer.from(slot.aead.nonce, 'base64'), associatedData(this.workspaceId, slot));
      return aead.decrypt(Buffer.from(slot.wrappedKey, 'base64'));
    } catch {
      return null;
    } finally {
      kek.fill(0);
    }
  }
}

export const sameKey = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && timingSafeEqual(a, b);
