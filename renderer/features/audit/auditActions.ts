/**
 * Audit actions the core writes today (electron/**: `audit.append({ action })`), with a translation
 * each (`audit.actions.<action>` with dots as underscores). Denied and failed calls are recorded under
 * the method's name; any action without a translation is shown as its code.
 */
export const KNOWN_AUDIT_ACTIONS = [
  'workspace.create',
  'session.unlock',
  'session.recover',
  'session.lock',
  'user.add',
  'user.update',
  'user.disable',
  'user.enable',
  'user.reset_password',
  'user.change_password',
  'user.set_language',
  'user.password_recovered',
  'settings.update',
  'backup.create',
  'audit.verify',
] as const;

export const actionKey = (action: string): string => `audit.actions.${action.replace(/\./g, '_')}`;
