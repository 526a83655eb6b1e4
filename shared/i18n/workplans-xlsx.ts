import type { Language } from './languages';
import type { ActivityStatus, DefaultPillar, DueStatus, Frequency, Measure, PlanStatus, Rag, ResultLevel } from '../domain/workplans';

/**
 * Words of the NPA spreadsheets (electron/workplans/xlsx): the template's instructions, column headings
 * and drop-down values, the default pillar names, and the national progress report. Sheet names stay
 * in English so that a template filled in any language imports anywhere; headings and drop-down values
 * of every language are recognised on import.
 */

export type ColumnKey =
  | 'field' | 'value' | 'code' | 'title' | 'order' | 'pillarCode' | 'outcomeCode' | 'outputCode' | 'description'
  | 'leadAgency' | 'supportingAgencies' | 'start' | 'end' | 'budget' | 'currency' | 'status' | 'workplanYear'
  | 'q1' | 'q2' | 'q3' | 'q4' | 'resultLevel' | 'resultCode' | 'definition' | 'measure' | 'ascending' | 'baseline'
  | 'baselineYear' | 'bySex' | 'byAgeBand' | 'byCitizenship' | 'responsibleAgency' | 'frequency' | 'dataSource'
  | 'computedFrom' | 'computedDays' | 'dhis2DataElement' | 'indicatorCode' | 'period' | 'target';

export type PlanFieldKey =
  | 'country' | 'planTitle' | 'startYear' | 'endYear' | 'version' | 'planStatus' | 'planDescription'
  | 'ragGreenAt' | 'ragAmberAt' | 'dueMonthly' | 'dueQuarterly' | 'dueYearly' | 'dhis2OrgUnit';

export type ReportKey =
  | 'reportTitle' | 'summary' | 'plan' | 'country' | 'period' | 'basis' | 'basisApproved' | 'basisSubmitted' | 'generated'
  | 'pillar' | 'activities' | 'indicators' | 'total' | 'achievement' | 'actual' | 'target' | 'baseline' | 'rag'
  | 'percentComplete' | 'narrative' | 'comments' | 'reporting' | 'agency' | 'due' | 'overdue' | 'budget' | 'notApplicable';

export type WorkplansXlsxStrings = {
  instructions: { title: string; lines: string[] };
  columns: Record<ColumnKey, string>;
  planFields: Record<PlanFieldKey, string>;
  values: {
    planStatus: Record<PlanStatus, string>;
    activityStatus: Record<ActivityStatus, string>;
    measure: Record<Measure, string>;
    frequency: Record<Frequency, string>;
    resultLevel: Record<ResultLevel, string>;
    yesNo: { yes: string; no: string };
    computed: { none: string; victimsIdentified: string; shareReferredWithinDays: string };
    rag: Record<Rag, string>;
    dueStatus: Record<DueStatus, string>;
  };
  pillars: Record<DefaultPillar, string>;
  report: Record<ReportKey, string>;
};

