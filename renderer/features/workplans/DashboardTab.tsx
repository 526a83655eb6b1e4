import '@mantine/charts/styles.css';
import { useState } from 'react';
import { BarChart } from '@mantine/charts';
import { Group, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Dashboard, PlanTree } from '../../../shared/contract/workplans';
import { ACTIVITY_STATUSES, BASES, RAGS, type Basis } from '../../../shared/domain/workplans';
import { formatNumber } from '../../app/format';
import { FRESH, useDashboardQuery } from './api';
import { PeriodPicker } from './PeriodPicker';
import { defaultQuarter } from './ProgressTab';
import { ReportDownloads } from './ReportDownloads';
import { ACTIVITY_STATUS_COLOUR, CallError, RAG_COLOUR, RagBadge, Section } from './ui';

/** Activities by status, one stacked bar per pillar (colour-blind-safe palette, legend in words). */
function ActivitiesByPillar({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const data = dashboard.pillars.map((p) => ({ pillar: p.code, ...Object.fromEntries(ACTIVITY_STATUSES.map((s) => [s, p.activities.byStatus[s] ?? 0])) }));
  return (
    <Paper withBorder p="sm" data-testid="dash-activities-chart">
      <Title order={3} fz="h5" mb="xs">
        {t('workplanModule.dashboard.activitiesByStatus')}
      </Title>
      <BarChart
        h={200}
        data={data}
        dataKey="pillar"
        type="stacked"
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        series={ACTIVITY_STATUSES.map((s) => ({ name: s, label: t(`workplanModule.activityStatus.${s}`), color: ACTIVITY_STATUS_COLOUR[s] }))}
        tickLine="y"
        yAxisProps={{ allowDecimals: false }}
      />
    </Paper>
  );
}

/** Achievement against target per indicator, each bar coloured by the plan's thresholds (as its rating). */
function AchievementChart({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const rated = dashboard.indicators.filter((i) => i.achievement !== null);
  if (rated.length === 0) return null;
  return (
    <Paper withBorder p="sm" data-testid="dash-achievement-chart">
      <Title order={3} fz="h5" mb="xs">
        {t('workplanModule.dashboard.achievement')}
      </Title>
      <BarChart
        h={200}
        data={rated.map((i) => ({ code: i.code, achievement: Math.round(i.achievement ?? 0) }))}
        dataKey="code"
        series={[{ name: 'achievement', label: t('workplanModule.dashboard.achievementPercent'), color: RAG_COLOUR.none }]}
        getBarColor={(value) => (value >= dashboard.thresholds.greenAt ? RAG_COLOUR.green : value >= dashboard.thresholds.amberAt ? RAG_COLOUR.amber : RAG_COLOUR.red)}
        barProps={{ isAnimationActive: false }}
        barChartProps={{ accessibilityLayer: true }}
        referenceLines={[
          { y: dashboard.thresholds.greenAt, color: RAG_COLOUR.green, label: t('workplanModule.rag.green') },
          { y: dashboard.thresholds.amberAt, color: RAG_COLOUR.amber, label: t('workplanModule.rag.amber') },
        ]}
        withBarValueLabel
        valueFormatter={(v) => `${v} %`}
      />
    </Paper>
  );
}

/** The plan's figures for a period: activities by status per pillar, indicators against target, reporting. */
export function DashboardTab({ tree }: { tree: PlanTree }) {
  const { t, i18n } = useTranslation();
  const [period, setPeriod] = useState(() => defaultQuarter(tree.plan.startYear, tree.plan.endYear));
  const [basis, setBasis] = useState<Basis>('approved');
  const { data: dashboard, error, isFetching } = useDashboardQuery({ planId: tree.plan.id, period, basis }, FRESH);
  const n = (v: number | string | null) => (v === null ? '—' : typeof v === 'number' ? formatNumber(v, i18n.language) : v);
  const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(Math.round(v * 10) / 10, i18n.language)} %`);
  return (
    <Stack gap="md">
      <Group align="flex-end" justify="space-between">
        <PeriodPicker startYear={tree.plan.startYear} endYear={tree.plan.endYear} value={period} onChange={setPeriod} testId="dashboard-period" />
        <SegmentedControl aria-label={t('workplanModule.dashboard.basis')} data={BASES.map((b) => ({ value: b, label: t(`workplanModule.basis.${b}`) }))} value={basis} onChange={(v) => setBasis(v as Basis)} data-testid="dashboard-basis" />
      </Group>
      <CallError error={error} />
      {isFetching && !dashboard && <Loader size="sm" aria-label={t('workplanModule.loading')} />}
      {dashboard && (
        <Stack gap="md" data-testid="dashboard">
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {RAGS.map((r) => (
              <Paper key={r} withBorder p="xs" style={{ borderLeft: `6px solid ${RAG_COLOUR[r]}` }} data-testid={`dash-total-${r}`}>
                <Text size="xs" c="dimmed">
                  {t(`workplanModule.dashboard.ragTotal.${r}`)}
                </Text>
                <Text fz="h3" fw={700}>
                  {n(dashboard.totals.indicatorsByRag[r] ?? 0)}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <ActivitiesByPillar dashboard={dashboard} />
            <AchievementChart dashboard={dashboard} />
          </SimpleGrid>
          <Section id="dash-indicators" title={t('workplanModule.dashboard.indicators', { period: dashboard.period })}>
            <Text size="xs" c="dimmed">
              {t('workplanModule.dashboard.thresholds', { green: n(dashboard.thresholds.greenAt), amber: n(dashboard.thresholds.amberAt) })}
            </Text>
            <Table.ScrollContainer minWidth={900}>
              <Table striped withTableBorder data-testid="dash-indicators">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('workplanModule.kinds.indicator')}</Table.Th>
                    <Table.Th scope="col">{t('workplanModule.fields.responsibleAgency')}</Table.Th>
                    <Table.Th scope="col">{t('workplanModule.fields.target')}</Table.Th>
                    <Table.Th scope="col">{t('workplanModule.progress.actual')}</Table.Th>
                    <Table.Th scope="col">{t('workplanModule.dashboard.achievementPercent')}</Table.Th>
                    <Table.Th scope="col">{t('workplanModule.dashboard.rating')}</Table.Th>
                    <Table.Th scope="col">{t('workplanModule.progress.breakdown')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {dashboard.indicators.map((i) => (
                    <Table.Tr key={i.id} data-testid={`dash-indicator-${i.code}`}>
                      <Table.Td>
                        {i.code} {i.title}
                        {!i.applicable && (
                          <Text size="xs" c="dimmed">
                            {t('workplanModule.dashboard.notApplicable')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{i.responsibleAgency}</Table.Td>
                      <Table.Td data-testid={`dash-target-${i.code}`}>{n(i.target)}</Table.Td>
                      <Table.Td data-testid={`dash-actual-${i.code}`}>{n(i.actual)}</Table.Td>
                      <Table.Td data-testid={`dash-achievement-${i.code}`}>{pct(i.achievement)}</Table.Td>
                      <Table.Td>
                        <RagBadge rag={i.rag} testId={`dash-rag-${i.code}`} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" data-testid={`dash-breakdown-${i.code}`}>
                          {i.breakdown
                            .map((b) => `${[b.sex && t(`workplanModule.sex.${b.sex}`), b.ageBand && t(`workplanModule.ageBand.${b.ageBand}`), b.citizenship && t(`workplanModule.citizenship.${b.citizenship}`)].filter(Boolean).join(' · ')}: ${n(b.value)}`)
                            .join('; ')}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Section>
          <Section id="dash-activities" title={t('workplanModule.dashboard.activities')}>
            <Table.ScrollContainer minWidth={800} mah={320}>
              <Table striped withTableBorder data-testid="dash-activities">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('workplanModule.kinds.activity')}</Table.Th>
                    <Table.Th scope="col">{t('workplanModule.fields.leadAgency')}</Table.Th>
                    <Table.Th scope="col">{t('workplanModule.fields.status')}</Table.Th>
                    <Table.Th scope="col">{t('workplanModule.progress.percentComplete')}</Table.Th>
                    <Table.Th scope="col">{t('workplanModule.dashboard.reportedIn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {dashboard.activities.map((a) => (
                    <Table.Tr key={a.id} data-testid={`dash-activity-${a.code}`}>
                      <Table.Td>
                        {a.code} {a.title}
                      </Table.Td>
                      <Table.Td>{a.leadAgency}</Table.Td>
                      <Table.Td data-testid={`dash-activity-status-${a.code}`}>{t(`workplanModule.activityStatus.${a.status}`)}</Table.Td>
                      <Table.Td data-testid={`dash-activity-percent-${a.code}`}>{a.percentComplete === null ? '—' : pct(a.percentComplete)}</Table.Td>
                      <Table.Td>{a.reportedPeriod ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Section>
          <Section id="dash-reporting" title={t('workplanModule.dashboard.reporting')}>
            <Table withTableBorder data-testid="dash-reporting">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('workplanModule.fields.agency')}</Table.Th>
                  {(['due', 'submitted', 'approved', 'returned', 'overdue'] as const).map((c) => (
                    <Table.Th scope="col" key={c}>
                      {t(`workplanModule.calendar.counts.${c}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {dashboard.reporting.byAgency.map((a) => (
                  <Table.Tr key={a.agency}>
                    <Table.Th scope="row">{a.agency}</Table.Th>
                    {(['due', 'submitted', 'approved', 'returned', 'overdue'] as const).map((c) => (
                      <Table.Td key={c}>{n(a[c])}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Section>
          <ReportDownloads planId={tree.plan.id} period={period} basis={basis} />
        </Stack>
      )}
    </Stack>
  );
}
