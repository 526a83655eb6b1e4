import { Language } from './languages';

/**
 * The Electron application menu and its message boxes, in every shipped language. They live apart
 * from the renderer's catalogues because the main process draws the menu before any page loads.
 */
export type MenuLabels = {
  file: string;
  lock: string;
  backup: string;
  quit: string;
  help: string;
  about: string;
  documentation: string;
  backupDone: string;
  backupFailed: string;
  backupNeedsUnlock: string;
  backupNeedsAdmin: string;
  version: string;
  ok: string;
  documentationMissing: string;
};

export const MENU_LABELS: Record<Language, MenuLabels> = {
  en: {
    file: 'File',
    lock: 'Lock',
    backup: 'Back up…',
    quit: 'Quit',
    help: 'Help',
    about: 'About Counterpart',
    documentation: 'Documentation',
    backupDone: 'Backup saved',
    backupFailed: 'The backup was not made',
    backupNeedsUnlock: 'Unlock Counterpart first, then make the backup.',
    backupNeedsAdmin: 'Only an administrator can make a backup.',
    version: 'Version',
    ok: 'OK',
    documentationMissing: 'The documentation was not found on this computer.',
  },
  fr: {
    file: 'Fichier',
    lock: 'Verrouiller',
    backup: 'Sauvegarder…',
    quit: 'Quitter',
    help: 'Aide',
    about: 'À propos de Counterpart',
    documentation: 'Documentation',
    backupDone: 'Sauvegarde enregistrée',
    backupFailed: "La sauvegarde n'a pas été faite",
    backupNeedsUnlock: "Déverrouillez d'abord Counterpart, puis faites la sauvegarde.",
    backupNeedsAdmin: 'Seul un administrateur peut faire une sauvegarde.',
    version: 'Version',
    ok: 'OK',
    documentationMissing: 'La documentation est introuvable sur cet ordinateur.',
  },
  my: {
    file: 'ဖိုင်',
    lock: 'သော့ခတ်ရန်',
    backup: 'အရန်သိမ်းရန်…',
    quit: 'ထွက်ရန်',
    help: 'အကူအညီ',
    about: 'Counterpart အကြောင်း',
    documentation: 'လမ်းညွှန်စာတမ်း',
    backupDone: 'အရန်ဖိုင် သိမ်းပြီးပါပြီ',
    backupFailed: 'အရန်သိမ်းခြင်း မပြုလုပ်နိုင်ခဲ့ပါ',
    backupNeedsUnlock: 'Counterpart ကို ဦးစွာ သော့ဖွင့်ပြီးမှ အရန်သိမ်းပါ။',
    backupNeedsAdmin: 'စီမံခန့်ခွဲသူသာ အရန်သိမ်းနိုင်ပါသည်။',
    version: 'ဗားရှင်း',
    ok: 'အိုကေ',
    documentationMissing: 'ဤကွန်ပျူတာတွင် လမ်းညွှန်စာတမ်းကို ရှာမတွေ့ပါ။',
  },
  th: {
    file: 'ไฟล์',
    lock: 'ล็อก',
    backup: 'สำรองข้อมูล…',
    quit: 'ออก',
    help: 'ความช่วยเหลือ',
    about: 'เกี่ยวกับ Counterpart',
    documentation: 'เอกสารประกอบ',
    backupDone: 'บันทึกข้อมูลสำรองแล้ว',
    backupFailed: 'ไม่ได้สำรองข้อมูล',
    backupNeedsUnlock: 'โปรดปลดล็อก Counterpart ก่อน แล้วจึงสำรองข้อมูล',
    backupNeedsAdmin: 'เฉพาะผู้ดูแลระบบเท่านั้นที่สำรองข้อมูลได้',
    version: 'เวอร์ชัน',
    ok: 'ตกลง',
    documentationMissing: 'ไม่พบเอกสารประกอบในคอมพิวเตอร์เครื่องนี้',
  },
  es: {
    file: 'Archivo',
    lock: 'Bloquear',
    backup: 'Copia de seguridad…',
    quit: 'Salir',
    help: 'Ayuda',
    about: 'Acerca de Counterpart',
    documentation: 'Documentación',
    backupDone: 'Copia de seguridad guardada',
    backupFailed: 'No se hizo la copia de seguridad',
    backupNeedsUnlock: 'Primero desbloquee Counterpart y luego haga la copia de seguridad.',
    backupNeedsAdmin: 'Solo un administrador puede hacer una copia de seguridad.',
    version: 'Versión',
    ok: 'Aceptar',
    documentationMissing: 'No se encontró la documentación en este equipo.',
  },
};

/** The user's own setting when known, else the OS locale's language ('fr-FR' -> fr), else English. */
export function menuLanguage(userLanguage: Language | null | undefined, osLocale: string): Language {
  if (userLanguage) return userLanguage;
  const fromLocale = Language.safeParse(osLocale.toLowerCase().split(/[-_]/)[0]);
  return fromLocale.success ? fromLocale.data : 'en';
}
