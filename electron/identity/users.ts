import { v7 as uuidv7 } from 'uuid';
import { CounterpartError } from '../../shared/contract/errors';
import { passwordProblem, type PasswordProblem } from '../../shared/domain/passwords';
import type { Role } from '../../shared/domain/roles';
import type { Language } from '../../shared/i18n/languages';
import type { User } from '../../shared/contract/users';
import type { Db } from '../store/database';

type Row = {
  id: string;
  username: string;
  display_name: string;
  role: string;
  disabled: number;
  language: string | null;
  created_at: string;
  password_changed_at: string;
};

const toUser = (row: Row): User => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role as Role,
  disabled: row.disabled === 1,
  language: row.language as Language | null,
  createdAt: row.created_at,
  passwordChangedAt: row.password_changed_at,
});

const PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: 'Use at least 12 characters, or a passphrase of four or more words.',
  too_long: 'Use at most 1024 characters.',
  common: 'This password is on the list of commonly used passwords.',
  guessable: 'This password follows a pattern (a keyboard row, a sequence, a date) that is guessed at once.',
  one_character: 'Use more than one or two different characters.',
};

export function assertPasswordAcceptable(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new CounterpartError('WEAK_PASSWORD', PROBLEM_MESSAGES[problem], { problem });
}

export class UserStore {
  constructor(private readonly db: Db) {}

  list(): User[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY username').all() as Row[]).map(toUser);
  }

  find(username: string): User | null {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as Row | undefined;
    return row ? toUser(row) : null;
  }

  get(username: string): User {
    const user = this.find(username);
    if (!user) throw new CounterpartError('NOT_FOUND', `There is no user ${username}.`);
    return user;
  }

  byId(id: string): User | null {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
    return row ? toUser(row) : null;
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM users').pluck().get() as number;
  }

  insert(input: { username: string; displayName: string; role: Role }): User {
    if (this.find(input.username)) throw new CounterpartError('CONFLICT', `The user name ${input.username} is taken.`);
    const now = new Date().toISOString();
    const id = uuidv7();
    this.db
      .prepare(
        `INSERT INTO users (id, username, display_name, role, disabled, created_at, updated_at, password_changed_at)
         VALUES (@id, @username, @displayName, @role, 0, @now, @now, @now)`,
      )
      .run({ id, ...input, now });
    return this.get(input.username);
  }

  update(username: string, patch: { displayName?: string; role?: Role; disabled?: boolean; language?: Language; passwordChanged?: boolean }): User {
    const user = this.get(username);
    const now = new Date().toISOString();
    this.db
      .prepare(
        `UPDATE users SET display_name = @displayName, role = @role, disabled = @disabled, language = @language,
           updated_at = @now, password_changed_at = @passwordChangedAt WHERE id = @id`,
      )
      .run({
        id: user.id,
        displayName: patch.displayName ?? user.displayName,
        role: patch.role ?? user.role,
        disabled: (patch.disabled ?? user.disabled) ? 1 : 0,
        language: patch.language ?? user.language,
        now,
        passwordChangedAt: patch.passwordChanged ? now : user.passwordChangedAt,
      });
    return this.get(username);
  }

  /** Refuses to leave the workspace without an enabled administrator. */
  assertNotLastAdmin(username: string): void {
    const admins = this.list().filter((u) => u.role === 'admin' && !u.disabled);
    if (admins.length === 1 && admins[0]!.username === username) {
      throw new CounterpartError('LAST_ADMIN', 'This is the only enabled administrator; add another administrator first.');
    }
  }
}