const en: WorkplansXlsxStrings = {
  instructions: {
    title: 'National Plan of Action — plan template',
    lines: [
      'Fill in one sheet per level: Plan, Pillars, Outcomes, Outputs, Activities, Indicators and Targets. Do not rename the sheets.',
      'Keep the first row of each sheet (the headings). Each following row is one item; leave no empty rows in between.',
      'Codes link the levels: an outcome names its pillar code, an output its outcome code, an activity its output code, an indicator the level and code of the result it measures, a target its indicator code.',
      'Codes are letters, digits and . _ / - (such as P1, 1.2, 1.2.3, IND-07). Each code is used once per sheet.',
      'Agencies are organisation codes: this organisation or a partner from the partner directory (pick from the list).',
      'Dates are calendar days (pick a date, or type 2025-03-31). Years have four digits.',
      'Budgets are numbers without thousands separators; the currency is an ISO 4217 code such as USD, MMK or THB.',
      'Periods are written as in DHIS2: a year 2025, a quarter 2025Q1, a month 202503. A target period is not shorter than the indicator’s frequency.',
      'Percent indicators take numbers from 0 to 100; qualitative indicators take words.',
      'On import every problem is listed with its sheet, row and column, and nothing is imported until all are fixed.',
    ],
  },
  columns: {
    field: 'Field', value: 'Value', code: 'Code', title: 'Title', order: 'Order', pillarCode: 'Pillar code', outcomeCode: 'Outcome code',
    outputCode: 'Output code', description: 'Description', leadAgency: 'Lead agency', supportingAgencies: 'Supporting agencies (comma-separated)',
    start: 'Start date', end: 'End date', budget: 'Budget', currency: 'Currency', status: 'Status', workplanYear: 'Workplan year',
    q1: 'Q1 milestone', q2: 'Q2 milestone', q3: 'Q3 milestone', q4: 'Q4 milestone', resultLevel: 'Result level', resultCode: 'Result code',
    definition: 'Definition', measure: 'Measure', ascending: 'Higher is better', baseline: 'Baseline', baselineYear: 'Baseline year',
    bySex: 'By sex', byAgeBand: 'By age band', byCitizenship: 'By citizenship', responsibleAgency: 'Responsible agency', frequency: 'Frequency',
    dataSource: 'Data source', computedFrom: 'Computed from case data', computedDays: 'Days (share referred)', dhis2DataElement: 'DHIS2 data element',
    indicatorCode: 'Indicator code', period: 'Period', target: 'Target',
  },
  planFields: {
    country: 'Country (ISO 3166 alpha-3)', planTitle: 'Title', startYear: 'First year', endYear: 'Last year', version: 'Version', planStatus: 'Status',
    planDescription: 'Description', ragGreenAt: 'Green from (% of target)', ragAmberAt: 'Amber from (% of target)', dueMonthly: 'Monthly reports due (days after the month)',
    dueQuarterly: 'Quarterly reports due (days after the quarter)', dueYearly: 'Yearly reports due (days after the year)', dhis2OrgUnit: 'DHIS2 organisation unit code',
  },
  values: {
    planStatus: { draft: 'Draft', active: 'Active', closed: 'Closed' },
    activityStatus: { not_started: 'Not started', in_progress: 'In progress', completed: 'Completed', delayed: 'Delayed', cancelled: 'Cancelled' },
    measure: { unit: 'Number', percent: 'Percent', qualitative: 'Qualitative' },
    frequency: { monthly: 'Monthly', quarterly: 'Quarterly', yearly: 'Yearly' },
    resultLevel: { outcome: 'Outcome', output: 'Output', activity: 'Activity' },
    yesNo: { yes: 'Yes', no: 'No' },
    computed: { none: 'No', victimsIdentified: 'Victims identified', shareReferredWithinDays: 'Share referred within days' },
    rag: { green: 'Green', amber: 'Amber', red: 'Red', none: 'Not rated' },
    dueStatus: { missing: 'Not started', draft: 'Draft', submitted: 'Submitted', approved: 'Approved', returned: 'Returned' },
  },
  pillars: { prevention: 'Prevention', protection: 'Protection', prosecution: 'Prosecution', partnership: 'Partnership' },
  report: {
    reportTitle: 'National progress report', summary: 'Summary', plan: 'Plan', country: 'Country', period: 'Period', basis: 'Figures counted',
    basisApproved: 'Approved progress only', basisSubmitted: 'Submitted and approved progress', generated: 'Generated', pillar: 'Pillar',
    activities: 'Activities', indicators: 'Indicators', total: 'Total', achievement: 'Achievement (% of target)', actual: 'Actual', target: 'Target',
    baseline: 'Baseline', rag: 'Rating', percentComplete: '% complete', narrative: 'Narrative', comments: 'Comments', reporting: 'Reporting by agency',
    agency: 'Agency', due: 'Reports due', overdue: 'Overdue', budget: 'Budget', notApplicable: 'n/a',
  },
};

