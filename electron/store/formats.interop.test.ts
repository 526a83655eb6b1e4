import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDecipheriv, createHash, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { argon2id } from '@noble/hashes/argon2.js';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import SQLCipher from '@signalapp/sqlcipher';
import * as tar from 'tar-stream';
import { createCore } from '../rpc/core';
import { newWorkspace, tempDir, unwrap, ADMIN_PASSWORD, TEST_ORG } from '../testing/fixtures';

/**
 * docs/formats.md, implemented a second time from the document alone: no project crypto code, another
 * Argon2id (noble, not the app's hash-wasm) and another SQLCipher build (Signal's, not the app's
 * SQLite3 Multiple Ciphers). If these tests fail, either the code or the document is wrong.
 */

type KeyslotsJson = {
  format: string;
  version: number;
  workspaceId: string;
  slots: SlotJson[];
};
type SlotJson = {
  id: string;
  kind: 'user' | 'recovery';
  userTag: string | null;
  kdf: { name: string; version: number; memoryKiB: number; iterations: number; parallelism: number; salt: string; outputLength: number };
  aead: { name: string; nonce: string };
  wrappedKey: string;
  createdAt: string;
};

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const fromB64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

const readKeyslots = (dir: string): KeyslotsJson => JSON.parse(readFileSync(join(dir, 'keyslots.json'), 'utf8')) as KeyslotsJson;

/** formats.md §User tag */
const userTagFor = (workspaceId: string, username: string): string =>
  createHash('sha256').update(utf8(`counterpart/keyslot/v1/user|${workspaceId}|${username.normalize('NFC').trim().toLowerCase()}`)).digest('hex');

/** formats.md §Recovery code: the secret fed to Argon2id. */
const recoverySecret = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');

/** formats.md §Deriving the key-encryption key */
const deriveKek = (secret: string, slot: SlotJson): Uint8Array =>
  argon2id(utf8(secret.normalize('NFC')), fromB64(slot.kdf.salt), {
    t: slot.kdf.iterations,
    m: slot.kdf.memoryKiB,
    p: slot.kdf.parallelism,
    dkLen: slot.kdf.outputLength,
    version: slot.kdf.version,
  });

/** formats.md §5: the associated data binds workspace, slot id, kind and user tag (empty for the recovery slot). */
const associatedDataText = (workspaceId: string, slot: Pick<SlotJson, 'id' | 'kind' | 'userTag'>): string =>
  ['counterpart/keyslot/v1', workspaceId, slot.id, slot.kind, slot.userTag ?? ''].join('|');
const associatedData = (workspaceId: string, slot: Pick<SlotJson, 'id' | 'kind' | 'userTag'>): Uint8Array => utf8(associatedDataText(workspaceId, slot));

/** Unwraps the 32-byte master key from one slot; throws when the secret, the slot or its place is wrong. */
function unwrapSlot(file: KeyslotsJson, slot: SlotJson, secret: string, kek: Uint8Array = deriveKek(secret, slot)): Uint8Array {
  return xchacha20poly1305(kek, fromB64(slot.aead.nonce), associatedData(file.workspaceId, slot)).decrypt(fromB64(slot.wrappedKey));
}

/**
 * The same AEAD a third way, from the XChaCha20 construction (draft-irtf-cfrg-xchacha-03): an HChaCha20
 * subkey from the first 16 nonce bytes, then IETF ChaCha20-Poly1305 (node:crypto / OpenSSL) with the
 * nonce 00000000 || last 8 nonce bytes.
 */
function unwrapWithOpenSsl(kek: Uint8Array, nonce: Uint8Array, ad: Uint8Array, sealed: Uint8Array): Uint8Array {
  const subkey = hchacha20(kek, nonce.subarray(0, 16));
  const decipher = createDecipheriv('chacha20-poly1305', subkey, Buffer.concat([Buffer.alloc(4), nonce.subarray(16, 24)]), { authTagLength: 16 });
  decipher.setAAD(ad, { plaintextLength: sealed.length - 16 });
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return new Uint8Array(Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]));
}

