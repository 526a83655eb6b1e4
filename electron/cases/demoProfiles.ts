import type { ExploitationType, Gender, IsicSection, MethodOfControl, RecruiterRelation } from '../../shared/domain/cases';

/**
 * The synthetic population of `counterpart demo`: names in the scripts people write them in (with a
 * romanised alias where the script is not Latin), and per citizenship the exploitation patterns that
 * IOM and CTDC data show for the Mekong region, Central Africa and Central America. Fictional people.
 */

type Name = [native: string, latin: string];
export type NameParts = { first: string; middle?: string; second?: string; alias?: string };
export type Rng = () => number;

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
export function weighted<T>(rng: Rng, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((n, [, w]) => n + w, 0);
  let r = rng() * total;
  for (const [value, w] of options) if ((r -= w) < 0) return value;
  return options.at(-1)![0];
}

const BURMESE_F: Name[] = [['အေး', 'Aye'], ['မြ', 'Mya'], ['သီ', 'Thi'], ['ခင်', 'Khin'], ['နှင်း', 'Hnin'], ['စန္ဒာ', 'Sandar'], ['နီလာ', 'Nilar'], ['သန္တာ', 'Thandar'], ['ဖြူ', 'Phyu'], ['မိုး', 'Moe'], ['ဝါ', 'War'], ['ယု', 'Yu'], ['ဇင်', 'Zin'], ['နွယ်', 'Nwe'], ['ချို', 'Cho'], ['သူဇာ', 'Thuzar'], ['မွန်', 'Mon']];
const BURMESE_M: Name[] = [['အောင်', 'Aung'], ['ကျော်', 'Kyaw'], ['မင်း', 'Min'], ['ထွန်း', 'Tun'], ['ဇော်', 'Zaw'], ['ဝင်း', 'Win'], ['မောင်', 'Maung'], ['လှ', 'Hla'], ['သန့်', 'Thant'], ['ဖြိုး', 'Phyo'], ['ထက်', 'Htet'], ['နိုင်', 'Naing'], ['ဟိန်း', 'Hein'], ['စိုး', 'Soe'], ['ရဲ', 'Ye'], ['ညီ', 'Nyi'], ['မိုး', 'Moe']];

/** Burmese names have no family name: two or three syllables, written without spaces. */
function burmese(rng: Rng, female: boolean): NameParts {
  const pool = female ? BURMESE_F : BURMESE_M;
  const n = rng() < 0.6 ? 2 : 3;
  const parts = Array.from({ length: n }, () => pick(rng, pool));
  return { first: parts.map((p) => p[0]).join(''), alias: parts.map((p) => p[1]).join(' ') };
}

const THAI_F: Name[] = [['สมหญิง', 'Somying'], ['วันเพ็ญ', 'Wanphen'], ['สุดา', 'Suda'], ['นภา', 'Napha'], ['พิมพ์ใจ', 'Phimjai'], ['กาญจนา', 'Kanchana'], ['มาลี', 'Mali'], ['อรุณี', 'Arunee'], ['ศิริพร', 'Siriporn']];
const THAI_M: Name[] = [['สมชาย', 'Somchai'], ['ประเสริฐ', 'Prasert'], ['อนุชา', 'Anucha'], ['ธนพล', 'Thanaphon'], ['สมศักดิ์', 'Somsak'], ['วิชัย', 'Wichai'], ['บุญมี', 'Boonmee'], ['ชัยวัฒน์', 'Chaiwat']];
const THAI_SURNAMES: Name[] = [['ใจดี', 'Jaidee'], ['ศรีสุข', 'Srisuk'], ['บุญมา', 'Boonma'], ['แก้วมณี', 'Kaewmanee'], ['ทองดี', 'Thongdee'], ['สุขสวัสดิ์', 'Suksawat'], ['พรหมมา', 'Phromma'], ['วงศ์ใหญ่', 'Wongyai'], ['มั่นคง', 'Mankong']];

const KHMER_F: Name[] = [['សុភា', 'Sophea'], ['ស្រីមុំ', 'Sreymom'], ['បុប្ផា', 'Bopha'], ['ចន្ថា', 'Chantha'], ['សុខា', 'Sokha'], ['ធីតា', 'Thida']];
const KHMER_M: Name[] = [['ដារ៉ា', 'Dara'], ['វណ្ណា', 'Vanna'], ['សំណាង', 'Samnang'], ['ពិសិដ្ឋ', 'Piseth'], ['សុផល', 'Sophal'], ['វិចិត្រ', 'Vichet']];
const KHMER_SURNAMES: Name[] = [['សុខ', 'Sok'], ['ចាន់', 'Chan'], ['គឹម', 'Kim'], ['ហេង', 'Heng'], ['លី', 'Ly'], ['ម៉ៅ', 'Mao'], ['ស៊ុន', 'Sun']];