const fr: WorkplansXlsxStrings = {
  instructions: {
    title: 'Plan d’action national — modèle de plan',
    lines: [
      'Remplissez une feuille par niveau : Plan, Pillars (piliers), Outcomes (effets), Outputs (produits), Activities (activités), Indicators (indicateurs) et Targets (cibles). Ne renommez pas les feuilles.',
      'Gardez la première ligne de chaque feuille (les en-têtes). Chaque ligne suivante est un élément ; ne laissez pas de ligne vide entre eux.',
      'Les codes relient les niveaux : un effet indique le code de son pilier, un produit celui de son effet, une activité celui de son produit, un indicateur le niveau et le code du résultat mesuré, une cible le code de son indicateur.',
      'Les codes sont des lettres, des chiffres et . _ / - (par exemple P1, 1.2, 1.2.3, IND-07). Chaque code n’apparaît qu’une fois par feuille.',
      'Les agences sont des codes d’organisation : cette organisation ou un partenaire de l’annuaire (choisissez dans la liste).',
      'Les dates sont des jours du calendrier (choisissez une date ou tapez 2025-03-31). Les années ont quatre chiffres.',
      'Les budgets sont des nombres sans séparateur de milliers ; la devise est un code ISO 4217 comme USD, MMK ou THB.',
      'Les périodes s’écrivent comme dans DHIS2 : une année 2025, un trimestre 2025Q1, un mois 202503. Une période cible n’est pas plus courte que la fréquence de l’indicateur.',
      'Les indicateurs en pourcentage prennent des nombres de 0 à 100 ; les indicateurs qualitatifs prennent des mots.',
      'À l’import, chaque problème est listé avec sa feuille, sa ligne et sa colonne, et rien n’est importé tant qu’il en reste.',
    ],
  },
  columns: {
    field: 'Champ', value: 'Valeur', code: 'Code', title: 'Intitulé', order: 'Ordre', pillarCode: 'Code du pilier', outcomeCode: 'Code de l’effet',
    outputCode: 'Code du produit', description: 'Description', leadAgency: 'Agence responsable', supportingAgencies: 'Agences d’appui (séparées par des virgules)',
    start: 'Date de début', end: 'Date de fin', budget: 'Budget', currency: 'Devise', status: 'Statut', workplanYear: 'Année du plan de travail',
    q1: 'Jalon T1', q2: 'Jalon T2', q3: 'Jalon T3', q4: 'Jalon T4', resultLevel: 'Niveau de résultat', resultCode: 'Code du résultat',
    definition: 'Définition', measure: 'Mesure', ascending: 'Plus élevé est meilleur', baseline: 'Valeur de référence', baselineYear: 'Année de référence',
    bySex: 'Par sexe', byAgeBand: 'Par tranche d’âge', byCitizenship: 'Par nationalité', responsibleAgency: 'Agence chargée du suivi', frequency: 'Fréquence',
    dataSource: 'Source des données', computedFrom: 'Calculé à partir des dossiers', computedDays: 'Jours (part orientée)', dhis2DataElement: 'Élément de données DHIS2',
    indicatorCode: 'Code de l’indicateur', period: 'Période', target: 'Cible',
  },
  planFields: {
    country: 'Pays (ISO 3166 alpha-3)', planTitle: 'Intitulé', startYear: 'Première année', endYear: 'Dernière année', version: 'Version', planStatus: 'Statut',
    planDescription: 'Description', ragGreenAt: 'Vert à partir de (% de la cible)', ragAmberAt: 'Orange à partir de (% de la cible)', dueMonthly: 'Rapports mensuels dus (jours après le mois)',
    dueQuarterly: 'Rapports trimestriels dus (jours après le trimestre)', dueYearly: 'Rapports annuels dus (jours après l’année)', dhis2OrgUnit: 'Code de l’unité d’organisation DHIS2',
  },
  values: {
    planStatus: { draft: 'Brouillon', active: 'En vigueur', closed: 'Clos' },
    activityStatus: { not_started: 'Non commencée', in_progress: 'En cours', completed: 'Achevée', delayed: 'En retard', cancelled: 'Annulée' },
    measure: { unit: 'Nombre', percent: 'Pourcentage', qualitative: 'Qualitatif' },
    frequency: { monthly: 'Mensuelle', quarterly: 'Trimestrielle', yearly: 'Annuelle' },
    resultLevel: { outcome: 'Effet', output: 'Produit', activity: 'Activité' },
    yesNo: { yes: 'Oui', no: 'Non' },
    computed: { none: 'Non', victimsIdentified: 'Victimes identifiées', shareReferredWithinDays: 'Part orientée en quelques jours' },
    rag: { green: 'Vert', amber: 'Orange', red: 'Rouge', none: 'Non noté' },
    dueStatus: { missing: 'Non commencé', draft: 'Brouillon', submitted: 'Soumis', approved: 'Approuvé', returned: 'Renvoyé' },
  },
  pillars: { prevention: 'Prévention', protection: 'Protection des victimes', prosecution: 'Poursuites', partnership: 'Partenariats' },
  report: {
    reportTitle: 'Rapport national d’avancement', summary: 'Synthèse', plan: 'Plan d’action', country: 'Pays', period: 'Période', basis: 'Chiffres retenus',
    basisApproved: 'Avancement approuvé seulement', basisSubmitted: 'Avancement soumis et approuvé', generated: 'Produit le', pillar: 'Pilier',
    activities: 'Activités', indicators: 'Indicateurs', total: 'Ensemble', achievement: 'Réalisation (% de la cible)', actual: 'Réalisé', target: 'Cible',
    baseline: 'Référence', rag: 'Appréciation', percentComplete: '% achevé', narrative: 'Compte rendu', comments: 'Commentaires', reporting: 'Rapports par agence',
    agency: 'Agence', due: 'Rapports dus', overdue: 'En retard', budget: 'Budget prévu', notApplicable: 's.o.',
  },
};