function hchacha20(key: Uint8Array, nonce16: Uint8Array): Uint8Array {
  const words = (bytes: Uint8Array) => Array.from({ length: bytes.length / 4 }, (_, i) => Buffer.from(bytes).readUInt32LE(i * 4));
  const s = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574, ...words(key), ...words(nonce16)];
  const rotl = (v: number, n: number) => ((v << n) | (v >>> (32 - n))) >>> 0;
  const qr = (a: number, b: number, c: number, d: number) => {
    s[a] = (s[a]! + s[b]!) >>> 0; s[d] = rotl(s[d]! ^ s[a]!, 16);
    s[c] = (s[c]! + s[d]!) >>> 0; s[b] = rotl(s[b]! ^ s[c]!, 12);
    s[a] = (s[a]! + s[b]!) >>> 0; s[d] = rotl(s[d]! ^ s[a]!, 8);
    s[c] = (s[c]! + s[d]!) >>> 0; s[b] = rotl(s[b]! ^ s[c]!, 7);
  };
  for (let round = 0; round < 10; round++) {
    qr(0, 4, 8, 12); qr(1, 5, 9, 13); qr(2, 6, 10, 14); qr(3, 7, 11, 15);
    qr(0, 5, 10, 15); qr(1, 6, 11, 12); qr(2, 7, 8, 13); qr(3, 4, 9, 14);
  }
  const out = Buffer.alloc(32);
  [0, 1, 2, 3, 12, 13, 14, 15].forEach((w, i) => out.writeUInt32LE(s[w]!, i * 4));
  return new Uint8Array(out);
}

/** formats.md §Opening the database: stock SQLCipher 4 needs nothing but the raw key. */
function openStock(path: string, key: Uint8Array | null): SQLCipher {
  const db = new SQLCipher(path);
  db.exec('PRAGMA cipher_log_level = NONE;'); // a wrong key is an expected outcome here, not log noise
  if (key) db.exec(`PRAGMA key = "x'${hex(key)}'";`);
  return db;
}

function readsSchema(path: string, key: Uint8Array | null): boolean {
  const db = openStock(path, key);
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

/** formats.md §Canonical JSON */
const canonical = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
};

type AuditRow = Record<'at' | 'action' | 'outcome' | 'prev_hash' | 'hash', string> & { seq: number } & Record<'user_id' | 'username' | 'role' | 'record_type' | 'record_id' | 'details', string | null>;

/** formats.md §Audit chain */
const auditHash = (prev: string, row: AuditRow): string =>
  createHash('sha256')
    .update(
      `${prev}\n${canonical({
        seq: row.seq,
        at: row.at,
        userId: row.user_id,
        username: row.username,
        role: row.role,
        action: row.action,
        recordType: row.record_type,
        recordId: row.record_id,
        outcome: row.outcome,
        details: row.details,
      })}`,
      'utf8',
    )
    .digest('hex');

async function tarEntries(file: string): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        entries.set(header.name, Buffer.concat(chunks));
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  extract.end(readFileSync(file));
  await done;
  return entries;
}

const bytesFrom = (first: number, length: number): Uint8Array => Uint8Array.from({ length }, (_, i) => first + i);

