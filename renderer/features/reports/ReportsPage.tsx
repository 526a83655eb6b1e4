import { useState } from 'react';
import { Alert, Button, Divider, Group, Paper, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CTDC_AGE_BOUNDS, protectionStatement, type DemographicReport, type DemographicRequest } from '../../../shared/domain/reports';
import { errorCode } from '../../app/errors';
import { Page } from '../../components/Page';
import { CallProgress } from '../exchange/CallProgress';
import { useLongCall } from '../exchange/useLongCall';
import { CallError } from '../workplans/ui';
import { useDemographicsMutation } from './api';
import { Downloads } from './Downloads';
import { KpiPanel } from './KpiPanel';
import { ReportChart } from './ReportChart';
import { customBounds, DEFAULT_OPTIONS, ReportOptions, type Options } from './ReportOptions';
import { CrossTabView, OneWayView } from './ReportTables';
import { useTranslate } from './translate';

function requestOf(o: Options): DemographicRequest | null {
  const bands = o.bands === 'ctdc' ? CTDC_AGE_BOUNDS : customBounds(o.customBands);
  if (!bands) return null;
  const cross = o.crossRows && o.crossColumns && o.crossRows !== o.crossColumns ? { rows: o.crossRows, columns: o.crossColumns } : undefined;
  return { dimensions: o.dimensions, ...(cross ? { crossTab: cross } : {}), filters: o.filters, k: o.k, round: o.round, ageBands: bands };
}

/** Reports and statistics: demographic tables, cross-tab and charts; KPIs; the CTDC export. Every figure protected in the core. */
export function ReportsPage() {
  const { t } = useTranslation();
  const tr = useTranslate();
  const [options, setOptions] = useState<Options>(DEFAULT_OPTIONS);
  const [load] = useDemographicsMutation();
  const { running, run, cancel } = useLongCall('report-demographics');
  const [shown, setShown] = useState<{ report: DemographicReport; request: DemographicRequest } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const request = requestOf(options);

  const go = async () => {
    if (!request) return;
    setFailure(null);
    try {
      const report = await run((callId) => load({ callId, ...request }).unwrap());
      setShown({ report, request });
    } catch (err) {
      setFailure(err);
    }
  };

  return (
    <Page title={t('reportsModule.title')} description={t('reportsModule.intro')}>
      <Tabs defaultValue="demographics" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="demographics" data-testid="tab-demographics">
            {t('reportsModule.tabs.demographics')}
          </Tabs.Tab>
          <Tabs.Tab value="kpis" data-testid="tab-kpis">
            {t('reportsModule.tabs.kpis')}
          </Tabs.Tab>
          <Tabs.Tab value="ctdc" data-testid="tab-ctdc">
            {t('reportsModule.tabs.ctdc')}
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="demographics" pt="md">
          <Stack>
            <Paper withBorder p="md">
              <ReportOptions value={options} onChange={setOptions} demographics />
              <Group mt="md">
                <Button onClick={() => void go()} loading={!!running} disabled={!request} data-testid="report-run">
                  {t('reportsModule.options.run')}
                </Button>
              </Group>
            </Paper>
            <CallProgress running={running} label={t('reportsModule.progress')} onCancel={cancel} />
            {errorCode(failure) === 'CANCELLED' ? <Alert color="gray">{t('reportsModule.cancelled')}</Alert> : <CallError error={failure} />}
            {shown && (
              <Stack data-testid="report-result">
                <Alert color="blue" variant="light" data-testid="report-protection">
                  {protectionStatement(shown.report.protection, tr)}
                </Alert>
                {shown.report.cases === 0 ? (
                  <Text>{t('reportsModule.table.empty')}</Text>
                ) : (
                  <>
                    {shown.report.crossTab && <CrossTabView cross={shown.report.crossTab} k={shown.report.protection.k} />}
                    <ReportChart report={shown.report} dimension={shown.report.tables[0]!.dimension} />
                    <SimpleGrid cols={{ base: 1, lg: 2 }}>
                      {shown.report.tables.map((table) => (
                        <OneWayView key={table.dimension} table={table} k={shown.report.protection.k} />
                      ))}
                    </SimpleGrid>
                  </>
                )}
                <Divider />
                <Downloads report="demographics" request={shown.request} formats={['xlsx', 'pdf', 'csv', 'json']} />
              </Stack>
            )}
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="kpis" pt="md">
          <Stack>
            <Paper withBorder p="md">
              <ReportOptions value={options} onChange={setOptions} demographics={false} />
            </Paper>
            <KpiPanel filters={options.filters} k={options.k} round={options.round} />
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="ctdc" pt="md">
          <Stack>
            <Text size="sm">{t('reportsModule.ctdc.explain')}</Text>
            <Paper withBorder p="md">
              <ReportOptions value={options} onChange={setOptions} demographics={false} />
            </Paper>
            <Downloads report="ctdc" request={{ filters: options.filters, k: options.k }} formats={['csv', 'xlsx', 'json']} />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}
