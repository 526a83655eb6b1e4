import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { CounterpartError } from '../../shared/contract/errors';
import type { Organisation } from '../../shared/domain/organisation';
import type { SessionStatus } from '../../shared/contract/session';
import type { User } from '../../shared/contract/users';
import type { CoreEvent } from '../../shared/contract';
import { Workspace, type StoreOptions } from '../store/workspace';
import { Keyslots, userTag } from '../store/keyslots';
import { inTransaction } from '../store/database';
import { HybridClock } from '../store/hlc';
import { Records, RecordRegistry, latestHlc } from '../store/records';
import { AuditLog, SYSTEM_ACTOR, type Actor } from '../audit/auditLog';
import { TransportRefusals } from '../audit/transportRefusals';
import { UnlockThrottle, DEFAULT_THROTTLE, type ThrottleOptions } from './throttle';
import { UserStore, assertPasswordAcceptable } from './users';
import { insertOrganisation, readOrganisation, type OrganisationRecord } from './organisation';
import { readSettings } from './settings';
import { resolve, isAbsolute } from 'node:path';

export type SessionOptions = StoreOptions & {
  throttle?: ThrottleOptions;
  registry?: RecordRegistry;
  now?: () => number;
  onEvent?: (event: CoreEvent) => void;
  /** How often the idle lock is checked; 0 turns the timer off (the check on every call remains). */
  idleCheckMs?: number;
  /** Folder of the demo workspace (`workspace.openDemo`); it is labelled DEMO wherever it is shown. */
  demoDir?: string;
  /** Fills a demo workspace the first time it is created (createCore passes the case module's demo data). */
  onDemoCreated?: (u: Unlocked) => void | Promise<void>;
};

/** The demo workspace's fixed sign-in, printed on its unlock screen: it holds no real data. */
export const DEMO_ORGANISATION: Organisation = { name: 'DEMO — Counterpart training workspace', code: 'DEMO', country: 'THA', type: 'NGO' };
export const DEMO_ADMIN = { username: 'demo', displayName: 'Demo Administrator', password: 'demo training passphrase only' };

/** What a handler gets when the workspace is unlocked. */
export type Unlocked = {
  workspace: Workspace;
  user: User;
  actor: Actor;
  organisation: OrganisationRecord;
  audit: AuditLog;
  users: UserStore;
  /** The write path for synchronised records; use inside `transaction`. */
  records: Records;
  transaction<T>(fn: () => T): T;
};

/** A call in flight on the session (see `SessionManager.hold`). */
export type CallHold = {
  /** Aborted when the session is locked while the call runs: stop at the next safe point. */
  signal: AbortSignal;
  /** The call ended (however it ended). Idempotent. */
  release(): void;
};

type Live = {
  unlocked: Unlocked;
  lastActivity: number;
  clock: HybridClock;
  /** Calls running on this session; while any runs the session is active, never idle. */
  calls: Set<AbortController>;
  /** Locked while calls still ran: no new transaction starts; the database closes when the last call ends. */
  locking: boolean;
};

/**
 * The session of the one person using this core: which workspace is open, who unlocked it, and when
 * it locks again. Locking closes the database and zeroes the master key.
 *
 * Activity: a call counts as activity for as long as it runs, so a backup or an import longer than the
 * idle minutes is never locked under it; the idle countdown starts when the last call ends. A lock the
 * user asks for while calls run takes effect at once for everything new (status `locked`, new calls
 * SESSION_LOCKED, no new transaction), cancels the running calls through their signal, and closes the
 * database (dropping the key) as soon as the last of them has stopped. Transactions are synchronous, so
 * a running call is never cut in the middle of one: its writes are all there or none.
 */
export class SessionManager {
  private current: Live | null = null;
  private throttle: UnlockThrottle;
  private readonly registry: RecordRegistry;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private readonly refusals: TransportRefusals;

  constructor(
    private workspaceDir: string,
    private readonly opts: SessionOptions = {},
  ) {
    this.throttle = new UnlockThrottle(workspaceDir, opts.throttle ?? DEFAULT_THROTTLE);
    this.registry = opts.registry ?? new RecordRegistry();
    this.now = opts.now ?? Date.now;
    this.refusals = new TransportRefusals(this.now);
  }

  /**
   * A call a transport refused before it reached the dispatcher (electron/audit/transportRefusals.ts):
   * audited now when the workspace is unlocked, otherwise at the next unlock.
   */
  noteTransportRefusal(refusal: unknown): void {
    const live = this.current;
    const write = live && !live.locking ? (entry: Parameters<AuditLog['append']>[0]) => void inTransaction(live.unlocked.workspace.db, () => live.unlocked.audit.append(entry)) : null;
    this.refusals.note(refusal, write);
  }

  get dir(): string {
    return this.workspaceDir;
  }

  get isDemo(): boolean {
    return this.opts.demoDir !== undefined && resolve(this.opts.demoDir) === resolve(this.workspaceDir);
  }