const LAO_F: Name[] = [['ນາລີ', 'Nali'], ['ແສງຈັນ', 'Sengchan'], ['ບົວພັນ', 'Bouaphan'], ['ຄຳພອນ', 'Khamphone'], ['ມະນີວັນ', 'Manivanh']];
const LAO_M: Name[] = [['ສົມສັກ', 'Somsack'], ['ບຸນມີ', 'Bounmy'], ['ວັນໄຊ', 'Vanxay'], ['ສີສຸກ', 'Sisouk'], ['ທອງລາ', 'Thongla']];
const LAO_SURNAMES: Name[] = [['ພົມມະຈັນ', 'Phommachanh'], ['ສີຫາລາດ', 'Sihalath'], ['ແກ້ວມະນີ', 'Keomany'], ['ວົງສາ', 'Vongsa'], ['ສຸລິຍະ', 'Souliya']];

function givenAndFamily(rng: Rng, female: boolean, f: Name[], m: Name[], family: Name[], familyFirst = false): NameParts {
  const given = pick(rng, female ? f : m);
  const fam = pick(rng, family);
  return { first: given[0], second: fam[0], alias: familyFirst ? `${fam[1]} ${given[1]}` : `${given[1]} ${fam[1]}` };
}

const VIET_SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const VIET_F = ['Lan', 'Hương', 'Mai', 'Hoa', 'Thảo', 'Ngọc', 'Linh'];
const VIET_M = ['Hùng', 'Dũng', 'Tuấn', 'Nam', 'Long', 'Quang', 'Sơn'];

const CONGO_F = ['Marie-Claire', 'Grâce', 'Espérance', 'Chantal', 'Bénédicte', 'Joséphine', 'Nadège', 'Gloire'];
const CONGO_M = ['Jean-Pierre', 'Patrick', 'Fiston', 'Dieudonné', 'Héritier', 'Christian', 'Blaise', 'Trésor'];
const CONGO_SURNAMES = ['Mukendi', 'Kabongo', 'Ilunga', 'Tshibanda', 'Mbuyi', 'Kalala', 'Mwamba', 'Kasongo', 'Bahati', 'Mushagalusa'];

const SPANISH_F = ['María José', 'Ana Lucía', 'Yesenia', 'Karla', 'Rosa Elena', 'Glenda', 'Marisol', 'Dania'];
const SPANISH_M = ['José Luis', 'Carlos', 'Wilmer', 'Marvin', 'Juan Carlos', 'Kevin', 'Óscar', 'Edwin'];
const SPANISH_SURNAMES = ['Hernández', 'López', 'García', 'Martínez', 'Ramírez', 'Castillo', 'Pérez', 'Flores', 'Reyes', 'Morales', 'Chávez', 'Cruz'];

const spanish = (rng: Rng, female: boolean): NameParts => ({ first: pick(rng, female ? SPANISH_F : SPANISH_M), second: `${pick(rng, SPANISH_SURNAMES)} ${pick(rng, SPANISH_SURNAMES)}` });

export type Exploitation = {
  type: ExploitationType;
  industry?: IsicSection;
  sex?: 'Prostitution' | 'Pornography' | 'RemoteInteractiveServices' | 'PrivateSexualServices';
  /** Where it happens: countries with weights; the citizenship's own country makes it internal. */
  where: readonly (readonly [string, number])[];
  control: readonly MethodOfControl[];
  /** Mostly women and girls (1), mostly men and boys (0), or between. */
  female: number;
  /** Typical age range at identification. */
  ages: readonly [number, number];
};

export type Profile = {
  citizenship: string;
  weight: number;
  language: string;
  names: (rng: Rng, female: boolean) => NameParts;
  exploitation: readonly (readonly [Exploitation, number])[];
  recruiter: readonly (readonly [RecruiterRelation, number])[];
  receivingOrg: { code: string; name: string };
  phonePrefix: string;
};

const CONTROL_LABOUR: MethodOfControl[] = ['DebtBondage', 'WithholdsDocuments', 'ExcessiveWorkingHours', 'TakesEarnings', 'PhysicalThreats', 'RestrictsMovement'];
const CONTROL_SEX: MethodOfControl[] = ['FalsePromises', 'PsychologicalAbuse', 'SexualAbuse', 'DebtBondage', 'RestrictsMovement', 'PsychoactiveSubstance'];
const CONTROL_MARRIAGE: MethodOfControl[] = ['FalsePromises', 'RestrictsMovement', 'WithholdsDocuments', 'PhysicalAbuse', 'SexualAbuse'];
const CONTROL_SCAM: MethodOfControl[] = ['FalsePromises', 'WithholdsDocuments', 'PhysicalAbuse', 'DebtBondage', 'RestrictsMovement', 'ThreatsLawEnforcement'];
const CONTROL_ARMED: MethodOfControl[] = ['PhysicalThreats', 'PhysicalAbuse', 'ThreatensChildrenFamily', 'PsychoactiveSubstance'];

