import '@mantine/charts/styles.css';
import { useState, type ReactNode } from 'react';
import { BarChart, LineChart } from '@mantine/charts';
import { Alert, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTranslate } from './translate';
import { categoryLabel, dimensionLabel, type DemographicReport, type Dimension } from '../../../shared/domain/reports';

/** Okabe–Ito: told apart with the common colour-vision deficiencies (and printed labels carry the values). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

type Kind = 'bar' | 'stacked' | 'line';

/** Bars for one dimension, stacked bars for the cross-tab, a line over the registration years. Hidden counts are not drawn. */
export function ReportChart({ report, dimension }: { report: DemographicReport; dimension: Dimension }) {
  const { t, i18n } = useTranslation();
  const tr = useTranslate();
  const [kind, setKind] = useState<Kind>('bar');
  const table = report.tables.find((x) => x.dimension === dimension);
  const years = report.tables.find((x) => x.dimension === 'yearOfRegistration');
  const cross = report.crossTab;
  const label = t('reportsModule.table.count');
  let chart: ReactNode = null;
  if (kind === 'bar' && table) {
    const data = table.rows.filter((r) => r.count !== null).map((r) => ({ category: categoryLabel(dimension, r.category, tr, i18n.language), [label]: r.count }));
    chart = <BarChart h={Math.max(200, data.length * 32)} data={data} dataKey="category" orientation="vertical" yAxisProps={{ width: 180 }} series={[{ name: label, color: PALETTE[0]! }]} withBarValueLabel />;
  } else if (kind === 'stacked') {
    if (!cross) chart = <Alert variant="light">{t('reportsModule.charts.needsCross')}</Alert>;
    else {
      const series = cross.columnCategories.map((c, j) => ({ name: categoryLabel(cross.columns, c, tr, i18n.language), color: PALETTE[j % PALETTE.length]! }));
      const data = cross.rowCategories.map((r, i) => ({
        category: categoryLabel(cross.rows, r, tr, i18n.language),
        ...Object.fromEntries(cross.columnCategories.map((_, j) => [series[j]!.name, cross.cells[i]![j] ?? 0])),
      }));
      chart = <BarChart h={Math.max(220, data.length * 36)} data={data} dataKey="category" type="stacked" orientation="vertical" yAxisProps={{ width: 180 }} series={series} withLegend />;
    }
  } else if (kind === 'line') {
    if (!years) chart = <Alert variant="light">{t('reportsModule.charts.needsYear')}</Alert>;
    else {
      const data = years.rows.map((r) => ({ year: r.category, [label]: r.count }));
      chart = <LineChart h={240} data={data} dataKey="year" series={[{ name: label, color: PALETTE[0]! }]} connectNulls={false} withDots />;
    }
  }
  return (
    <Stack gap="xs" data-testid="report-chart">
      <SegmentedControl
        aria-label={t('reportsModule.charts.type')}
        value={kind}
        onChange={(v) => setKind(v as Kind)}
        data={[
          { value: 'bar', label: t('reportsModule.charts.bar') },
          { value: 'stacked', label: t('reportsModule.charts.stacked') },
          { value: 'line', label: t('reportsModule.charts.line') },
        ]}
      />
      <Text size="sm" fw={600}>
        {kind === 'bar' ? dimensionLabel(dimension, tr) : kind === 'line' ? dimensionLabel('yearOfRegistration', tr) : cross ? `${dimensionLabel(cross.rows, tr)} × ${dimensionLabel(cross.columns, tr)}` : ''}
      </Text>
      {chart}
      <Text size="xs" c="dimmed">
        {t('reportsModule.charts.hiddenNotDrawn')}
      </Text>
    </Stack>
  );
}
