import { useState } from 'react';
import { Alert, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanTree } from '../../../shared/contract/workplans';
import { periodOf, todayIso } from '../../../shared/domain/workplans';
import { selectUser, useAppSelector } from '../../app/store';
import { mayCall } from '../../app/navigation';
import { FRESH, useProgressFormQuery } from './api';
import { PeriodPicker } from './PeriodPicker';
import { ProgressForm } from './ProgressForm';
import { CallError, Section } from './ui';

/** A sensible first period: this quarter while the plan runs, else the plan's first quarter. */
export function defaultQuarter(startYear: number, endYear: number): string {
  const now = periodOf(todayIso(), 'quarterly');
  const year = Number(now.slice(0, 4));
  return year >= startYear && year <= endYear ? now : `${startYear}Q1`;
}

/**
 * Progress of this workspace's own agency for one period: its indicators and the activities it
 * leads. Saved as a draft, then submitted to the secretariat (which approves or returns it).
 */
export function ProgressTab({ tree }: { tree: PlanTree }) {
  const { t } = useTranslation();
  const user = useAppSelector(selectUser);
  const [period, setPeriod] = useState(() => defaultQuarter(tree.plan.startYear, tree.plan.endYear));
  // Kept here: the form is made afresh when the report's status or revision changes (a submit, a review).
  const [done, setDone] = useState<string | null>(null);
  const { data: form, error, isFetching } = useProgressFormQuery({ planId: tree.plan.id, period }, FRESH);
  const writer = !!user && mayCall(user.role, 'progress.saveDraft');
  return (
    <Section id="progress" title={t('workplanModule.progress.title')}>
      <Text size="sm" c="dimmed">
        {t('workplanModule.progress.explain')}
      </Text>
      <PeriodPicker startYear={tree.plan.startYear} endYear={tree.plan.endYear} value={period} onChange={(p) => {
          setDone(null);
          setPeriod(p);
        }} testId="progress-period" />
      <CallError error={error} />
      {isFetching && !form && <Loader size="sm" aria-label={t('workplanModule.loading')} />}
      {form && form.period === period && (
        <Stack gap="sm">
          <Text size="sm" data-testid="progress-heading">
            {t('workplanModule.progress.heading', { agency: `${form.agency} — ${form.agencyName}`, period: form.period, due: form.dueDate })}
          </Text>
          {form.indicators.length === 0 && form.activities.length === 0 ? (
            <Alert color="gray" variant="light" data-testid="progress-nothing">
              {t('workplanModule.progress.nothing')}
            </Alert>
          ) : (
            <ProgressForm key={`${form.agency}-${form.period}-${form.report?.status ?? 'new'}-${form.report?.revision ?? 0}`} form={form} writer={writer} done={done} onDone={setDone} />
          )}
        </Stack>
      )}
    </Section>
  );
}