const fishing = (where: Exploitation['where']): Exploitation => ({ type: 'ForcedLabour', industry: 'A_AgricultureForestryAndFishing', where, control: CONTROL_LABOUR, female: 0.05, ages: [16, 45] });
const labour = (industry: IsicSection, where: Exploitation['where'], female = 0.3): Exploitation => ({ type: 'ForcedLabour', industry, where, control: CONTROL_LABOUR, female, ages: [15, 50] });
const domestic = (where: Exploitation['where']): Exploitation => ({ type: 'ForcedLabour', industry: 'T_ActivitiesOfHouseholdsAsEmployers', where, control: [...CONTROL_LABOUR, 'PsychologicalAbuse'], female: 0.9, ages: [14, 45] });
const sexual = (where: Exploitation['where']): Exploitation => ({ type: 'SexualExploitation', sex: 'Prostitution', where, control: CONTROL_SEX, female: 0.93, ages: [14, 35] });
const marriage = (where: Exploitation['where']): Exploitation => ({ type: 'ForcedMarriage', where, control: CONTROL_MARRIAGE, female: 0.98, ages: [15, 30] });
const scam = (where: Exploitation['where']): Exploitation => ({ type: 'ForcedCriminality', where, control: CONTROL_SCAM, female: 0.3, ages: [18, 40] });
const begging = (where: Exploitation['where']): Exploitation => ({ type: 'ForcedBegging', where, control: ['PhysicalThreats', 'TakesEarnings', 'WithholdsNecessities'], female: 0.45, ages: [6, 16] });