  /** Points the core at another workspace folder (locking the current one first). */
  select(dir: string): void {
    if (!isAbsolute(dir)) throw new CounterpartError('VALIDATION', 'Give the full path of the workspace folder.');
    this.lock('user');
    this.workspaceDir = resolve(dir);
    this.throttle = new UnlockThrottle(this.workspaceDir, this.opts.throttle ?? DEFAULT_THROTTLE);
  }

  /** Opens (creating it the first time) the demo workspace, signed in as its demo administrator. */
  async openDemo(): Promise<void> {
    if (!this.opts.demoDir) throw new CounterpartError('NOT_FOUND', 'This installation has no demo workspace.');
    this.select(resolve(this.opts.demoDir));
    if (Workspace.exists(this.workspaceDir)) await this.unlock(DEMO_ADMIN.username, DEMO_ADMIN.password);
    else {
      await this.create(DEMO_ORGANISATION, DEMO_ADMIN);
      // Filling the demo workspace is a long call of its own (workspace.openDemo is public, so no hold yet).
      const hold = this.hold();
      try {
        await this.opts.onDemoCreated?.(this.requireUnlocked());
      } finally {
        hold.release();
      }
    }
  }

  status(): SessionStatus {
    this.checkIdle();
    const u = this.current?.unlocked;
    return {
      state: u ? 'unlocked' : Workspace.exists(this.dir) ? 'locked' : 'no_workspace',
      workspacePath: this.dir,
      demo: this.isDemo,
      user: u ? u.users.get(u.user.username) : null,
      organisation: u ? { name: u.organisation.name, code: u.organisation.code, country: u.organisation.country, type: u.organisation.type, nodeId: u.organisation.nodeId } : null,
      idleMinutes: u ? readSettings(u.workspace.db).idleMinutes : null,
      unlockDelayMs: existsSync(this.dir) ? this.throttle.remainingDelay() : 0,
    };
  }

  async create(organisation: Organisation, admin: { username: string; displayName: string; password: string }): Promise<string> {
    if (Workspace.exists(this.dir)) throw new CounterpartError('WORKSPACE_EXISTS', `${this.dir} already holds a workspace.`);
    assertPasswordAcceptable(admin.password);
    const { workspace, recoveryCode } = await Workspace.create(this.dir, admin, this.opts);
    try {
      const audit = new AuditLog(workspace.db);
      inTransaction(workspace.db, () => {
        insertOrganisation(workspace.db, organisation, randomUUID());
        const user = new UserStore(workspace.db).insert({ username: admin.username, displayName: admin.displayName, role: 'admin' });
        const actor = { userId: user.id, username: user.username, role: user.role };
        audit.append({ actor: SYSTEM_ACTOR, action: 'workspace.create', outcome: 'ok', details: { organisation: organisation.code } });
        audit.append({ actor, action: 'user.add', recordType: 'user', recordId: user.id, outcome: 'ok', details: { role: 'admin' } });
      });
    } catch (err) {
      workspace.close();
      throw err;
    }
    this.begin(workspace, admin.username);
    return recoveryCode;
  }

  async unlock(username: string, password: string): Promise<void> {
    const keyslots = this.loadKeyslots();
    await this.throttle.waitTurn();
    let key: Uint8Array;
    try {
      key = await keyslots.unlockUser(username, password);
    } catch {
      const delayMs = await this.throttle.fail(userTag(keyslots.workspaceId, username), 'password');
      throw new CounterpartError('WRONG_PASSWORD', 'The user name or password is wrong.', { retryAfterMs: delayMs });
    }
    await this.openAs(keyslots, key, username, 'session.unlock');
  }

  /** The recovery code unlocks the recovery slot; the user gets a new password (their slot is rewritten). */
  async recover(username: string, recoveryCode: string, newPassword: string): Promise<void> {
    assertPasswordAcceptable(newPassword);
    const keyslots = this.loadKeyslots();
    await this.throttle.waitTurn();
    let key: Uint8Array;
    try {
      key = await keyslots.unlockRecovery(recoveryCode);
    } catch {
      const delayMs = await this.throttle.fail(userTag(keyslots.workspaceId, username), 'recovery');
      throw new CounterpartError('WRONG_RECOVERY_CODE', 'The recovery code is wrong.', { retryAfterMs: delayMs });
    }
    await this.openAs(keyslots, key, username, 'session.recover');
    const u = this.requireUnlocked();
    await u.workspace.withMasterKey((k) => keyslots.setUserSlot(username, newPassword, k, u.workspace.kdf));
    keyslots.save();
    u.transaction(() => {
      u.users.update(username, { passwordChanged: true });
      u.audit.append({ actor: u.actor, action: 'user.password_recovered', recordType: 'user', recordId: u.user.id, outcome: 'ok' });
    });
  }

  private loadKeyslots(): Keyslots {
    if (!Workspace.exists(this.dir)) throw new CounterpartError('WORKSPACE_NOT_FOUND', `There is no workspace in ${this.dir}.`);
    return Keyslots.load(this.dir);
  }