describe('docs/formats.md §10.1 test vector', () => {
  const workspaceId = '0f8e2c4a-3b1d-4e6f-9a7b-5c4d3e2f1a0b';
  const kdf = { name: 'argon2id', version: 19, memoryKiB: 8192, iterations: 2, parallelism: 4, outputLength: 32 };
  const file: KeyslotsJson = {
    format: 'counterpart-keyslots',
    version: 1,
    workspaceId,
    slots: [
      {
        id: '6d1c7e2a-8f4b-4a3c-b5d6-e7f8091a2b3c',
        kind: 'user',
        userTag: 'e2971425fbf582297b877f754a7573074ae33d366623a155a8c9fa3410f52c7e',
        kdf: { ...kdf, salt: Buffer.from(bytesFrom(0x00, 16)).toString('base64') },
        aead: { name: 'xchacha20-poly1305', nonce: Buffer.from(bytesFrom(0x10, 24)).toString('base64') },
        wrappedKey: 'yz0rMymwI5H4Vk7OmkZWWX0eqH2+OiWbFUxGYQL2hhT7/Zm3sB+Ml+QxXf6aJnuT',
        createdAt: '2025-01-01T00:00:00.000Z',
      },
      {
        id: 'a3b4c5d6-e7f8-4a1b-8c2d-3e4f5a6b7c8d',
        kind: 'recovery',
        userTag: null,
        kdf: { ...kdf, salt: Buffer.from(bytesFrom(0x80, 16)).toString('base64') },
        aead: { name: 'xchacha20-poly1305', nonce: Buffer.from(bytesFrom(0x90, 24)).toString('base64') },
        wrappedKey: 'yCbaTteEn7RFnE+O7dUTQ8gP/D1zfeZd+4CScsPORxC6k65JJc5fvZAnFcfhbhsb',
        createdAt: '2025-01-01T00:00:00.000Z',
      },
    ],
  };
  const [userSlot, recoverySlot] = file.slots as [SlotJson, SlotJson];
  const masterKey = hex(bytesFrom(0x40, 32));
  const doc = readFileSync(fileURLToPath(new URL('../../docs/formats.md', import.meta.url)), 'utf8');

  it('computes the documented tag, keys and wrapped keys, and the document shows the same values', () => {
    const expected = {
      tag: userTagFor(workspaceId, '  Admin '),
      userKek: hex(deriveKek('correct horse battery staple', userSlot)),
      recoverySecret: recoverySecret('abcd efgh jkmn pqrs tvwx yzOl 2345 6789'),
      recoveryKek: hex(deriveKek('ABCDEFGHJKMNPQRSTVWXYZ0123456789', recoverySlot)),
    };
    expect(expected).toEqual({
      tag: userSlot.userTag,
      userKek: '29ead5d551bc9883906f34911b6c722e68816c5551ef7d08d00cd35925419d79',
      recoverySecret: 'ABCDEFGHJKMNPQRSTVWXYZ0123456789',
      recoveryKek: 'ad1028b86ba82f1ab8f71be1cbee1b04d6143d5fa97b1482ac8c155a1c9f867d',
    });
    const ad = { user: associatedDataText(workspaceId, userSlot), recovery: associatedDataText(workspaceId, recoverySlot) };
    expect(ad).toEqual({
      user: `counterpart/keyslot/v1|${workspaceId}|6d1c7e2a-8f4b-4a3c-b5d6-e7f8091a2b3c|user|e2971425fbf582297b877f754a7573074ae33d366623a155a8c9fa3410f52c7e`,
      recovery: `counterpart/keyslot/v1|${workspaceId}|a3b4c5d6-e7f8-4a1b-8c2d-3e4f5a6b7c8d|recovery|`,
    });
    const poly1305 = { user: hex(fromB64(userSlot.wrappedKey).subarray(32)), recovery: hex(fromB64(recoverySlot.wrappedKey).subarray(32)) };
    expect(poly1305).toEqual({ user: 'fbfd99b7b01f8c97e4315dfe9a267b93', recovery: 'ba93ae4925ce5fbd902715c7e16e1b1b' });

    expect(hex(unwrapSlot(file, userSlot, 'correct horse battery staple'))).toBe(masterKey);
    expect(hex(unwrapSlot(file, recoverySlot, expected.recoverySecret))).toBe(masterKey);
    // Sealing again gives the documented wrapped keys byte for byte.
    const seal = (slot: SlotJson, secret: string) =>
      Buffer.from(xchacha20poly1305(deriveKek(secret, slot), fromB64(slot.aead.nonce), associatedData(workspaceId, slot)).encrypt(bytesFrom(0x40, 32))).toString('base64');
    expect(seal(userSlot, 'correct horse battery staple')).toBe(userSlot.wrappedKey);
    expect(seal(recoverySlot, expected.recoverySecret)).toBe(recoverySlot.wrappedKey);
    // And the OpenSSL route (HChaCha20 + IETF ChaCha20-Poly1305) agrees.
    for (const [slot, kek] of [[userSlot, expected.userKek], [recoverySlot, expected.recoveryKek]] as const) {
      expect(hex(unwrapWithOpenSsl(Buffer.from(kek, 'hex'), fromB64(slot.aead.nonce), associatedData(workspaceId, slot), fromB64(slot.wrappedKey)))).toBe(masterKey);
    }
    for (const value of [...Object.values(expected), ...Object.values(ad), ...Object.values(poly1305), userSlot.wrappedKey, recoverySlot.wrappedKey, userSlot.kdf.salt, userSlot.aead.nonce, recoverySlot.kdf.salt, recoverySlot.aead.nonce, masterKey]) {
      expect(doc).toContain(value!);
    }
  });

  it('the app’s own key-slot code unlocks the documented file with the documented secrets', async () => {
    // The only use of project crypto code in this file: a cross-check that the vector is the app's format too.
    const { Keyslots } = await import('./keyslots');
    const dir = tempDir();
    writeFileSync(join(dir, 'keyslots.json'), `${JSON.stringify(file, null, 2)}\n`);
    const app = Keyslots.load(dir);
    expect(hex(await app.unlockUser('  Admin ', 'correct horse battery staple'))).toBe(masterKey);
    expect(hex(await app.unlockRecovery('abcd efgh jkmn pqrs tvwx yzOl 2345 6789'))).toBe(masterKey);
    await expect(app.unlockUser('admin', 'correct horse battery staple!')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await expect(app.unlockUser('nobody', 'correct horse battery staple')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });

    // The same slot filed under another user's tag does not unlock for that user.
    const otherTag = userTagFor(workspaceId, 'thida');
    writeFileSync(join(dir, 'keyslots.json'), JSON.stringify({ ...file, slots: [{ ...userSlot, userTag: otherTag }, recoverySlot] }));
    await expect(Keyslots.load(dir).unlockUser('thida', 'correct horse battery staple')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
  });

  it('computes the documented audit hash of a first entry', () => {
    const row: AuditRow = {
      seq: 1,
      at: '2025-01-01T00:00:00.000Z',
      user_id: null,
      username: null,
      role: null,
      action: 'workspace.create',
      record_type: null,
      record_id: null,
      outcome: 'ok',
      details: canonical({ organisation: 'TH-ATTF' }),
      prev_hash: '0'.repeat(64),
      hash: '',
    };
    const hash = auditHash('0'.repeat(64), row);
    expect(hash).toBe('c26161dffdd2b49afc20fc65abec5609b0879584ac67e306b8d022d486edd86c');
    expect(doc).toContain(hash);
  });
});

describe('docs/formats.md is enough to unlock a workspace without Counterpart', () => {
  it('the admin password and the recovery code each unwrap the same master key, and stock SQLCipher 4 opens the database with it', async () => {
    const { core, dir, recoveryCode } = await newWorkspace();
    core.session.lock('user');

    expect(readdirSync(dir).sort()).toEqual(['keyslots.json', 'workspace.db']);
    const file = readKeyslots(dir);
    expect(file.format).toBe('counterpart-keyslots');
    expect(file.version).toBe(1);
    expect(file.slots.map((s) => s.kind).sort()).toEqual(['recovery', 'user']);
    for (const slot of file.slots) {
      expect(slot.kdf).toMatchObject({ name: 'argon2id', version: 0x13, outputLength: 32 });
      expect(fromB64(slot.kdf.salt)).toHaveLength(16);
      expect(slot.aead.name).toBe('xchacha20-poly1305');
      expect(fromB64(slot.aead.nonce)).toHaveLength(24);
      expect(fromB64(slot.wrappedKey)).toHaveLength(48);
    }

    // The user slot is found by its tag; any spelling that normalises the same finds it.
    const tag = userTagFor(file.workspaceId, 'admin');
    expect(userTagFor(file.workspaceId, '  ADMIN ')).toBe(tag);
    const userSlot = file.slots.find((s) => s.kind === 'user' && s.userTag === tag)!;
    expect(userSlot).toBeDefined();
    const recoverySlot = file.slots.find((s) => s.kind === 'recovery')!;
    expect(recoverySlot.userTag).toBeNull();

    const fromPassword = unwrapSlot(file, userSlot, ADMIN_PASSWORD);
    expect(fromPassword).toHaveLength(32);

    // 160 bits as 32 Crockford base32 characters, 8 groups of 4.
    expect(recoveryCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/);
    const fromRecovery = unwrapSlot(file, recoverySlot, recoverySecret(recoveryCode));
    expect(hex(fromRecovery)).toBe(hex(fromPassword));
    const typedSloppily = recoveryCode.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(hex(unwrapSlot(file, recoverySlot, recoverySecret(typedSloppily)))).toBe(hex(fromPassword));

    // The AEAD is plain XChaCha20-Poly1305: OpenSSL's ChaCha20-Poly1305 over an HChaCha20 subkey agrees.
    const kek = deriveKek(ADMIN_PASSWORD, userSlot);
    const viaOpenSsl = unwrapWithOpenSsl(kek, fromB64(userSlot.aead.nonce), associatedData(file.workspaceId, userSlot), fromB64(userSlot.wrappedKey));
    expect(hex(viaOpenSsl)).toBe(hex(fromPassword));

    const dbPath = join(dir, 'workspace.db');
    const bytes = readFileSync(dbPath);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.length % 4096).toBe(0);

    const db = openStock(dbPath, fromPassword);
    try {
      expect(String(db.pragma('cipher_version', { simple: true }))).toMatch(/^4\./);
      // SQLCipher reports its settings as text.
      expect(String(db.pragma('cipher_page_size', { simple: true }))).toBe('4096');
      expect(String(db.pragma('cipher_hmac_algorithm', { simple: true }))).toBe('HMAC_SHA512');
      expect(String(db.pragma('cipher_plaintext_header_size', { simple: true }))).toBe('0');
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // user_version = the number of shipped migrations (docs/formats.md §6).
      const shipped = readdirSync(fileURLToPath(new URL('./migrations/', import.meta.url))).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).length;
      expect(db.pragma('user_version', { simple: true })).toBe(shipped);
      expect(db.prepare('SELECT name FROM organisation', { pluck: true }).get()).toBe(TEST_ORG.name);
      expect(db.prepare(`SELECT value FROM meta WHERE key = 'workspace_id'`, { pluck: true }).get()).toBe(file.workspaceId);

      // The audit chain recomputed from the rows, and its head in meta.
      const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
      expect(rows.map((r) => r.action)).toEqual(['workspace.create', 'user.add', 'session.lock']);
      let prev = '0'.repeat(64);
      for (const row of rows) {
        expect(row.prev_hash).toBe(prev);
        expect(auditHash(prev, row)).toBe(row.hash);
        prev = row.hash;
      }
      const head = db.prepare(`SELECT value FROM meta WHERE key = 'audit_head'`, { pluck: true }).get();
      expect(head).toBe(JSON.stringify({ seq: rows.length, hash: prev }));
    } finally {
      db.close();
    }
  });

  it('the database does not open without the key or with another key', async () => {
    const { core, dir } = await newWorkspace();
    core.session.lock('user');
    const file = readKeyslots(dir);
    const key = unwrapSlot(file, file.slots.find((s) => s.kind === 'user')!, ADMIN_PASSWORD);
    const dbPath = join(dir, 'workspace.db');

    expect(readsSchema(dbPath, null)).toBe(false);
    const wrong = new Uint8Array(key);
    wrong[0]! ^= 1;
    expect(readsSchema(dbPath, wrong)).toBe(false);
    expect(readsSchema(dbPath, key)).toBe(true);
  });

  it('a wrong secret, a tampered wrapped key, or a slot moved to another id, kind, user tag or workspace fails authentication', async () => {
    const { core, dir, recoveryCode } = await newWorkspace();
    const workerPassword = 'a case worker passphrase here';
    unwrap(await core.dispatcher.dispatch('users.add', { username: 'thida', displayName: 'Thida', role: 'case_worker', password: workerPassword }));
    core.session.lock('user');
    const file = readKeyslots(dir);
    const userSlot = file.slots.find((s) => s.userTag === userTagFor(file.workspaceId, 'admin'))!;
    const workerSlot = file.slots.find((s) => s.userTag === userTagFor(file.workspaceId, 'thida'))!;
    const recoverySlot = file.slots.find((s) => s.kind === 'recovery')!;
    const kek = deriveKek(ADMIN_PASSWORD, userSlot);
    expect(unwrapSlot(file, userSlot, ADMIN_PASSWORD, kek)).toHaveLength(32);

    expect(() => unwrapSlot(file, userSlot, `${ADMIN_PASSWORD}!`)).toThrow();
    expect(() => unwrapSlot(file, recoverySlot, recoveryCode)).toThrow(); // not normalised: hyphens are not part of the secret

    const sealed = fromB64(userSlot.wrappedKey);
    for (const at of [0, 31, 32, 47]) {
      const tampered = new Uint8Array(sealed);
      tampered[at]! ^= 0x01;
      expect(() => unwrapSlot(file, { ...userSlot, wrappedKey: Buffer.from(tampered).toString('base64') }, ADMIN_PASSWORD, kek)).toThrow();
    }
    expect(() => unwrapSlot(file, { ...userSlot, id: recoverySlot.id }, ADMIN_PASSWORD, kek)).toThrow();
    expect(() => unwrapSlot(file, { ...userSlot, id: crypto.randomUUID() }, ADMIN_PASSWORD, kek)).toThrow();
    expect(() => unwrapSlot(file, { ...userSlot, kind: 'recovery' }, ADMIN_PASSWORD, kek)).toThrow();
    expect(() => unwrapSlot({ ...file, workspaceId: crypto.randomUUID() }, userSlot, ADMIN_PASSWORD, kek)).toThrow();

    // Slot swap: the case worker's own slot, filed under the admin's tag, does not open with the case worker's password.
    const workerKek = deriveKek(workerPassword, workerSlot);
    expect(hex(unwrapSlot(file, workerSlot, workerPassword, workerKek))).toBe(hex(unwrapSlot(file, userSlot, ADMIN_PASSWORD, kek)));
    expect(() => unwrapSlot(file, { ...workerSlot, userTag: userSlot.userTag }, workerPassword, workerKek)).toThrow();
    expect(() => unwrapSlot(file, { ...userSlot, userTag: workerSlot.userTag }, ADMIN_PASSWORD, kek)).toThrow();
    expect(() => unwrapSlot(file, { ...userSlot, userTag: null }, ADMIN_PASSWORD, kek)).toThrow();
    const recoveryKek = deriveKek(recoverySecret(recoveryCode), recoverySlot);
    expect(unwrapSlot(file, recoverySlot, '', recoveryKek)).toHaveLength(32);
    expect(() => unwrapSlot(file, { ...recoverySlot, kind: 'user', userTag: userSlot.userTag }, '', recoveryKek)).toThrow();
  });

  it('the database inside a backup opens in stock SQLCipher with the key from the backup’s own key slots', async () => {
    const { core } = await newWorkspace();
    const backup = unwrap(await core.dispatcher.dispatch('backup.create', {})) as { path: string };
    core.session.lock('user');

    const entries = await tarEntries(backup.path);
    expect([...entries.keys()].sort()).toEqual(['backup.json', 'keyslots.json', 'workspace.db']);
    const manifest = JSON.parse(entries.get('backup.json')!.toString('utf8')) as { format: string; database: { sha256: string; size: number } };
    const db = entries.get('workspace.db')!;
    expect(manifest.format).toBe('counterpart-backup');
    expect(manifest.database).toEqual({ sha256: createHash('sha256').update(db).digest('hex'), size: db.length });

    const slots = JSON.parse(entries.get('keyslots.json')!.toString('utf8')) as KeyslotsJson;
    const key = unwrapSlot(slots, slots.slots.find((s) => s.userTag === userTagFor(slots.workspaceId, 'admin'))!, ADMIN_PASSWORD);
    const copy = join(tempDir(), 'restored.db');
    writeFileSync(copy, db);
    const opened = openStock(copy, key);
    try {
      expect(opened.prepare('SELECT name FROM organisation', { pluck: true }).get()).toBe(TEST_ORG.name);
    } finally {
      opened.close();
    }
  });
  it('each database page is AES-256-CBC with its own IV and an HMAC-SHA512, exactly as SQLCipher 4 lays it out', async () => {
    const { core, dir } = await newWorkspace();
    core.session.lock('user');
    const file = readKeyslots(dir);
    const key = unwrapSlot(file, file.slots.find((s) => s.kind === 'user')!, ADMIN_PASSWORD);
    const bytes = readFileSync(join(dir, 'workspace.db'));
    const pages = bytes.length / 4096;
    expect(Number.isInteger(pages)).toBe(true);

    const salt = bytes.subarray(0, 16);
    const hmacKey = pbkdf2Sync(key, Buffer.from(salt.map((b) => b ^ 0x3a)), 2, 32, 'sha512');
    const decryptPage = (pgno: number): Buffer => {
      const page = bytes.subarray((pgno - 1) * 4096, pgno * 4096);
      const sealed = page.subarray(pgno === 1 ? 16 : 0, 4096 - 80);
      const iv = page.subarray(4096 - 80, 4096 - 64);
      const pageNumber = Buffer.alloc(4);
      pageNumber.writeUInt32LE(pgno);
      const mac = createHmac('sha512', hmacKey).update(sealed).update(iv).update(pageNumber).digest();
      expect(timingSafeEqual(mac, page.subarray(4096 - 64))).toBe(true);
      const aes = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
      return Buffer.concat([aes.update(sealed), aes.final()]);
    };

    // Page 1 decrypts to the SQLite header from offset 16 on (the salt took the place of "SQLite format 3\0").
    const header = decryptPage(1);
    expect(header.readUInt16BE(0)).toBe(4096); // header offset 16: page size
    expect([header[2], header[3]]).toEqual([2, 2]); // offsets 18, 19: WAL
    expect(header[4]).toBe(80); // offset 20: bytes reserved per page (IV + HMAC)
    expect(header.readUInt32BE(28 - 16)).toBe(pages); // offset 28: database size in pages
    for (let pgno = 2; pgno <= pages; pgno++) decryptPage(pgno);
  });
});

describe('the default key-slot cost', () => {
  it(
    'is at least the RFC 9106 second recommended profile, and another Argon2id implementation unwraps it',
    async () => {
      const dir = join(tempDir(), 'ws');
      const core = createCore(dir, { idleCheckMs: 0 });
      unwrap(
        await core.dispatcher.dispatch('workspace.create', {
          organisation: TEST_ORG,
          admin: { username: 'admin', displayName: 'Somchai Admin', password: ADMIN_PASSWORD },
        }),
      );
      core.session.lock('user');

      const file = readKeyslots(dir);
      for (const slot of file.slots) {
        expect(slot.kdf.memoryKiB).toBeGreaterThanOrEqual(65536);
        expect(slot.kdf.iterations).toBeGreaterThanOrEqual(3);
        expect(slot.kdf.parallelism).toBeGreaterThanOrEqual(4);
      }
      const userSlot = file.slots.find((s) => s.userTag === userTagFor(file.workspaceId, 'admin'))!;
      const key = unwrapSlot(file, userSlot, ADMIN_PASSWORD);
      expect(readsSchema(join(dir, 'workspace.db'), key)).toBe(true);
    },
    120_000,
  );
});
