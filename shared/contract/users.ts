import { z } from 'zod';
import { method, ALL_ROLES } from './define';
import { Role } from '../domain/roles';
import { Language } from '../i18n/languages';

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'A user name is 2-32 letters, digits, dots, hyphens or underscores.');

/** Length and commonness are checked by the core (shared/domain/passwords) so the error can say which rule failed. */
export const Password = z.string().min(1).max(1024);

export const DisplayName = z.string().trim().min(1).max(120);

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  disabled: z.boolean(),
  language: Language.nullable(),
  createdAt: z.string(),
  passwordChangedAt: z.string(),
});
export type User = z.infer<typeof User>;

const admins = ['admin'] as const;
const ok = z.object({ ok: z.literal(true) });

export const usersContract = {
  'users.list': method({ input: z.object({}), output: z.array(User), access: admins }),
  'users.add': method({
    input: z.object({ username: Username, displayName: DisplayName, role: Role, password: Password }),
    output: User,
    access: admins,
  }),
  'users.update': method({
    input: z.object({ username: Username, displayName: DisplayName.optional(), role: Role.optional() }),
    output: User,
    access: admins,
  }),
  'users.disable': method({ input: z.object({ username: Username }), output: User, access: admins }),
  'users.enable': method({ input: z.object({ username: Username, newPassword: Password }), output: User, access: admins }),
  'users.resetPassword': method({ input: z.object({ username: Username, newPassword: Password }), output: ok, access: admins }),
  'users.changeOwnPassword': method({ input: z.object({ currentPassword: Password, newPassword: Password }), output: ok, access: ALL_ROLES }),
  'users.setOwnLanguage': method({ input: z.object({ language: Language }), output: User, access: ALL_ROLES }),
};
