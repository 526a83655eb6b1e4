import { describe, expect, it } from 'vitest';
import { activityProblems, ActivityData, indicatorProblems, IndicatorData, planProblems, PlanData } from '../../../shared/domain/workplans';
import { problemText, XLSX_PROBLEMS } from '../../../shared/i18n/workplans-xlsx-problems';
import { activityRuleText, indicatorRuleText, planRuleText } from './ruleText';
import type { Say } from './cells';

const say: Say = (key, params) => problemText('fr', key, params);
const ID = '00000000-0000-7000-8000-000000000000';
const lead = XLSX_PROBLEMS.fr.ruleBroken.split('{detail}')[0]!;

describe('the plan rules, as a French importer reads them', () => {
  it('every rule a plan sheet can break has its own French message', () => {
    const plan = (over: object) => PlanData.parse({ country: 'MMR', title: 'NPA', startYear: 2017, endYear: 2021, version: '1', status: 'draft', agencies: [{ code: 'MM-CBTIP', name: 'CBTIP' }, { code: 'MM-CBTIP', name: 'CBTIP' }], rag: { greenAt: 50, amberAt: 90 }, dueDays: { monthly: 15, quarterly: 30, yearly: 60 }, ...over });
    const backwards = plan({ endYear: 2016 });
    expect(planProblems(backwards).map((p) => planRuleText(p, backwards, say))).toEqual([
      'Le plan se termine (2016) avant de commencer (2017).',
      'Le seuil orange ne doit pas dépasser le seuil vert.',
      'L’agence MM-CBTIP figure deux fois.',
    ]);
    const long = plan({ endYear: 2040 });
    expect(planProblems(long).map((p) => planRuleText(p, long, say))[0]).toBe('Un plan couvre au plus 20 ans.');
  });

  it('every rule an activity row can break has its own French message', () => {
    const a = ActivityData.parse({ planId: ID, outputId: ID, code: '1.1.1', title: 'Training', leadAgency: 'MM-DSW', supportingAgencies: ['MM-DSW'], start: '2018-05-01', end: '2018-01-01', budget: 10, currency: null, workplanYear: 2030 });
    const plan = { startYear: 2017, endYear: 2021 };
    expect(activityProblems(a, plan).map((p) => activityRuleText(p, a, plan, say))).toEqual([
      'L’activité se termine (2018-01-01) avant de commencer (2018-05-01).',
      'Un budget doit avoir sa devise (ISO 4217, comme USD ou MMK).',
      'L’année du plan de travail 2030 est en dehors du plan (2017-2021).',
      'MM-DSW dirige l’activité ; elle n’est pas aussi agence d’appui.',
    ]);
  });

  it('every rule an indicator row can break has its own French message', () => {
    const ind = (over: object) => IndicatorData.parse({ planId: ID, resultLevel: 'outcome', resultId: ID, code: 'IND-1', title: 'Victims', measure: 'unit', responsibleAgency: 'MM-DSW', frequency: 'yearly', ...over });
    const cases = [
      ind({ baseline: -3 }),
      ind({ measure: 'qualitative', baseline: 4 }),
      ind({ measure: 'percent', computedFrom: { source: 'victimsIdentified' } }),
      ind({ measure: 'unit', computedFrom: { source: 'shareReferredWithinDays', days: 7 }, disaggregation: ['sex'] }),
    ];
    const texts = cases.flatMap((i) => indicatorProblems(i, { startYear: 2017, endYear: 2021 }).map((p) => indicatorRuleText(p, i, say)));
    expect(texts).toEqual([
      'Valeur de référence : La valeur ne peut pas être négative.',
      'Valeur de référence : Un indicateur qualitatif prend des mots, pas un nombre.',
      'Les victimes identifiées sont un décompte : l’indicateur doit se mesurer en nombre.',
      'La part orientée est un pourcentage : l’indicateur doit se mesurer en pourcentage.',
      'La part orientée n’est pas ventilée.',
    ]);
    expect(texts.some((t) => t.startsWith(lead))).toBe(false);
  });
});