  private async openAs(keyslots: Keyslots, key: Uint8Array, username: string, action: string): Promise<void> {
    this.lock('user');
    const workspace = await Workspace.open(this.dir, keyslots, key, this.opts);
    const users = new UserStore(workspace.db);
    const user = users.find(username);
    const audit = new AuditLog(workspace.db);
    if (!user) {
      workspace.close();
      throw new CounterpartError('NOT_FOUND', `There is no user ${username} in this workspace.`);
    }
    if (user.disabled) {
      audit.append({ actor: { userId: user.id, username, role: user.role }, action, outcome: 'denied', details: { reason: 'disabled' } });
      workspace.close();
      throw new CounterpartError('USER_DISABLED', 'This user account is disabled; ask an administrator.');
    }
    const failures = this.throttle.succeed();
    const refused = this.refusals.drain();
    inTransaction(workspace.db, () => {
      for (const f of failures) audit.append({ actor: SYSTEM_ACTOR, action: f.kind === 'recovery' ? 'session.recover' : 'session.unlock', outcome: 'failed', details: { attemptedAt: f.at, userTag: f.userTag } });
      for (const entry of refused) audit.append(entry);
      audit.append({ actor: { userId: user.id, username: user.username, role: user.role }, action, outcome: 'ok' });
    });
    this.begin(workspace, username);
  }

  private begin(workspace: Workspace, username: string): void {
    const users = new UserStore(workspace.db);
    const user = users.get(username);
    const organisation = readOrganisation(workspace.db);
    const audit = new AuditLog(workspace.db);
    const actor: Actor = { userId: user.id, username: user.username, role: user.role };
    const clock = new HybridClock(organisation.nodeId, this.now, latestHlc(workspace.db));
    const records = new Records(workspace.db, this.registry, { actor, nodeId: organisation.nodeId, orgCode: organisation.code, clock, audit });
    const live: Live = {
      unlocked: {
        workspace,
        user,
        actor,
        organisation,
        audit,
        users,
        records,
        transaction: (fn) => {
          if (live.locking) throw new CounterpartError('SESSION_LOCKED', 'The workspace was locked; the operation stopped before changing anything.');
          return inTransaction(workspace.db, fn);
        },
      },
      lastActivity: this.now(),
      clock,
      calls: new Set(),
      locking: false,
    };
    this.current = live;
    const every = this.opts.idleCheckMs ?? 30_000;
    if (every > 0 && !this.timer) {
      this.timer = setInterval(() => this.checkIdle(), every);
      this.timer.unref();
    }
  }

  /** Re-reads the user row (role or name changed by an admin) without a new unlock. */
  refreshUser(): void {
    if (!this.current) return;
    const u = this.current.unlocked;
    const user = u.users.get(u.user.username);
    if (user.disabled) return this.lock('user');
    const actor: Actor = { userId: user.id, username: user.username, role: user.role };
    const records = new Records(u.workspace.db, this.registry, { actor, nodeId: u.organisation.nodeId, orgCode: u.organisation.code, clock: this.current.clock, audit: u.audit });
    this.current.unlocked = { ...u, user, actor, records };
  }

  touch(): void {
    if (this.current) this.current.lastActivity = this.now();
  }

  /**
   * Marks a call as running on the unlocked session (the dispatcher takes one for every call that needs
   * the session). While any is held the session does not lock as idle; releasing the last one restarts
   * the idle countdown, or closes the database if the user locked meanwhile.
   */
  hold(): CallHold {
    const live = this.current;
    if (!live) throw new CounterpartError('SESSION_LOCKED', 'The workspace is locked; unlock it to continue.');
    const controller = new AbortController();
    live.calls.add(controller);
    live.lastActivity = this.now();
    let released = false;
    return {
      signal: controller.signal,
      release: () => {
        if (released) return;
        released = true;
        live.calls.delete(controller);
        if (live.calls.size > 0) return;
        if (live.locking) live.unlocked.workspace.close();
        else live.lastActivity = this.now();
      },
    };
  }

  private checkIdle(): void {
    if (!this.current || this.current.calls.size > 0) return;
    const idleMs = readSettings(this.current.unlocked.workspace.db).idleMinutes * 60_000;
    if (this.now() - this.current.lastActivity >= idleMs) this.lock('idle');
  }

  lock(reason: 'idle' | 'user'): void {
    const live = this.current;
    if (!live) return;
    const { unlocked } = live;
    try {
      unlocked.audit.append({ actor: unlocked.actor, action: 'session.lock', outcome: 'ok', details: { reason, ...(live.calls.size > 0 ? { cancelledCalls: live.calls.size } : {}) } });
    } finally {
      live.locking = true;
      this.current = null;
      for (const call of live.calls) call.abort(new CounterpartError('CANCELLED', 'The workspace was locked; the operation was stopped.'));
      if (live.calls.size === 0) unlocked.workspace.close();
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      this.opts.onEvent?.({ type: 'session.locked', reason });
    }
  }

  requireUnlocked(): Unlocked {
    this.checkIdle();
    if (!this.current) throw new CounterpartError('SESSION_LOCKED', 'The workspace is locked; unlock it to continue.');
    return this.current.unlocked;
  }

  get isUnlocked(): boolean {
    return this.current !== null;
  }
}
