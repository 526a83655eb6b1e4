import { useState } from 'react';
import { Alert, Anchor, Button, Code, Group, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SpreadsheetImport } from '../../../shared/contract/workplans';
import { LANGUAGES, type Language } from '../../../shared/i18n/languages';
import { isLanguage } from '../../../shared/i18n/i18n';
import { errorCode } from '../../app/errors';
import { formatNumber } from '../../app/format';
import { CallProgress } from '../exchange/CallProgress';
import { PathInput, isFullPath } from '../exchange/PathInput';
import { useLongCall } from '../exchange/useLongCall';
import { useImportSpreadsheetMutation, useWriteTemplateMutation } from './api';
import { CallError, Section } from './ui';

const COUNT_KEYS = ['pillars', 'outcomes', 'outputs', 'activities', 'indicators', 'targets', 'workplans'] as const;

/** Every problem of a spreadsheet, one row each, where to find it (sheet, row, column) and what is wrong. */
function ProblemTable({ result }: { result: SpreadsheetImport }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={600} mah={360}>
      <Table withTableBorder striped data-testid="sheet-problems">
        <Table.Caption>{t('workplanModule.sheet.problemsCaption', { n: formatNumber(result.problems.length, i18n.language) })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('workplanModule.sheet.sheet')}</Table.Th>
            <Table.Th scope="col">{t('workplanModule.sheet.row')}</Table.Th>
            <Table.Th scope="col">{t('workplanModule.sheet.column')}</Table.Th>
            <Table.Th scope="col">{t('workplanModule.sheet.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.problems.map((p, i) => (
            <Table.Tr key={i} data-testid="sheet-problem">
              <Table.Td>{p.sheet}</Table.Td>
              <Table.Td>{p.row ?? ''}</Table.Td>
              <Table.Td>{p.column ?? ''}</Table.Td>
              <Table.Td>{p.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The plan spreadsheet: write the empty template (instructions and drop-down lists in a chosen
 * language), then check a filled one and import it. Nothing is imported while any problem remains.
 */
export function SpreadsheetPanel() {
  const { t, i18n } = useTranslation();
  const [writeTemplate, templateState] = useWriteTemplateMutation();
  const [importSheet] = useImportSpreadsheetMutation();
  const { running, run, cancel } = useLongCall('npa-import');
  const [language, setLanguage] = useState<Language>(isLanguage(i18n.language) ? i18n.language : 'en');
  const [out, setOut] = useState('');
  const [outError, setOutError] = useState<string | null>(null);
  const [written, setWritten] = useState<string | null>(null);
  const [path, setPath] = useState('');
  const [pathError, setPathError] = useState<string | null>(null);
  const [result, setResult] = useState<SpreadsheetImport | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const template = async () => {
    if (!isFullPath(out)) {
      setOutError(t('exchangeModule.path.notFull'));
      return;
    }
    setOutError(null);
    setWritten(null);
    const answer = await writeTemplate({ out: out.trim(), language });
    if ('data' in answer && answer.data) setWritten(answer.data.path);
  };

  const check = async (mode: 'preview' | 'apply') => {
    if (!isFullPath(path)) {
      setPathError(t('exchangeModule.path.notFull'));
      return;
    }
    setPathError(null);
    setFailure(null);
    setResult(null);
    try {
      setResult(await run((callId) => importSheet({ callId, path: path.trim(), mode, language: isLanguage(i18n.language) ? i18n.language : 'en' }).unwrap()));
    } catch (err) {
      setFailure(err);
    }
  };

  return (
    <Section id="spreadsheet" title={t('workplanModule.sheet.title')}>
      <Text size="sm" c="dimmed">
        {t('workplanModule.sheet.explain')}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void template();
        }}
      >
        <SimpleGrid cols={{ base: 1, md: 3 }} style={{ alignItems: 'end' }}>
          <Select
            label={t('workplanModule.sheet.language')}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            value={language}
            onChange={(v) => v && isLanguage(v) && setLanguage(v)}
            allowDeselect={false}
          />
          <PathInput label={t('workplanModule.sheet.templateOut')} description={t('workplanModule.sheet.templateOutHelp')} value={out} onChange={setOut} error={outError} testId="template-out" />
          <Group>
            <Button type="submit" loading={templateState.isLoading} data-testid="template-write">
              {t('workplanModule.sheet.writeTemplate')}
            </Button>
          </Group>
        </SimpleGrid>
      </form>
      <CallError error={templateState.error} />
      {written && (
        <Alert color="green" variant="light" role="status" data-testid="template-written">
          {t('workplanModule.sheet.templateWritten')} <Code>{written}</Code>
        </Alert>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void check('preview');
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <div style={{ flex: 1, minWidth: 280 }}>
            <PathInput label={t('workplanModule.sheet.importPath')} description={t('workplanModule.sheet.importPathHelp')} value={path} onChange={setPath} error={pathError} testId="sheet-path" />
          </div>
          <Button type="submit" variant="default" loading={!!running} data-testid="sheet-check">
            {t('workplanModule.sheet.check')}
          </Button>
          <Button onClick={() => void check('apply')} loading={!!running} data-testid="sheet-import">
            {t('workplanModule.sheet.import')}
          </Button>
        </Group>
      </form>
      <CallProgress running={running} label={t('workplanModule.sheet.progress')} onCancel={cancel} />
      {errorCode(failure) === 'CANCELLED' ? (
        <Alert color="gray" variant="light" role="status">
          {t('workplanModule.sheet.cancelled')}
        </Alert>
      ) : (
        <CallError error={failure} />
      )}
      {result && result.problems.length > 0 && (
        <Stack gap="xs">
          <Alert color="red" variant="light" role="alert" data-testid="sheet-refused">
            {t('workplanModule.sheet.nothingImported')}
          </Alert>
          <ProblemTable result={result} />
        </Stack>
      )}
      {result && result.problems.length === 0 && (
        <Alert color="green" variant="light" role="status" data-testid="sheet-result" title={result.imported ? t('workplanModule.sheet.imported') : t('workplanModule.sheet.clean')}>
          <Stack gap={4}>
            {result.plan && <Text size="sm">{t('workplanModule.sheet.planLine', { title: result.plan.title, country: result.plan.country, from: result.plan.startYear, to: result.plan.endYear })}</Text>}
            <Text size="sm">{COUNT_KEYS.map((k) => `${t(`workplanModule.sheet.counts.${k}`)}: ${formatNumber(result.counts[k], i18n.language)}`).join(' · ')}</Text>
            {result.imported && result.planId && (
              <Anchor component={Link} to={`/workplans/${result.planId}/structure`} data-testid="sheet-open-plan">
                {t('workplanModule.sheet.openPlan')}
              </Anchor>
            )}
          </Stack>
        </Alert>
      )}
    </Section>
  );
}