const es: WorkplansXlsxStrings = {
  instructions: {
    title: 'Plan de Acción Nacional — plantilla del plan',
    lines: [
      'Complete una hoja por nivel: Plan, Pillars (pilares), Outcomes (efectos), Outputs (productos), Activities (actividades), Indicators (indicadores) y Targets (metas). No cambie el nombre de las hojas.',
      'Conserve la primera fila de cada hoja (los encabezados). Cada fila siguiente es un elemento; no deje filas vacías entre ellos.',
      'Los códigos enlazan los niveles: un efecto indica el código de su pilar, un producto el de su efecto, una actividad el de su producto, un indicador el nivel y el código del resultado que mide, una meta el código de su indicador.',
      'Los códigos son letras, cifras y . _ / - (como P1, 1.2, 1.2.3, IND-07). Cada código se usa una sola vez por hoja.',
      'Los organismos son códigos de organización: esta organización o un socio del directorio (elija de la lista).',
      'Las fechas son días del calendario (elija una fecha o escriba 2025-03-31). Los años tienen cuatro cifras.',
      'Los presupuestos son números sin separador de miles; la moneda es un código ISO 4217 como USD, MMK o THB.',
      'Los periodos se escriben como en DHIS2: un año 2025, un trimestre 2025Q1, un mes 202503. El periodo de una meta no es más corto que la frecuencia del indicador.',
      'Los indicadores en porcentaje llevan números de 0 a 100; los cualitativos llevan palabras.',
      'Al importar se enumeran todos los problemas con su hoja, fila y columna, y no se importa nada hasta corregirlos todos.',
    ],
  },
  columns: {
    field: 'Campo', value: 'Valor', code: 'Código', title: 'Título', order: 'Orden', pillarCode: 'Código del pilar', outcomeCode: 'Código del efecto',
    outputCode: 'Código del producto', description: 'Descripción', leadAgency: 'Organismo responsable', supportingAgencies: 'Organismos de apoyo (separados por comas)',
    start: 'Fecha de inicio', end: 'Fecha de fin', budget: 'Presupuesto', currency: 'Moneda', status: 'Estado', workplanYear: 'Año del plan de trabajo',
    q1: 'Hito T1', q2: 'Hito T2', q3: 'Hito T3', q4: 'Hito T4', resultLevel: 'Nivel de resultado', resultCode: 'Código del resultado',
    definition: 'Definición', measure: 'Medida', ascending: 'Más alto es mejor', baseline: 'Línea de base', baselineYear: 'Año de la línea de base',
    bySex: 'Por sexo', byAgeBand: 'Por grupo de edad', byCitizenship: 'Por nacionalidad', responsibleAgency: 'Organismo que informa', frequency: 'Frecuencia',
    dataSource: 'Fuente de datos', computedFrom: 'Calculado a partir de los casos', computedDays: 'Días (proporción derivada)', dhis2DataElement: 'Elemento de datos DHIS2',
    indicatorCode: 'Código del indicador', period: 'Periodo', target: 'Meta',
  },
  planFields: {
    country: 'País (ISO 3166 alfa-3)', planTitle: 'Título', startYear: 'Primer año', endYear: 'Último año', version: 'Versión', planStatus: 'Estado',
    planDescription: 'Descripción', ragGreenAt: 'Verde desde (% de la meta)', ragAmberAt: 'Ámbar desde (% de la meta)', dueMonthly: 'Informes mensuales vencen (días después del mes)',
    dueQuarterly: 'Informes trimestrales vencen (días después del trimestre)', dueYearly: 'Informes anuales vencen (días después del año)', dhis2OrgUnit: 'Código de la unidad organizativa DHIS2',
  },
  values: {
    planStatus: { draft: 'Borrador', active: 'Vigente', closed: 'Cerrado' },
    activityStatus: { not_started: 'Sin iniciar', in_progress: 'En curso', completed: 'Terminada', delayed: 'Retrasada', cancelled: 'Cancelada' },
    measure: { unit: 'Número', percent: 'Porcentaje', qualitative: 'Cualitativo' },
    frequency: { monthly: 'Mensual', quarterly: 'Trimestral', yearly: 'Anual' },
    resultLevel: { outcome: 'Efecto', output: 'Producto', activity: 'Actividad' },
    yesNo: { yes: 'Sí', no: 'No' },
    computed: { none: 'Ninguno', victimsIdentified: 'Víctimas identificadas', shareReferredWithinDays: 'Proporción derivada en días' },
    rag: { green: 'Verde', amber: 'Ámbar', red: 'Rojo', none: 'Sin calificar' },
    dueStatus: { missing: 'Sin iniciar', draft: 'Borrador', submitted: 'Enviado', approved: 'Aprobado', returned: 'Devuelto' },
  },
  pillars: { prevention: 'Prevención', protection: 'Protección', prosecution: 'Enjuiciamiento', partnership: 'Alianzas' },
  report: {
    reportTitle: 'Informe nacional de avance', summary: 'Resumen', plan: 'Plan de acción', country: 'País', period: 'Periodo', basis: 'Cifras contadas',
    basisApproved: 'Solo avances aprobados', basisSubmitted: 'Avances enviados y aprobados', generated: 'Generado', pillar: 'Pilar',
    activities: 'Actividades', indicators: 'Indicadores', total: 'Total general', achievement: 'Logro (% de la meta)', actual: 'Real', target: 'Meta',
    baseline: 'Línea de base', rag: 'Calificación', percentComplete: '% completado', narrative: 'Relato', comments: 'Comentarios', reporting: 'Informes por organismo',
    agency: 'Organismo', due: 'Informes debidos', overdue: 'Vencidos', budget: 'Presupuesto', notApplicable: 'n/c',
  },
};

