import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { installMenu, userLanguageFrom } from './menu';
import { fakeElectron, inProcessCore } from './testing';
import { ADMIN_PASSWORD, newWorkspace, unwrap } from '../testing/fixtures';
import { MENU_LABELS } from '../../shared/i18n/menu';
import { LANGUAGES } from '../../shared/i18n/languages';

async function menuOver(osLocale: string, opts: { documentationUrl?: string; allowList?: string[] } = {}) {
  const electron = fakeElectron();
  const { core } = await newWorkspace();
  const worker = inProcessCore(core);
  const menu = installMenu(electron.Menu, {
    core: worker,
    app: electron.app,
    dialog: electron.dialog,
    shell: electron.shell,
    docsDir: '/opt/Counterpart/resources/docs',
    allowList: opts.allowList ?? [],
    ...(opts.documentationUrl ? { documentationUrl: opts.documentationUrl } : {}),
    osLocale,
  });
  return { electron, core, worker, menu };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('the application menu', () => {
  it('has File (Lock, Back up…, Quit) and Help (Documentation, About) in the OS language when the user has none', async () => {
    for (const [locale, language] of [['fr-FR', 'fr'], ['th_TH', 'th'], ['my', 'my'], ['es-419', 'es'], ['de-DE', 'en'], ['en-GB', 'en']] as const) {
      const { electron } = await menuOver(locale);
      const l = MENU_LABELS[language];
      expect(electron.Menu.applied?.map((m) => m.label), locale).toEqual([l.file, l.help]);
      expect(electron.Menu.item(l.file)?.submenu?.map((i) => i.label ?? '—')).toEqual([l.lock, l.backup, '—', l.quit]);
      expect(electron.Menu.item(l.help)?.submenu?.map((i) => i.label ?? '—')).toEqual([l.documentation, '—', l.about]);
    }
  });

  it('has every label in every shipped language', () => {
    for (const language of LANGUAGES) for (const [key, text] of Object.entries(MENU_LABELS[language])) expect(text.trim(), `${language}.${key}`).not.toBe('');
  });

  it('follows the signed-in user’s language setting', async () => {
    const { electron, menu } = await menuOver('en-US');
    menu.setUserLanguage('my');
    expect(electron.Menu.applied?.[0]?.label).toBe('ဖိုင်');
    menu.setUserLanguage(null);
    expect(electron.Menu.applied?.[0]?.label).toBe('File');
  });

  it('File > Lock locks the workspace', async () => {
    const { electron, core } = await menuOver('en-US');
    electron.Menu.item('File', 'Lock')!.click!();
    await until(() => !core.session.isUnlocked);
    expect(unwrap(await core.dispatcher.dispatch('session.status', {}))).toMatchObject({ state: 'locked' });
  });

  it('File > Back up… writes a backup and shows where', async () => {
    const { electron } = await menuOver('th-TH');
    electron.Menu.item('ไฟล์', 'สำรองข้อมูล…')!.click!();
    await until(() => electron.dialog.boxes.length > 0);
    const [box] = electron.dialog.boxes;
    expect(box).toMatchObject({ type: 'info', message: 'บันทึกข้อมูลสำรองแล้ว', buttons: ['ตกลง'] });
    expect(existsSync(box!.detail!)).toBe(true);
  });

  it('File > Back up… when locked says to unlock first, in the menu’s language', async () => {
    const { electron } = await menuOver('fr-FR');
    electron.Menu.item('Fichier', 'Verrouiller')!.click!();
    await new Promise((r) => setTimeout(r, 20));
    electron.Menu.item('Fichier', 'Sauvegarder…')!.click!();
    await until(() => electron.dialog.boxes.length > 0);
    expect(electron.dialog.boxes[0]).toMatchObject({ type: 'error', message: MENU_LABELS.fr.backupFailed, detail: MENU_LABELS.fr.backupNeedsUnlock });
  });

  it('Help > About shows the name and version; Help > Documentation opens the local docs unless an allowed URL is set', async () => {
    const { electron } = await menuOver('es-ES');
    electron.Menu.item('Ayuda', 'Acerca de Counterpart')!.click!();
    expect(electron.dialog.boxes[0]).toMatchObject({ message: 'Counterpart', detail: 'Versión 0.1.0' });
    electron.Menu.item('Ayuda', 'Documentación')!.click!();
    expect(electron.shell.paths).toEqual(['/opt/Counterpart/resources/docs']);
    expect(electron.shell.external).toEqual([]);

    const online = await menuOver('en', { documentationUrl: 'https://docs.counterpart.example/manual/', allowList: ['https://docs.counterpart.example/'] });
    online.electron.Menu.item('Help', 'Documentation')!.click!();
    expect(online.electron.shell.external).toEqual(['https://docs.counterpart.example/manual/']);
    const notAllowed = await menuOver('en', { documentationUrl: 'https://evil.example/' });
    notAllowed.electron.Menu.item('Help', 'Documentation')!.click!();
    expect(notAllowed.electron.shell.external).toEqual([]);
    expect(notAllowed.electron.shell.paths).toEqual(['/opt/Counterpart/resources/docs']);
  });

  it('reads the user’s language only from results about the user’s own session', async () => {
    const { core } = await newWorkspace();
    unwrap(await core.dispatcher.dispatch('users.setOwnLanguage', { language: 'th' }));
    const status = await core.dispatcher.dispatch('session.status', {});
    expect(userLanguageFrom('session.status', status)).toBe('th');
    core.session.lock('user');
    const unlocked = await core.dispatcher.dispatch('session.unlock', { username: 'admin', password: ADMIN_PASSWORD });
    expect(userLanguageFrom('session.unlock', unlocked)).toBe('th');
    expect(userLanguageFrom('session.lock', await core.dispatcher.dispatch('session.lock', {}))).toBeUndefined();
    expect(userLanguageFrom('users.update', { ok: true, value: { language: 'fr' } })).toBeUndefined();
    expect(userLanguageFrom('session.unlock', { ok: false, error: { code: 'WRONG_PASSWORD', message: 'x' } })).toBeUndefined();
  });
});
