import { Group, MultiSelect, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STAGES } from '../../../shared/domain/cases';
import { AgeBandBounds, DIMENSIONS, K_MAX, K_MIN, type Dimension, type ReportFilters } from '../../../shared/domain/reports';

export type Options = {
  filters: ReportFilters;
  k: number;
  round: boolean;
  dimensions: Dimension[];
  crossRows: Dimension | null;
  crossColumns: Dimension | null;
  bands: 'ctdc' | 'custom';
  customBands: string;
};

export const DEFAULT_OPTIONS: Options = { filters: {}, k: 5, round: false, dimensions: [...DIMENSIONS], crossRows: 'gender', crossColumns: 'ageBand', bands: 'ctdc', customBands: '17, 24, 59' };

/** The configured age bands, or null when the text is not a rising list of whole ages. */
export function customBounds(text: string): number[] | null {
  const parsed = AgeBandBounds.safeParse(
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => (/^\d+$/.test(s) ? Number(s) : NaN)),
  );
  return parsed.success ? parsed.data : null;
}

/** Which cases (period, stage, organisation), which dimensions and cross-tab, k and rounding, age bands. */
export function ReportOptions({ value, onChange, demographics }: { value: Options; onChange: (o: Options) => void; demographics: boolean }) {
  const { t } = useTranslation();
  const set = (patch: Partial<Options>) => onChange({ ...value, ...patch });
  const setFilter = (patch: Partial<ReportFilters>) => set({ filters: { ...value.filters, ...patch } });
  const dims = DIMENSIONS.map((d) => ({ value: d, label: t(`reportsModule.dimensions.${d}`) }));
  const bandsInvalid = value.bands === 'custom' && customBounds(value.customBands) === null;
  return (
    <Stack gap="sm" data-testid="report-options">
      <Text fw={600}>{t('reportsModule.filters.title')}</Text>
      <SimpleGrid cols={{ base: 1, md: 4 }}>
        <TextInput type="date" label={t('reportsModule.filters.from')} value={value.filters.from ?? ''} onChange={(e) => setFilter({ from: e.currentTarget.value || undefined })} data-testid="report-from" />
        <TextInput type="date" label={t('reportsModule.filters.to')} value={value.filters.to ?? ''} onChange={(e) => setFilter({ to: e.currentTarget.value || undefined })} data-testid="report-to" />
        <MultiSelect
          label={t('reportsModule.filters.stage')}
          placeholder={t('reportsModule.filters.anyStage')}
          data={STAGES.map((s) => ({ value: s, label: t(`caseFile.stages.${s}`) }))}
          value={value.filters.stage ?? []}
          onChange={(v) => setFilter({ stage: v.length ? (v as ReportFilters['stage']) : undefined })}
          data-testid="report-stage"
        />
        <TagsInput
          label={t('reportsModule.filters.organisation')}
          description={t('reportsModule.filters.organisationHelp')}
          value={value.filters.organisation ?? []}
          onChange={(v) => setFilter({ organisation: v.length ? v : undefined })}
          data-testid="report-org"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <NumberInput label={t('reportsModule.options.k')} description={t('reportsModule.options.kHelp')} min={K_MIN} max={K_MAX} clampBehavior="strict" value={value.k} onChange={(v) => typeof v === 'number' && set({ k: v })} data-testid="report-k" />
        <Switch mt="xl" label={t('reportsModule.options.round')} checked={value.round} onChange={(e) => set({ round: e.currentTarget.checked })} data-testid="report-round" />
      </SimpleGrid>
      {demographics && (
        <>
          <MultiSelect label={t('reportsModule.options.dimensions')} data={dims} value={value.dimensions} onChange={(v) => v.length && set({ dimensions: v as Dimension[] })} data-testid="report-dimensions" />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Select label={t('reportsModule.options.crossRows')} placeholder={t('reportsModule.options.noCross')} data={dims} value={value.crossRows} onChange={(v) => set({ crossRows: (v as Dimension | null) ?? null })} clearable data-testid="report-cross-rows" />
            <Select
              label={t('reportsModule.options.crossColumns')}
              placeholder={t('reportsModule.options.noCross')}
              data={dims.filter((d) => d.value !== value.crossRows)}
              value={value.crossColumns}
              onChange={(v) => set({ crossColumns: (v as Dimension | null) ?? null })}
              clearable
              data-testid="report-cross-columns"
            />
          </SimpleGrid>
          <Group align="flex-end">
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('reportsModule.options.ageBands')}
              </Text>
              <SegmentedControl
                value={value.bands}
                onChange={(v) => set({ bands: v as Options['bands'] })}
                data={[
                  { value: 'ctdc', label: t('reportsModule.options.ctdcBands') },
                  { value: 'custom', label: t('reportsModule.options.customBands') },
                ]}
              />
            </Stack>
            {value.bands === 'custom' && (
              <TextInput
                label={t('reportsModule.options.customBandsLabel')}
                description={t('reportsModule.options.customBandsHelp')}
                value={value.customBands}
                onChange={(e) => set({ customBands: e.currentTarget.value })}
                error={bandsInvalid ? t('reportsModule.options.customBandsInvalid') : null}
                data-testid="report-bands"
              />
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}