const th: WorkplansXlsxStrings = {
  instructions: {
    title: 'แผนปฏิบัติการระดับชาติ — แบบฟอร์มแผน',
    lines: [
      'กรอกหนึ่งแผ่นงานต่อหนึ่งระดับ: Plan (แผน), Pillars (ยุทธศาสตร์หลัก), Outcomes (ผลลัพธ์), Outputs (ผลผลิต), Activities (กิจกรรม), Indicators (ตัวชี้วัด) และ Targets (ค่าเป้าหมาย) ห้ามเปลี่ยนชื่อแผ่นงาน',
      'เก็บแถวแรกของแต่ละแผ่นงานไว้ (หัวคอลัมน์) แต่ละแถวถัดไปคือหนึ่งรายการ ห้ามเว้นแถวว่างระหว่างรายการ',
      'รหัสใช้เชื่อมระดับต่าง ๆ: ผลลัพธ์ระบุรหัสยุทธศาสตร์หลัก ผลผลิตระบุรหัสผลลัพธ์ กิจกรรมระบุรหัสผลผลิต ตัวชี้วัดระบุระดับและรหัสของผลที่วัด ค่าเป้าหมายระบุรหัสตัวชี้วัด',
      'รหัสประกอบด้วยตัวอักษร ตัวเลข และ . _ / - (เช่น P1, 1.2, 1.2.3, IND-07) แต่ละรหัสใช้ได้ครั้งเดียวต่อแผ่นงาน',
      'หน่วยงานคือรหัสองค์กร: องค์กรนี้ หรือหน่วยงานภาคีในทะเบียนภาคี (เลือกจากรายการ)',
      'วันที่เป็นวันตามปฏิทิน (เลือกวันที่ หรือพิมพ์ 2025-03-31) ปีมีสี่หลัก',
      'งบประมาณเป็นตัวเลขโดยไม่มีเครื่องหมายคั่นหลักพัน สกุลเงินเป็นรหัส ISO 4217 เช่น USD, MMK หรือ THB',
      'ช่วงเวลาเขียนแบบ DHIS2: ปี 2025 ไตรมาส 2025Q1 เดือน 202503 ช่วงเวลาของค่าเป้าหมายต้องไม่สั้นกว่าความถี่ของตัวชี้วัด',
      'ตัวชี้วัดแบบร้อยละใช้ตัวเลข 0 ถึง 100 ตัวชี้วัดเชิงคุณภาพใช้ข้อความ',
      'เมื่อนำเข้า ปัญหาทุกข้อจะแสดงพร้อมแผ่นงาน แถว และคอลัมน์ และจะไม่มีการนำเข้าใด ๆ จนกว่าจะแก้ไขครบทุกข้อ',
    ],
  },
  columns: {
    field: 'รายการ', value: 'ค่า', code: 'รหัส', title: 'ชื่อ', order: 'ลำดับ', pillarCode: 'รหัสยุทธศาสตร์หลัก', outcomeCode: 'รหัสผลลัพธ์',
    outputCode: 'รหัสผลผลิต', description: 'รายละเอียด', leadAgency: 'หน่วยงานหลัก', supportingAgencies: 'หน่วยงานสนับสนุน (คั่นด้วยจุลภาค)',
    start: 'วันที่เริ่ม', end: 'วันที่สิ้นสุด', budget: 'งบประมาณ', currency: 'สกุลเงิน', status: 'สถานะ', workplanYear: 'ปีของแผนงานประจำปี',
    q1: 'เป้าหมายย่อยไตรมาส 1', q2: 'เป้าหมายย่อยไตรมาส 2', q3: 'เป้าหมายย่อยไตรมาส 3', q4: 'เป้าหมายย่อยไตรมาส 4', resultLevel: 'ระดับของผล', resultCode: 'รหัสของผล',
    definition: 'นิยาม', measure: 'หน่วยวัด', ascending: 'ค่าสูงกว่าดีกว่า', baseline: 'ค่าฐาน', baselineYear: 'ปีของค่าฐาน',
    bySex: 'จำแนกตามเพศ', byAgeBand: 'จำแนกตามกลุ่มอายุ', byCitizenship: 'จำแนกตามสัญชาติ', responsibleAgency: 'หน่วยงานที่รายงาน', frequency: 'ความถี่',
    dataSource: 'แหล่งข้อมูล', computedFrom: 'คำนวณจากข้อมูลรายกรณี', computedDays: 'จำนวนวัน (สัดส่วนที่ส่งต่อ)', dhis2DataElement: 'องค์ประกอบข้อมูล DHIS2',
    indicatorCode: 'รหัสตัวชี้วัด', period: 'ช่วงเวลา', target: 'ค่าเป้าหมาย',
  },
  planFields: {
    country: 'ประเทศ (ISO 3166 alpha-3)', planTitle: 'ชื่อแผน', startYear: 'ปีแรก', endYear: 'ปีสุดท้าย', version: 'ฉบับที่', planStatus: 'สถานะ',
    planDescription: 'รายละเอียด', ragGreenAt: 'สีเขียวตั้งแต่ (% ของเป้าหมาย)', ragAmberAt: 'สีเหลืองตั้งแต่ (% ของเป้าหมาย)', dueMonthly: 'กำหนดส่งรายงานรายเดือน (วันหลังสิ้นเดือน)',
    dueQuarterly: 'กำหนดส่งรายงานรายไตรมาส (วันหลังสิ้นไตรมาส)', dueYearly: 'กำหนดส่งรายงานรายปี (วันหลังสิ้นปี)', dhis2OrgUnit: 'รหัสหน่วยองค์กร DHIS2',
  },
  values: {
    planStatus: { draft: 'ฉบับร่าง', active: 'ใช้งานอยู่', closed: 'ปิดแล้ว' },
    activityStatus: { not_started: 'ยังไม่เริ่ม', in_progress: 'กำลังดำเนินการ', completed: 'เสร็จสิ้น', delayed: 'ล่าช้า', cancelled: 'ยกเลิก' },
    measure: { unit: 'จำนวน', percent: 'ร้อยละ', qualitative: 'เชิงคุณภาพ' },
    frequency: { monthly: 'รายเดือน', quarterly: 'รายไตรมาส', yearly: 'รายปี' },
    resultLevel: { outcome: 'ผลลัพธ์', output: 'ผลผลิต', activity: 'กิจกรรม' },
    yesNo: { yes: 'ใช่', no: 'ไม่ใช่' },
    computed: { none: 'ไม่คำนวณ', victimsIdentified: 'จำนวนผู้เสียหายที่คัดแยกได้', shareReferredWithinDays: 'สัดส่วนที่ส่งต่อภายในกี่วัน' },
    rag: { green: 'เขียว', amber: 'เหลือง', red: 'แดง', none: 'ไม่ได้ประเมิน' },
    dueStatus: { missing: 'ยังไม่เริ่ม', draft: 'ฉบับร่าง', submitted: 'ส่งแล้ว', approved: 'อนุมัติแล้ว', returned: 'ส่งกลับแก้ไข' },
  },
  pillars: { prevention: 'การป้องกัน', protection: 'การคุ้มครอง', prosecution: 'การดำเนินคดี', partnership: 'ความร่วมมือ' },
  report: {
    reportTitle: 'รายงานความก้าวหน้าระดับชาติ', summary: 'สรุป', plan: 'แผน', country: 'ประเทศ', period: 'ช่วงเวลา', basis: 'ตัวเลขที่นับ',
    basisApproved: 'เฉพาะความก้าวหน้าที่อนุมัติแล้ว', basisSubmitted: 'ความก้าวหน้าที่ส่งแล้วและอนุมัติแล้ว', generated: 'จัดทำเมื่อ', pillar: 'ยุทธศาสตร์หลัก',
    activities: 'กิจกรรม', indicators: 'ตัวชี้วัด', total: 'รวม', achievement: 'ผลสำเร็จ (% ของเป้าหมาย)', actual: 'ผลจริง', target: 'ค่าเป้าหมาย',
    baseline: 'ค่าฐาน', rag: 'ระดับ', percentComplete: '% ความคืบหน้า', narrative: 'คำอธิบาย', comments: 'ความเห็น', reporting: 'การรายงานของหน่วยงาน',
    agency: 'หน่วยงาน', due: 'รายงานที่ถึงกำหนด', overdue: 'เลยกำหนด', budget: 'งบประมาณ', notApplicable: 'ไม่มี',
  },
};

