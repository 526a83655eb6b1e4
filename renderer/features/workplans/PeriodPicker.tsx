import { Group, SegmentedControl, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FREQUENCIES, frequencyOf, type Frequency } from '../../../shared/domain/workplans';
import { periodsOf } from './ui';

/** A reporting period of the plan: first how long (month, quarter, year), then which. */
export function PeriodPicker({ startYear, endYear, value, onChange, testId }: { startYear: number; endYear: number; value: string; onChange: (period: string) => void; testId: string }) {
  const { t } = useTranslation();
  const frequency = frequencyOf(value);
  const setFrequency = (f: Frequency) => {
    const year = value.slice(0, 4);
    onChange(f === 'yearly' ? year : f === 'quarterly' ? `${year}Q1` : `${year}01`);
  };
  return (
    <Group align="flex-end" gap="sm">
      <SegmentedControl
        aria-label={t('workplanModule.period.length')}
        data={FREQUENCIES.map((f) => ({ value: f, label: t(`workplanModule.frequency.${f}`) }))}
        value={frequency}
        onChange={(v) => setFrequency(v as Frequency)}
      />
      <Select label={t('workplanModule.fields.period')} data={periodsOf(startYear, endYear, frequency)} value={value} onChange={(v) => v && onChange(v)} allowDeselect={false} searchable w={140} data-testid={testId} />
    </Group>
  );
}
