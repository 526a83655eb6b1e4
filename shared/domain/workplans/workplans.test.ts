import { describe, expect, it } from 'vitest';
import {
  achievement,
  actualFor,
  combineBreakdowns,
  contains,
  dueDate,
  effectiveStatus,
  indicatorProblems,
  isOverdue,
  periodEnd,
  periodOf,
  periodStart,
  periodsWithin,
  ragOf,
  targetFor,
  actualProblems,
} from '.';

describe('periods as DHIS2 writes them', () => {
  it('a month, a quarter and a year have their first and last days (leap years included)', () => {
    expect([periodStart('202402'), periodEnd('202402')]).toEqual(['2024-02-01', '2024-02-29']);
    expect([periodStart('2025Q1'), periodEnd('2025Q1')]).toEqual(['2025-01-01', '2025-03-31']);
    expect([periodStart('2025Q4'), periodEnd('2025Q4')]).toEqual(['2025-10-01', '2025-12-31']);
    expect([periodStart('2025'), periodEnd('2025')]).toEqual(['2025-01-01', '2025-12-31']);
  });

  it('finds the period of a day for each frequency, and the periods inside a longer one', () => {
    expect(periodOf('2025-05-17', 'monthly')).toBe('202505');
    expect(periodOf('2025-05-17', 'quarterly')).toBe('2025Q2');
    expect(periodOf('2025-05-17', 'yearly')).toBe('2025');
    expect(periodsWithin('2025Q2', 'monthly')).toEqual(['202504', '202505', '202506']);
    expect(periodsWithin('2025', 'quarterly')).toEqual(['2025Q1', '2025Q2', '2025Q3', '2025Q4']);
    expect(periodsWithin('2025Q1', 'yearly')).toEqual([]);
    expect(contains('2025', '202512')).toBe(true);
    expect(contains('2025Q1', '202504')).toBe(false);
  });

  it('a report is due some days after its period ends, and overdue after that unless it was sent', () => {
    expect(dueDate('2025Q1', 15)).toBe('2025-04-15');
    expect(dueDate('202512', 10)).toBe('2026-01-10');
    expect(isOverdue('2025-04-15', '2025-04-15', 'missing')).toBe(false);
    expect(isOverdue('2025-04-15', '2025-04-16', 'draft')).toBe(true);
    expect(isOverdue('2025-04-15', '2025-04-16', 'returned')).toBe(true);
    expect(isOverdue('2025-04-15', '2025-04-16', 'submitted')).toBe(false);
  });
});

describe('targets, actuals and red / amber / green', () => {
  const victims = { measure: 'unit' as const, frequency: 'quarterly' as const, targets: [{ period: '2025Q1', value: 100 }, { period: '2025Q2', value: 100 }] };
  it('adds the quarters of a count for the year, and takes the latest quarter of a percentage', () => {
    expect(targetFor(victims, '2025')).toBe(200);
    expect(actualFor(victims, [{ period: '2025Q1', value: 70 }, { period: '2025Q2', value: 50 }], '2025')).toBe(120);
    const share = { ...victims, measure: 'percent' as const };
    expect(actualFor(share, [{ period: '2025Q1', value: 70 }, { period: '2025Q2', value: 50 }], '2025')).toBe(50);
    expect(targetFor({ ...victims, targets: [...victims.targets, { period: '2025', value: 500 }] }, '2025')).toBe(500);
    expect(actualFor(victims, [{ period: '2025Q1', value: 70 }], '202501')).toBeNull();
  });

  it('scores achievement both ways and colours it by the thresholds', () => {
    const t = { greenAt: 90, amberAt: 60 };
    expect(achievement('unit', true, 100, 95)).toBe(95);
    expect(ragOf(achievement('unit', true, 100, 95), t)).toBe('green');
    expect(ragOf(achievement('unit', true, 100, 60), t)).toBe('amber');
    expect(ragOf(achievement('unit', true, 100, 59), t)).toBe('red');
    expect(achievement('percent', false, 10, 20)).toBe(50);
    expect(achievement('percent', false, 10, 0)).toBe(100);
    expect(ragOf(achievement('qualitative', true, 'law passed', 'draft law'), t)).toBe('none');
    expect(ragOf(achievement('unit', true, null, 5), t)).toBe('none');
  });

  it('adds breakdown rows of several periods by their dimensions', () => {
    const rows = combineBreakdowns('unit', [
      { period: '2025Q1', rows: [{ sex: 'female', value: 3 }, { sex: 'male', value: 1 }] },
      { period: '2025Q2', rows: [{ sex: 'female', value: 2 }] },
    ]);
    expect(rows).toEqual([{ sex: 'female', value: 5 }, { sex: 'male', value: 1 }]);
  });

  it('refuses targets for shorter periods than the indicator, and breakdowns by undeclared dimensions', () => {
    const problems = indicatorProblems({ ...victims, frequency: 'yearly', targets: [{ period: '2025Q1', value: 1 }], baseline: null, disaggregation: [], computedFrom: null }, { startYear: 2025, endYear: 2026 });
    expect(problems.map((p) => p.message)).toEqual(['A yearly indicator cannot have a target for the shorter period 2025Q1.']);
    const bad = actualProblems({ measure: 'unit', disaggregation: ['sex'], code: 'I1' }, { value: 4, breakdown: [{ ageBand: '0-11', value: 4 }] });
    expect(bad.map((p) => p.message)).toContain('I1 is not disaggregated by ageBand.');
  });
});

describe('the progress workflow', () => {
  it('takes the secretariat’s answer to the current revision only', () => {
    const reviews = [{ revision: 1, decision: 'returned' as const, reviewedAt: '2025-04-20T00:00:00Z' }];
    expect(effectiveStatus({ status: 'draft', revision: 0 }, [])).toBe('draft');
    expect(effectiveStatus({ status: 'submitted', revision: 1 }, [])).toBe('submitted');
    expect(effectiveStatus({ status: 'submitted', revision: 1 }, reviews)).toBe('returned');
    expect(effectiveStatus({ status: 'draft', revision: 1 }, reviews)).toBe('returned');
    expect(effectiveStatus({ status: 'submitted', revision: 2 }, reviews)).toBe('submitted');
    expect(effectiveStatus({ status: 'submitted', revision: 2 }, [...reviews, { revision: 2, decision: 'approved', reviewedAt: '2025-05-01T00:00:00Z' }])).toBe('approved');
  });
});
