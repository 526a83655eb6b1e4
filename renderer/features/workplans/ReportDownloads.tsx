import { useState } from 'react';
import { Alert, Button, Code, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Basis } from '../../../shared/domain/workplans';
import { LANGUAGES, type Language } from '../../../shared/i18n/languages';
import { isLanguage } from '../../../shared/i18n/i18n';
import { errorCode } from '../../app/errors';
import { formatNumber } from '../../app/format';
import { CallProgress } from '../exchange/CallProgress';
import { PathInput, isFullPath } from '../exchange/PathInput';
import { useLongCall } from '../exchange/useLongCall';
import { useDhis2ExportMutation, useProgressPdfMutation, useProgressXlsxMutation } from './api';
import { CallError, Section } from './ui';

/**
 * The national progress report (XLSX, one sheet per pillar and a summary; PDF, printable with charts;
 * both in a chosen language) and
 * the DHIS2 dataValueSets JSON, for the dashboard's period and basis, written where the person says.
 */
export function ReportDownloads({ planId, period, basis }: { planId: string; period: string; basis: Basis }) {
  const { t, i18n } = useTranslation();
  const [writeXlsx] = useProgressXlsxMutation();
  const [writePdf] = useProgressPdfMutation();
  const [writeDhis2] = useDhis2ExportMutation();
  const { running, run, cancel } = useLongCall('npa-report');
  const [language, setLanguage] = useState<Language>(isLanguage(i18n.language) ? i18n.language : 'en');
  const [xlsxOut, setXlsxOut] = useState('');
  const [pdfOut, setPdfOut] = useState('');
  const [dhis2Out, setDhis2Out] = useState('');
  const [pathError, setPathError] = useState<{ xlsx?: string; pdf?: string; dhis2?: string }>({});
  const [written, setWritten] = useState<{ path: string; line: string } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const write = async (kind: 'xlsx' | 'pdf' | 'dhis2') => {
    const out = (kind === 'xlsx' ? xlsxOut : kind === 'pdf' ? pdfOut : dhis2Out).trim();
    if (!isFullPath(out)) {
      setPathError({ [kind]: t('exchangeModule.path.notFull') });
      return;
    }
    setPathError({});
    setWritten(null);
    setFailure(null);
    try {
      if (kind === 'xlsx') {
        const answer = await run((callId) => writeXlsx({ callId, planId, period, out, language, basis }).unwrap());
        setWritten({ path: answer.path, line: t('workplanModule.reports.xlsxWritten', { sheets: formatNumber(answer.sheets.length, i18n.language) }) });
      } else if (kind === 'pdf') {
        const answer = await run((callId) => writePdf({ callId, planId, period, out, language, basis }).unwrap());
        setWritten({ path: answer.path, line: t('workplanModule.reports.pdfWritten', { pages: formatNumber(answer.pages, i18n.language) }) });
      } else {
        const answer = await run((callId) => writeDhis2({ callId, planId, period, out, basis, includeTargets: true }).unwrap());
        setWritten({
          path: answer.path,
          line: t('workplanModule.reports.dhis2Written', { values: formatNumber(answer.dataValues, i18n.language), skipped: formatNumber(answer.skipped.length, i18n.language) }),
        });
      }
    } catch (err) {
      setFailure(err);
    }
  };

  return (
    <Section id="reports" title={t('workplanModule.reports.title')}>
      <Text size="sm" c="dimmed">
        {t('workplanModule.reports.explain', { period })}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack gap="xs">
          <Select
            label={t('workplanModule.sheet.language')}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            value={language}
            onChange={(v) => v && isLanguage(v) && setLanguage(v)}
            allowDeselect={false}
          />
          <PathInput label={t('workplanModule.reports.xlsxOut')} description={t('workplanModule.reports.xlsxOutHelp')} value={xlsxOut} onChange={setXlsxOut} error={pathError.xlsx} testId="report-xlsx-out" />
          <Group>
            <Button onClick={() => void write('xlsx')} loading={!!running} data-testid="report-xlsx">
              {t('workplanModule.reports.xlsx')}
            </Button>
          </Group>
          <PathInput label={t('workplanModule.reports.pdfOut')} description={t('workplanModule.reports.pdfOutHelp')} value={pdfOut} onChange={setPdfOut} error={pathError.pdf} testId="report-pdf-out" />
          <Group>
            <Button variant="light" onClick={() => void write('pdf')} loading={!!running} data-testid="report-pdf">
              {t('workplanModule.reports.pdf')}
            </Button>
          </Group>
        </Stack>
        <Stack gap="xs" justify="flex-end">
          <PathInput label={t('workplanModule.reports.dhis2Out')} description={t('workplanModule.reports.dhis2OutHelp')} value={dhis2Out} onChange={setDhis2Out} error={pathError.dhis2} testId="report-dhis2-out" />
          <Group>
            <Button variant="default" onClick={() => void write('dhis2')} loading={!!running} data-testid="report-dhis2">
              {t('workplanModule.reports.dhis2')}
            </Button>
          </Group>
        </Stack>
      </SimpleGrid>
      <CallProgress running={running} label={t('workplanModule.reports.progress')} onCancel={cancel} />
      {errorCode(failure) === 'CANCELLED' ? (
        <Alert color="gray" variant="light" role="status">
          {t('workplanModule.reports.cancelled')}
        </Alert>
      ) : (
        <CallError error={failure} />
      )}
      {written && (
        <Alert color="green" variant="light" role="status" data-testid="report-written">
          <Text size="sm">{written.line}</Text>
          <Code block mt={4} data-testid="report-path">
            {written.path}
          </Code>
        </Alert>
      )}
    </Section>
  );
}
