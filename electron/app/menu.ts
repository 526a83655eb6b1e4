import { z } from 'zod';
import type { Result } from '../../shared/contract/errors';
import { MENU_LABELS, menuLanguage, type MenuLabels } from '../../shared/i18n/menu';
import { Language } from '../../shared/i18n/languages';
import type { CoreHandle } from '../host/callForwarding';
import { isAllowedExternalUrl } from './security';
import type { AppLike, DialogLike, MenuApi, MenuItemTemplate, ShellLike } from './electronApi';

/**
 * The application menu: File (Lock, Back up…, Quit) and Help (About, Documentation), in the
 * signed-in user's language when known, else the OS language. Lock and Back up go through the core
 * like any other call, so the dispatcher checks the role and writes the audit entry.
 */

export type MenuActions = { lock(): void; backup(): void; quit(): void; about(): void; documentation(): void };

export function buildMenuTemplate(labels: MenuLabels, actions: MenuActions): MenuItemTemplate[] {
  return [
    {
      label: labels.file,
      submenu: [
        { label: labels.lock, accelerator: 'CmdOrCtrl+L', click: actions.lock },
        { label: labels.backup, click: actions.backup },
        { type: 'separator' },
        { label: labels.quit, accelerator: 'CmdOrCtrl+Q', click: actions.quit },
      ],
    },
    {
      label: labels.help,
      submenu: [
        { label: labels.documentation, click: actions.documentation },
        { type: 'separator' },
        { label: labels.about, click: actions.about },
      ],
    },
  ];
}

// Only the fields the menu reads, so the main-process bundle does not carry the whole contract
// (country names in every language and more) to start up.
const UserLanguage = z.object({ language: Language.nullable() });
const SessionUser = z.object({ user: UserLanguage.nullable() });
const CreatedWorkspace = z.object({ status: SessionUser });
const BackupPath = z.object({ path: z.string() });

/**
 * The signed-in user's language from a call's result: a language, null (the user has none, so the OS
 * decides), or undefined (this result says nothing about it, e.g. after locking). Only results about
 * the user's own session count; `users.update` of someone else does not change this window's menu.
 */
export function userLanguageFrom(method: string, result: Result<unknown>): Language | null | undefined {
  if (!result.ok) return undefined;
  switch (method) {
    case 'session.status':
    case 'session.unlock':
    case 'session.recover':
    case 'workspace.select':
    case 'workspace.openDemo': {
      const status = SessionUser.safeParse(result.value);
      return status.success && status.data.user ? status.data.user.language : undefined;
    }
    case 'workspace.create': {
      const created = CreatedWorkspace.safeParse(result.value);
      return created.success && created.data.status.user ? created.data.status.user.language : undefined;
    }
    case 'users.setOwnLanguage': {
      const user = UserLanguage.safeParse(result.value);
      return user.success ? user.data.language : undefined;
    }
    default:
      return undefined;
  }
}

export type MenuDeps = {
  core: Pick<CoreHandle, 'invoke'>;
  app: Pick<AppLike, 'quit' | 'getName' | 'getVersion'>;
  dialog: Pick<DialogLike, 'showMessageBox'>;
  shell: ShellLike;
  /** Local documentation folder (shipped with the app). */
  docsDir: string;
  /** An online documentation page, used only when it is on the external-URL allow-list. */
  documentationUrl?: string;
  allowList: readonly string[];
};

export function createMenuActions(deps: MenuDeps, labels: () => MenuLabels): MenuActions {
  const { core, app, dialog, shell } = deps;
  const info = (message: string, detail?: string, type: 'info' | 'error' = 'info'): void => {
    void dialog.showMessageBox({ type, title: app.getName(), message, ...(detail ? { detail } : {}), buttons: [labels().ok] });
  };
  return {
    lock: () => void core.invoke('session.lock', {}),
    backup: () => {
      void core.invoke('backup.create', {}).then((result) => {
        const l = labels();
        if (result.ok) {
          const backup = BackupPath.safeParse(result.value);
          return info(l.backupDone, backup.success ? backup.data.path : undefined);
        }
        if (result.error.code === 'SESSION_LOCKED') return info(l.backupFailed, l.backupNeedsUnlock, 'error');
        if (result.error.code === 'FORBIDDEN') return info(l.backupFailed, l.backupNeedsAdmin, 'error');
        info(l.backupFailed, result.error.message, 'error');
      });
    },
    quit: () => app.quit(),
    about: () => info(app.getName(), `${labels().version} ${app.getVersion()}`),
    documentation: () => {
      if (deps.documentationUrl && isAllowedExternalUrl(deps.documentationUrl, deps.allowList)) {
        void shell.openExternal(deps.documentationUrl);
        return;
      }
      void shell.openPath(deps.docsDir).then((failure) => {
        if (failure) info(labels().documentationMissing, deps.docsDir, 'error');
      });
    },
  };
}

/** Sets the application menu, and redraws it when the signed-in user's language becomes known. */
export function installMenu(Menu: MenuApi<unknown>, deps: MenuDeps & { osLocale: string }): { setUserLanguage(language: Language | null): void; language(): Language } {
  let current = menuLanguage(null, deps.osLocale);
  const actions = createMenuActions(deps, () => MENU_LABELS[current]);
  const apply = (): void => Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(MENU_LABELS[current], actions)));
  apply();
  return {
    setUserLanguage(language) {
      const next = menuLanguage(language, deps.osLocale);
      if (next === current) return;
      current = next;
      apply();
    },
    language: () => current,
  };
}