export const PROFILES: readonly Profile[] = [
  {
    citizenship: 'MMR',
    weight: 30,
    language: 'my',
    names: burmese,
    exploitation: [
      [fishing([['THA', 8], ['MYS', 2]]), 30],
      [labour('C_Manufacturing', [['THA', 1]]), 12],
      [labour('F_Construction', [['THA', 1]], 0.15), 8],
      [domestic([['THA', 3], ['MYS', 1]]), 8],
      [sexual([['THA', 6], ['MMR', 3], ['MYS', 1]]), 15],
      [marriage([['CHN', 1]]), 12],
      [scam([['MMR', 2], ['KHM', 1], ['LAO', 1]]), 10],
      [begging([['THA', 1]]), 5],
    ],
    recruiter: [['Friend', 35], ['Family', 20], ['Other', 40], ['IntimatePartner', 5]],
    receivingOrg: { code: 'MM-DSW', name: 'Department of Social Welfare, Myanmar' },
    phonePrefix: '+959',
  },
  {
    citizenship: 'KHM',
    weight: 12,
    language: 'km',
    names: (rng, female) => givenAndFamily(rng, female, KHMER_F, KHMER_M, KHMER_SURNAMES, true),
    exploitation: [
      [fishing([['THA', 1]]), 25],
      [labour('F_Construction', [['THA', 1]], 0.2), 15],
      [begging([['THA', 1]]), 15],
      [marriage([['CHN', 1]]), 15],
      [sexual([['KHM', 2], ['THA', 1], ['MYS', 1]]), 15],
      [domestic([['MYS', 1], ['THA', 1]]), 15],
    ],
    recruiter: [['Friend', 30], ['Family', 25], ['Other', 40], ['IntimatePartner', 5]],
    receivingOrg: { code: 'KH-MOSVY', name: 'Ministry of Social Affairs, Veterans and Youth Rehabilitation, Cambodia' },
    phonePrefix: '+8551',
  },
  {
    citizenship: 'LAO',
    weight: 10,
    language: 'lo',
    names: (rng, female) => givenAndFamily(rng, female, LAO_F, LAO_M, LAO_SURNAMES),
    exploitation: [
      [sexual([['THA', 4], ['LAO', 1]]), 40],
      [domestic([['THA', 1]]), 25],
      [fishing([['THA', 1]]), 15],
      [marriage([['CHN', 1]]), 10],
      [labour('C_Manufacturing', [['THA', 1]]), 10],
    ],
    recruiter: [['Friend', 40], ['Family', 20], ['Other', 30], ['IntimatePartner', 10]],
    receivingOrg: { code: 'LA-MOLSW', name: 'Ministry of Labour and Social Welfare, Lao PDR' },
    phonePrefix: '+85620',
  },
  {
    citizenship: 'VNM',
    weight: 10,
    language: 'vi',
    names: (rng, female) => ({ first: pick(rng, female ? VIET_F : VIET_M), middle: female ? 'Thị' : 'Văn', second: pick(rng, VIET_SURNAMES) }),
    exploitation: [
      [marriage([['CHN', 1]]), 30],
      [sexual([['CHN', 2], ['KHM', 1], ['MYS', 1]]), 25],
      [scam([['KHM', 2], ['GBR', 1]]), 20],
      [labour('C_Manufacturing', [['CHN', 1], ['VNM', 1]]), 15],
      [labour('F_Construction', [['RUS', 1], ['VNM', 1]], 0.1), 10],
    ],
    recruiter: [['Friend', 30], ['Family', 15], ['Other', 35], ['IntimatePartner', 20]],
    receivingOrg: { code: 'VN-MOLISA', name: 'Ministry of Labour, Invalids and Social Affairs, Viet Nam' },
    phonePrefix: '+849',
  },
  {
    citizenship: 'THA',
    weight: 8,
    language: 'th',
    names: (rng, female) => givenAndFamily(rng, female, THAI_F, THAI_M, THAI_SURNAMES),
    exploitation: [
      [sexual([['THA', 3], ['JPN', 1], ['MYS', 1]]), 40],
      [labour('A_AgricultureForestryAndFishing', [['THA', 2], ['SWE', 1], ['ISR', 1]], 0.2), 30],
      [begging([['THA', 1]]), 10],
      [labour('I_AccommodationAndFoodServiceActivities', [['THA', 1]], 0.5), 20],
    ],
    recruiter: [['Friend', 35], ['Family', 25], ['Other', 30], ['IntimatePartner', 10]],
    receivingOrg: { code: 'TH-MSDHS', name: 'Ministry of Social Development and Human Security, Thailand' },
    phonePrefix: '+668',
  },
  {
    citizenship: 'COD',
    weight: 10,
    language: 'fr',
    names: (rng, female) => ({ first: pick(rng, female ? CONGO_F : CONGO_M), second: pick(rng, CONGO_SURNAMES) }),
    exploitation: [
      [labour('B_MiningAndQuarrying', [['COD', 1]], 0.2), 35],
      [{ type: 'ForcedMilitaryByNonStateActors', where: [['COD', 1]], control: CONTROL_ARMED, female: 0.2, ages: [12, 25] }, 25],
      [sexual([['COD', 4], ['UGA', 1]]), 20],
      [domestic([['COD', 1]]), 10],
      [marriage([['COD', 1]]), 10],
    ],
    recruiter: [['Friend', 25], ['Family', 25], ['Other', 45], ['IntimatePartner', 5]],
    receivingOrg: { code: 'CD-DAS', name: 'Division provinciale des Affaires sociales, Sud-Kivu' },
    phonePrefix: '+24381',
  },
  ...(
    [
      ['SLV', 7, 'SV-CNCTP', 'Consejo Nacional contra la Trata de Personas, El Salvador', '+5037'],
      ['GTM', 7, 'GT-SVET', 'Secretaría contra la Violencia Sexual, Explotación y Trata de Personas, Guatemala', '+5025'],
      ['HND', 6, 'HN-CICESCT', 'Comisión Interinstitucional contra la Explotación Sexual Comercial y Trata, Honduras', '+5049'],
    ] as const
  ).map(
    ([citizenship, weight, code, name, phonePrefix]): Profile => ({
      citizenship,
      weight,
      language: 'es',
      names: spanish,
      exploitation: [
        [sexual([[citizenship, 3], ['MEX', 2], ['GTM', 1], ['USA', 1]]), 40],
        [labour('A_AgricultureForestryAndFishing', [['MEX', 2], ['USA', 1]], 0.15), 20],
        [begging([[citizenship, 1]]), 10],
        [{ type: 'ForcedCriminality', where: [[citizenship, 1]], control: ['PhysicalThreats', 'ThreatensChildrenFamily', 'PsychoactiveSubstance'], female: 0.25, ages: [12, 24] }, 20],
        [domestic([[citizenship, 1], ['MEX', 1]]), 10],
      ],
      recruiter: [['Friend', 30], ['Family', 20], ['Other', 35], ['IntimatePartner', 15]],
      receivingOrg: { code, name },
      phonePrefix,
    }),
  ),
];

export const genderFor = (rng: Rng, femaleShare: number): Gender => (rng() < 0.015 ? weighted(rng, [['TransgenderFeminine', 2], ['NonConforming', 1]] as const) : rng() < femaleShare ? 'Feminine' : 'Masculine');
