import type { Language } from './languages';

/**
 * Words of the national progress report as PDF (electron/workplans/pdfReport.ts) that the XLSX report
 * does not already have (those come from workplans-xlsx.ts, so both files say the same thing).
 * Placeholders in braces are filled by the report: {page}/{pages} by the PDF engine, the others there.
 */
export type WorkplansPdfStrings = {
  pageLabel: string;
  producedOn: string;
  asOf: string;
  activitiesByStatus: string;
  activitiesByStatusAndAgency: string;
  allActivities: string;
  indicatorsByRating: string;
  achievementChart: string;
  targetLine: string;
  thresholds: string;
  noIndicators: string;
  noActivities: string;
  noAchievement: string;
};

const en: WorkplansPdfStrings = {
  pageLabel: 'Page {page} of {pages}',
  producedOn: 'Produced on',
  asOf: 'Figures as of',
  activitiesByStatus: 'Activities by status and pillar',
  activitiesByStatusAndAgency: 'Activities by status and lead agency',
  allActivities: 'All activities of the pillar',
  indicatorsByRating: 'Indicators by rating and pillar',
  achievementChart: 'Indicator achievement against target',
  targetLine: 'Target (100 %)',
  thresholds: 'Rating: green from {green} % of target, amber from {amber} % of target, red below; indicators without a target or an actual are not rated.',
  noIndicators: 'This pillar has no indicators.',
  noActivities: 'This pillar has no activities.',
  noAchievement: 'No indicator of this pillar has an achievement for this period.',
};

const fr: WorkplansPdfStrings = {
  pageLabel: 'Page {page} sur {pages}',
  producedOn: 'Établi le',
  asOf: 'Chiffres arrêtés au',
  activitiesByStatus: 'Activités par statut et par pilier',
  activitiesByStatusAndAgency: 'Activités par statut et par agence responsable',
  allActivities: 'Toutes les activités du pilier',
  indicatorsByRating: 'Indicateurs par appréciation et par pilier',
  achievementChart: 'Réalisation des indicateurs par rapport à la cible',
  targetLine: 'Cible (100 %)',
  thresholds: 'Appréciation : vert à partir de {green} % de la cible, orange à partir de {amber} %, rouge en dessous ; les indicateurs sans cible ou sans valeur réalisée ne sont pas notés.',
  noIndicators: 'Ce pilier n’a pas d’indicateur.',
  noActivities: 'Ce pilier n’a pas d’activité.',
  noAchievement: 'Aucun indicateur de ce pilier n’a de taux de réalisation pour cette période.',
};

const es: WorkplansPdfStrings = {
  pageLabel: 'Página {page} de {pages}',
  producedOn: 'Elaborado el',
  asOf: 'Cifras al',
  activitiesByStatus: 'Actividades por estado y pilar',
  activitiesByStatusAndAgency: 'Actividades por estado y organismo responsable',
  allActivities: 'Todas las actividades del pilar',
  indicatorsByRating: 'Indicadores por calificación y pilar',
  achievementChart: 'Logro de los indicadores respecto de la meta',
  targetLine: 'Meta (100 %)',
  thresholds: 'Calificación: verde desde el {green} % de la meta, ámbar desde el {amber} %, rojo por debajo; los indicadores sin meta o sin valor real no se califican.',
  noIndicators: 'Este pilar no tiene indicadores.',
  noActivities: 'Este pilar no tiene actividades.',
  noAchievement: 'Ningún indicador de este pilar tiene un logro para este periodo.',
};

const th: WorkplansPdfStrings = {
  pageLabel: 'หน้า {page} จาก {pages}',
  producedOn: 'จัดทำเมื่อ',
  asOf: 'ตัวเลข ณ วันที่',
  activitiesByStatus: 'กิจกรรมตามสถานะและยุทธศาสตร์หลัก',
  activitiesByStatusAndAgency: 'กิจกรรมตามสถานะและหน่วยงานหลัก',
  allActivities: 'กิจกรรมทั้งหมดของยุทธศาสตร์หลัก',
  indicatorsByRating: 'ตัวชี้วัดตามระดับและยุทธศาสตร์หลัก',
  achievementChart: 'ผลสำเร็จของตัวชี้วัดเทียบกับค่าเป้าหมาย',
  targetLine: 'ค่าเป้าหมาย (100 %)',
  thresholds: 'ระดับ: สีเขียวตั้งแต่ {green} % ของค่าเป้าหมาย สีเหลืองอำพันตั้งแต่ {amber} % สีแดงเมื่อต่ำกว่านั้น ตัวชี้วัดที่ไม่มีค่าเป้าหมายหรือผลจริงจะไม่ได้รับการจัดระดับ',
  noIndicators: 'ยุทธศาสตร์หลักนี้ไม่มีตัวชี้วัด',
  noActivities: 'ยุทธศาสตร์หลักนี้ไม่มีกิจกรรม',
  noAchievement: 'ไม่มีตัวชี้วัดใดของยุทธศาสตร์หลักนี้ที่มีผลสำเร็จในช่วงเวลานี้',
};

const my: WorkplansPdfStrings = {
  pageLabel: 'စာမျက်နှာ {pages} ခုအနက် {page}',
  producedOn: 'ထုတ်ယူသည့်ရက်',
  asOf: 'ကိန်းဂဏန်းများ ရက်စွဲ',
  activitiesByStatus: 'အခြေအနေနှင့် မဏ္ဍိုင်အလိုက် လုပ်ငန်းများ',
  activitiesByStatusAndAgency: 'အခြေအနေနှင့် ဦးဆောင်အေဂျင်စီအလိုက် လုပ်ငန်းများ',
  allActivities: 'မဏ္ဍိုင်၏ လုပ်ငန်းအားလုံး',
  indicatorsByRating: 'အဆင့်သတ်မှတ်ချက်နှင့် မဏ္ဍိုင်အလိုက် ညွှန်ကိန်းများ',
  achievementChart: 'ပန်းတိုင်နှင့် နှိုင်းယှဉ်ထားသော ညွှန်ကိန်းအောင်မြင်မှု',
  targetLine: 'ပန်းတိုင် (100 %)',
  thresholds: 'အဆင့်သတ်မှတ်ချက်- ပန်းတိုင်၏ {green} % မှစ၍ အစိမ်း၊ {amber} % မှစ၍ လိမ္မော်၊ ထို့ထက်နည်းလျှင် အနီ၊ ပန်းတိုင် သို့မဟုတ် အမှန်တကယ်တန်ဖိုး မရှိသော ညွှန်ကိန်းများကို အဆင့်မသတ်မှတ်ပါ။',
  noIndicators: 'ဤမဏ္ဍိုင်တွင် ညွှန်ကိန်းမရှိပါ။',
  noActivities: 'ဤမဏ္ဍိုင်တွင် လုပ်ငန်းမရှိပါ။',
  noAchievement: 'ဤကာလအတွက် ဤမဏ္ဍိုင်၏ မည်သည့်ညွှန်ကိန်းတွင်မျှ အောင်မြင်မှုတန်ဖိုး မရှိပါ။',
};

export const WORKPLANS_PDF: Record<Language, WorkplansPdfStrings> = { en, fr, my, th, es };

export const pdfStrings = (language: Language): WorkplansPdfStrings => WORKPLANS_PDF[language];
