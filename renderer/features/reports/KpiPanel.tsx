import '@mantine/charts/styles.css';
import { useState, type ReactNode } from 'react';
import { LineChart } from '@mantine/charts';
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Kpis, ReportFilters } from '../../../shared/domain/reports';
import { errorCode } from '../../app/errors';
import { formatNumber, formatPercent } from '../../app/format';
import { CallProgress } from '../exchange/CallProgress';
import { useLongCall } from '../exchange/useLongCall';
import { CallError } from '../workplans/ui';
import { useKpisMutation } from './api';
import { Downloads } from './Downloads';
import { Count } from './ReportTables';
import { PALETTE } from './ReportChart';

function Figure({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {children}
      </Text>
    </Paper>
  );
}

/** Caseload, days to referral, referrals accepted, overdue follow-ups and reintegration scores, protected like every figure. */
export function KpiPanel({ filters, k, round }: { filters: ReportFilters; k: number; round: boolean }) {
  const { t, i18n } = useTranslation();
  const [load] = useKpisMutation();
  const { running, run, cancel } = useLongCall('report-kpis');
  const [kpis, setKpis] = useState<Kpis | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const request = { filters, k, round };
  const go = async () => {
    setFailure(null);
    try {
      setKpis(await run((callId) => load({ callId, ...request }).unwrap()));
    } catch (err) {
      setFailure(err);
    }
  };
  const n = (v: number | null, testId: string) => <Count value={v} k={k} testId={testId} />;
  const notShown = t('reportsModule.kpis.notPublished', { k });
  return (
    <Stack data-testid="kpi-panel">
      <Group>
        <Button onClick={() => void go()} loading={!!running} data-testid="kpi-run">
          {t('reportsModule.options.run')}
        </Button>
      </Group>
      <CallProgress running={running} label={t('reportsModule.progress')} onCancel={cancel} />
      {errorCode(failure) === 'CANCELLED' ? <Alert color="gray">{t('reportsModule.cancelled')}</Alert> : <CallError error={failure} />}
      {kpis && (
        <>
          <Text size="sm" c="dimmed">
            {t('reportsModule.kpis.asOf', { date: kpis.asOf })}
          </Text>
          <Text fw={600}>{t('reportsModule.kpis.caseload')}</Text>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Figure label={t('reportsModule.kpis.openCases')} testId="kpi-openCases">
              {n(kpis.caseload.openCases, 'kpi-openCases-value')}
            </Figure>
            <Figure label={t('reportsModule.kpis.unassigned')} testId="kpi-unassigned">
              {n(kpis.caseload.unassigned, 'kpi-unassigned-value')}
            </Figure>
            <Figure label={t('reportsModule.kpis.workers')} testId="kpi-workers">
              {formatNumber(kpis.caseload.workers, i18n.language)}
            </Figure>
            <Figure label={t('reportsModule.kpis.medianPerWorker')} testId="kpi-median">
              {kpis.caseload.median === null ? '–' : formatNumber(kpis.caseload.median, i18n.language)}
            </Figure>
            <Figure label={t('reportsModule.kpis.toReferral')} testId="kpi-toReferral">
              {kpis.identificationToReferral.medianDays === null ? notShown : formatNumber(kpis.identificationToReferral.medianDays, i18n.language)}
            </Figure>
            <Figure label={t('reportsModule.kpis.acceptedShare')} testId="kpi-accepted">
              {kpis.referrals.share === null ? notShown : formatPercent(kpis.referrals.share, i18n.language)}
            </Figure>
            <Figure label={t('reportsModule.kpis.followUpsOpen')} testId="kpi-followUpsOpen">
              {n(kpis.followUps.open, 'kpi-followUpsOpen-value')}
            </Figure>
            <Figure label={t('reportsModule.kpis.followUpsOverdue')} testId="kpi-overdue">
              {n(kpis.followUps.overdue, 'kpi-overdue-value')}
            </Figure>
          </SimpleGrid>
          {kpis.caseload.perWorker.length > 0 && (
            <Table striped withTableBorder data-testid="kpi-workers-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reportsModule.kpis.worker')}</Table.Th>
                  <Table.Th ta="right">{t('reportsModule.kpis.openCases')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {kpis.caseload.perWorker.map((w) => (
                  <Table.Tr key={w.worker}>
                    <Table.Td>{w.worker}</Table.Td>
                    <Table.Td ta="right">{formatNumber(w.openCases, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {kpis.reintegration.length > 0 && (
            <Stack gap={4}>
              <Text fw={600}>{t('reportsModule.kpis.reintegration')}</Text>
              <LineChart
                h={220}
                data={kpis.reintegration.map((p) => ({ period: p.period, [t('reportsModule.kpis.meanScore')]: p.meanScore }))}
                dataKey="period"
                series={[{ name: t('reportsModule.kpis.meanScore'), color: PALETTE[2]! }]}
                yAxisProps={{ domain: [0, 1] }}
                connectNulls={false}
                withDots
              />
            </Stack>
          )}
          <Downloads report="kpis" request={request} formats={['xlsx', 'pdf', 'csv', 'json']} />
        </>
      )}
    </Stack>
  );
}