const my: WorkplansXlsxStrings = {
  instructions: {
    title: 'အမျိုးသားလုပ်ငန်းစီမံချက် — စီမံချက်ပုံစံ',
    lines: [
      'အဆင့်တစ်ခုစီအတွက် စာရွက်တစ်ရွက်စီ ဖြည့်ပါ- Plan (စီမံချက်), Pillars (မဏ္ဍိုင်များ), Outcomes (ရလဒ်များ), Outputs (ထွက်ကုန်များ), Activities (လုပ်ငန်းများ), Indicators (ညွှန်ကိန်းများ) နှင့် Targets (ပန်းတိုင်များ)။ စာရွက်အမည်များကို မပြောင်းပါနှင့်။',
      'စာရွက်တိုင်း၏ ပထမတန်း (ခေါင်းစဉ်များ) ကို ထားပါ။ နောက်တန်းတစ်တန်းစီသည် အချက်တစ်ခုဖြစ်သည်။ ကြားတွင် အလွတ်တန်း မထားပါနှင့်။',
      'ကုဒ်များဖြင့် အဆင့်များကို ချိတ်ဆက်သည်- ရလဒ်တွင် ၎င်း၏ မဏ္ဍိုင်ကုဒ်၊ ထွက်ကုန်တွင် ရလဒ်ကုဒ်၊ လုပ်ငန်းတွင် ထွက်ကုန်ကုဒ်၊ ညွှန်ကိန်းတွင် တိုင်းတာသည့် ရလဒ်၏ အဆင့်နှင့် ကုဒ်၊ ပန်းတိုင်တွင် ညွှန်ကိန်းကုဒ် ဖော်ပြပါ။',
      'ကုဒ်များသည် စာလုံး၊ ဂဏန်းနှင့် . _ / - တို့ဖြစ်သည် (ဥပမာ P1, 1.2, 1.2.3, IND-07)။ ကုဒ်တစ်ခုကို စာရွက်တစ်ရွက်တွင် တစ်ကြိမ်သာ သုံးပါ။',
      'အေဂျင်စီများသည် အဖွဲ့အစည်းကုဒ်များဖြစ်သည်- ဤအဖွဲ့အစည်း သို့မဟုတ် မိတ်ဖက်လမ်းညွှန်ရှိ မိတ်ဖက်တစ်ခု (စာရင်းမှ ရွေးပါ)။',
      'ရက်စွဲများသည် ပြက္ခဒိန်ရက်များဖြစ်သည် (ရက်စွဲရွေးပါ သို့မဟုတ် 2025-03-31 ဟု ရိုက်ပါ)။ ခုနှစ်များသည် ဂဏန်းလေးလုံးဖြစ်သည်။',
      'ဘတ်ဂျက်များသည် ထောင်ဂဏန်းခွဲသင်္ကေတမပါသော ဂဏန်းများဖြစ်သည်။ ငွေကြေးသည် USD, MMK သို့မဟုတ် THB ကဲ့သို့ ISO 4217 ကုဒ်ဖြစ်သည်။',
      'ကာလများကို DHIS2 အတိုင်း ရေးပါ- နှစ် 2025၊ သုံးလပတ် 2025Q1၊ လ 202503။ ပန်းတိုင်ကာလသည် ညွှန်ကိန်း၏ ကြိမ်နှုန်းထက် မတိုရပါ။',
      'ရာခိုင်နှုန်းညွှန်ကိန်းများတွင် 0 မှ 100 အထိ ဂဏန်းများ၊ အရည်အသွေးညွှန်ကိန်းများတွင် စကားလုံးများ ဖြည့်ပါ။',
      'တင်သွင်းသည့်အခါ ပြဿနာတိုင်းကို စာရွက်၊ တန်းနှင့် ကော်လံဖြင့် ဖော်ပြမည်ဖြစ်ပြီး အားလုံးမပြင်မချင်း မည်သည့်အရာကိုမျှ မတင်သွင်းပါ။',
    ],
  },
  columns: {
    field: 'အကွက်', value: 'တန်ဖိုး', code: 'ကုဒ်', title: 'ခေါင်းစဉ်', order: 'အစဉ်', pillarCode: 'မဏ္ဍိုင်ကုဒ်', outcomeCode: 'ရလဒ်ကုဒ်',
    outputCode: 'ထွက်ကုန်ကုဒ်', description: 'ဖော်ပြချက်', leadAgency: 'ဦးဆောင်အေဂျင်စီ', supportingAgencies: 'ပံ့ပိုးအေဂျင်စီများ (ကော်မာဖြင့်ခြားပါ)',
    start: 'စတင်ရက်', end: 'ပြီးဆုံးရက်', budget: 'ဘတ်ဂျက်', currency: 'ငွေကြေး', status: 'အခြေအနေ', workplanYear: 'နှစ်စဉ်လုပ်ငန်းစီမံချက်နှစ်',
    q1: 'ပထမသုံးလပတ် မှတ်တိုင်', q2: 'ဒုတိယသုံးလပတ် မှတ်တိုင်', q3: 'တတိယသုံးလပတ် မှတ်တိုင်', q4: 'စတုတ္ထသုံးလပတ် မှတ်တိုင်', resultLevel: 'ရလဒ်အဆင့်', resultCode: 'ရလဒ်ကုဒ်နံပါတ်',
    definition: 'အဓိပ္ပာယ်ဖွင့်ဆိုချက်', measure: 'တိုင်းတာပုံ', ascending: 'မြင့်လေကောင်းလေ', baseline: 'အခြေခံတန်ဖိုး', baselineYear: 'အခြေခံနှစ်',
    bySex: 'လိင်အလိုက်', byAgeBand: 'အသက်အုပ်စုအလိုက်', byCitizenship: 'နိုင်ငံသားအလိုက်', responsibleAgency: 'အစီရင်ခံသည့်အေဂျင်စီ', frequency: 'ကြိမ်နှုန်း',
    dataSource: 'အချက်အလက်ရင်းမြစ်', computedFrom: 'အမှုတွဲအချက်အလက်မှ တွက်ချက်', computedDays: 'ရက်အရေအတွက် (လွှဲပြောင်းသည့်အချိုး)', dhis2DataElement: 'DHIS2 အချက်အလက်ဒြပ်စင်',
    indicatorCode: 'ညွှန်ကိန်းကုဒ်', period: 'ကာလ', target: 'ပန်းတိုင်',
  },
  planFields: {
    country: 'နိုင်ငံ (ISO 3166 alpha-3)', planTitle: 'စီမံချက်ခေါင်းစဉ်', startYear: 'ပထမနှစ်', endYear: 'နောက်ဆုံးနှစ်', version: 'မူကွဲ', planStatus: 'စီမံချက်အခြေအနေ',
    planDescription: 'စီမံချက်ဖော်ပြချက်', ragGreenAt: 'အစိမ်းရောင် (ပန်းတိုင်၏ %) မှစ၍', ragAmberAt: 'အဝါရောင် (ပန်းတိုင်၏ %) မှစ၍', dueMonthly: 'လစဉ်အစီရင်ခံစာ သတ်မှတ်ရက် (လကုန်ပြီးနောက် ရက်)',
    dueQuarterly: 'သုံးလပတ်အစီရင်ခံစာ သတ်မှတ်ရက် (သုံးလပတ်ကုန်ပြီးနောက် ရက်)', dueYearly: 'နှစ်စဉ်အစီရင်ခံစာ သတ်မှတ်ရက် (နှစ်ကုန်ပြီးနောက် ရက်)', dhis2OrgUnit: 'DHIS2 အဖွဲ့အစည်းယူနစ်ကုဒ်',
  },
  values: {
    planStatus: { draft: 'မူကြမ်း', active: 'အကောင်အထည်ဖော်ဆဲ', closed: 'ပိတ်ပြီး' },
    activityStatus: { not_started: 'မစတင်ရသေး', in_progress: 'ဆောင်ရွက်ဆဲ', completed: 'ပြီးစီး', delayed: 'နောက်ကျ', cancelled: 'ပယ်ဖျက်' },
    measure: { unit: 'အရေအတွက်', percent: 'ရာခိုင်နှုန်း', qualitative: 'အရည်အသွေး' },
    frequency: { monthly: 'လစဉ်', quarterly: 'သုံးလတစ်ကြိမ်', yearly: 'နှစ်စဉ်' },
    resultLevel: { outcome: 'ရလဒ်', output: 'ထွက်ကုန်', activity: 'လုပ်ငန်း' },
    yesNo: { yes: 'ဟုတ်', no: 'မဟုတ်' },
    computed: { none: 'မတွက်ချက်', victimsIdentified: 'ဖော်ထုတ်ခဲ့သော သားကောင်များ', shareReferredWithinDays: 'ရက်အတွင်း လွှဲပြောင်းသည့်အချိုး' },
    rag: { green: 'အစိမ်း', amber: 'အဝါ', red: 'အနီ', none: 'အဆင့်မသတ်မှတ်' },
    dueStatus: { missing: 'မစတင်ရသေး', draft: 'မူကြမ်း', submitted: 'တင်ပြပြီး', approved: 'အတည်ပြုပြီး', returned: 'ပြန်ပို့ထား' },
  },
  pillars: { prevention: 'ကာကွယ်ခြင်း', protection: 'စောင့်ရှောက်ခြင်း', prosecution: 'တရားစွဲဆိုခြင်း', partnership: 'ပူးပေါင်းဆောင်ရွက်ခြင်း' },
  report: {
    reportTitle: 'အမျိုးသားတိုးတက်မှုအစီရင်ခံစာ', summary: 'အနှစ်ချုပ်', plan: 'စီမံချက်', country: 'နိုင်ငံ', period: 'ကာလ', basis: 'ရေတွက်သည့်ကိန်းဂဏန်းများ',
    basisApproved: 'အတည်ပြုပြီးသော တိုးတက်မှုသာ', basisSubmitted: 'တင်ပြပြီးနှင့် အတည်ပြုပြီးသော တိုးတက်မှု', generated: 'ထုတ်ယူသည့်ရက်', pillar: 'မဏ္ဍိုင်',
    activities: 'လုပ်ငန်းများ', indicators: 'ညွှန်ကိန်းများ', total: 'စုစုပေါင်း', achievement: 'အောင်မြင်မှု (ပန်းတိုင်၏ %)', actual: 'အမှန်တကယ်', target: 'ပန်းတိုင်',
    baseline: 'အခြေခံတန်ဖိုး', rag: 'အဆင့်သတ်မှတ်ချက်', percentComplete: '% ပြီးစီးမှု', narrative: 'ရှင်းလင်းချက်', comments: 'မှတ်ချက်များ', reporting: 'အေဂျင်စီအလိုက် အစီရင်ခံမှု',
    agency: 'အေဂျင်စီ', due: 'တင်ရမည့်အစီရင်ခံစာ', overdue: 'သတ်မှတ်ရက်ကျော်', budget: 'ဘတ်ဂျက်', notApplicable: 'မသက်ဆိုင်',
  },
};

export const WORKPLANS_XLSX: Record<Language, WorkplansXlsxStrings> = { en, fr, my, th, es };

export const xlsxStrings = (language: Language): WorkplansXlsxStrings => WORKPLANS_XLSX[language];
