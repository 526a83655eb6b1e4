import { useState } from 'react';
import { Alert, Button, Code, Group, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/i18n/languages';
import { isLanguage } from '../../../shared/i18n/i18n';
import type { ExportRequest } from '../../../shared/contract/reports';
import { errorCode } from '../../app/errors';
import { CallProgress } from '../exchange/CallProgress';
import { PathInput, isFullPath } from '../exchange/PathInput';
import { useLongCall } from '../exchange/useLongCall';
import { CallError } from '../workplans/ui';
import { useExportReportMutation } from './api';

type Report = ExportRequest['report'];
type Format = ExportRequest['format'];

/** Writes the report on screen (same request) to a file the person names, in the language they pick. */
export function Downloads({ report, request, formats }: { report: Report; request: ExportRequest['request']; formats: readonly Format[] }) {
  const { t, i18n } = useTranslation();
  const [write] = useExportReportMutation();
  const { running, run, cancel } = useLongCall(`report-${report}`);
  const [format, setFormat] = useState<Format>(formats[0]!);
  const [language, setLanguage] = useState<Language>(isLanguage(i18n.language) ? i18n.language : 'en');
  const [out, setOut] = useState('');
  const [pathError, setPathError] = useState<string | null>(null);
  const [written, setWritten] = useState<{ path: string; protection: string; rows?: number } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const go = async () => {
    if (!isFullPath(out)) {
      setPathError(t('reportsModule.download.notFull'));
      return;
    }
    setPathError(null);
    setWritten(null);
    setFailure(null);
    try {
      const answer = await run((callId) => write({ callId, report, request, format, out: out.trim(), language } as Parameters<typeof write>[0]).unwrap());
      setWritten(answer);
    } catch (err) {
      setFailure(err);
    }
  };

  return (
    <Stack gap="xs" data-testid={`download-${report}`}>
      <Text fw={600}>{t('reportsModule.download.title')}</Text>
      <Group grow align="flex-start">
        <Select label={t('reportsModule.download.format')} data={formats.map((f) => ({ value: f, label: f.toUpperCase() }))} value={format} onChange={(v) => v && setFormat(v as Format)} allowDeselect={false} data-testid={`download-${report}-format`} />
        <Select
          label={t('reportsModule.download.language')}
          data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
          value={language}
          onChange={(v) => v && isLanguage(v) && setLanguage(v)}
          allowDeselect={false}
        />
      </Group>
      <PathInput label={t('reportsModule.download.out')} description={t('reportsModule.download.outHelp')} value={out} onChange={setOut} error={pathError} testId={`download-${report}-out`} />
      <Group>
        <Button onClick={() => void go()} loading={!!running} data-testid={`download-${report}-write`}>
          {report === 'ctdc' ? t('reportsModule.ctdc.write') : t('reportsModule.download.write')}
        </Button>
      </Group>
      <CallProgress running={running} label={t('reportsModule.progress')} onCancel={cancel} />
      {errorCode(failure) === 'CANCELLED' ? (
        <Alert color="gray" variant="light" role="status">
          {t('reportsModule.cancelled')}
        </Alert>
      ) : (
        <CallError error={failure} />
      )}
      {written && (
        <Alert color="green" variant="light" role="status" data-testid={`download-${report}-written`}>
          <Text size="sm">{written.rows === undefined ? t('reportsModule.download.written') : t('reportsModule.ctdc.written', { rows: written.rows })}</Text>
          <Text size="sm">{written.protection}</Text>
          <Code block mt={4}>
            {written.path}
          </Code>
        </Alert>
      )}
    </Stack>
  );
}
