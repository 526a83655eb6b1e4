import { useState } from 'react';
import { Alert, Badge, Button, Code, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/contract';
import type { BundleInspection } from '../../../shared/contract/exchange';
import { errorCode } from '../../app/errors';
import { formatBytes, formatDateTime, formatNumber } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useImportBundleMutation, useInspectBundleMutation } from './api';
import { CallProgress } from './CallProgress';
import { PathInput, isFullPath } from './PathInput';
import { TRUST_COLOUR } from './trust';
import { useLongCall } from './useLongCall';

const PREVIEW_KEYS = ['new', 'updated', 'unchanged', 'conflicting', 'held', 'refused'] as const;

/** New / updated / conflicting … counts, as a compact table (numbers as labels, no plural forms). */
function PreviewCounts({ preview, caption, testId }: { preview: BundleInspection['preview']; caption: string; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Table verticalSpacing={4} withTableBorder data-testid={testId}>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Tbody>
        {PREVIEW_KEYS.map((key) => (
          <Table.Tr key={key}>
            <Table.Th scope="row">{t(`exchangeModule.preview.${key}`)}</Table.Th>
            <Table.Td data-testid={`${testId}-${key}`}>{formatNumber(preview[key], i18n.language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** What the bundle is and what importing it would change; nothing has changed yet. */
function InspectionView({ inspection }: { inspection: BundleInspection }) {
  const { t, i18n } = useTranslation();
  const records = Object.entries(inspection.records);
  return (
    <Stack gap="xs" data-testid="inspection">
      <Group gap="xs">
        <Badge variant="light" data-testid="inspection-sequence" color={inspection.sequence === 'duplicate' || inspection.sequence === 'replay' ? 'red' : 'blue'}>
          {t(`exchangeModule.sequence.${inspection.sequence}`)}
        </Badge>
        <Text size="sm">{t(`exchangeModule.sequenceHelp.${inspection.sequence}`)}</Text>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack gap={2}>
          <Text size="sm" data-testid="inspection-sender">
            {t('exchangeModule.inspect.sender', { code: inspection.sender.org, name: inspection.sender.name })}{' '}
            <Badge size="xs" variant="light" color={TRUST_COLOUR[inspection.sender.trust]}>
              {t(`exchangeModule.trust.${inspection.sender.trust}`)}
            </Badge>
          </Text>
          <Text size="sm">{t('exchangeModule.inspect.type', { type: t(`exchangeModule.bundleTypes.${inspection.bundleType}`) })}</Text>
          <Text size="sm">{t('exchangeModule.inspect.number', { seq: formatNumber(inspection.stream.seq, i18n.language), stream: inspection.stream.id })}</Text>
          <Text size="sm">{t('exchangeModule.inspect.created', { at: formatDateTime(inspection.createdAt, i18n.language) })}</Text>
          <Text size="sm">{t('exchangeModule.inspect.purpose', { purpose: inspection.purpose })}</Text>
          {inspection.legalBasis && <Text size="sm">{t('exchangeModule.inspect.legalBasis', { text: inspection.legalBasis })}</Text>}
          {inspection.deleteAfter && <Text size="sm">{t('exchangeModule.inspect.deleteAfter', { date: inspection.deleteAfter })}</Text>}
          <Text size="sm">{t('exchangeModule.inspect.size', { files: formatNumber(inspection.files, i18n.language), size: formatBytes(inspection.bytes, i18n.language) })}</Text>
          {records.map(([type, count]) => (
            <Text size="sm" key={type}>
              {t('exchangeModule.inspect.records', { type, count: formatNumber(count, i18n.language) })}
            </Text>
          ))}
          {inspection.missing.length > 0 && (
            <Alert color="yellow" variant="light" data-testid="inspection-missing">
              {t('exchangeModule.inspect.missing', { numbers: inspection.missing.map((n) => formatNumber(n, i18n.language)).join(', ') })}
            </Alert>
          )}
        </Stack>
        <PreviewCounts preview={inspection.preview} caption={t('exchangeModule.inspect.previewCaption')} testId="preview" />
      </SimpleGrid>
      {inspection.refusals.length > 0 && (
        <Table verticalSpacing={4}>
          <Table.Caption>{t('exchangeModule.inspect.refusals', { count: formatNumber(inspection.refusals.length, i18n.language) })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('exchangeModule.inspect.recordId')}</Table.Th>
              <Table.Th scope="col">{t('exchangeModule.inspect.recordType')}</Table.Th>
              <Table.Th scope="col">{t('exchangeModule.inspect.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {inspection.refusals.map((r) => (
              <Table.Tr key={r.recordId}>
                <Table.Td ff="monospace">{r.recordId}</Table.Td>
                <Table.Td>{r.recordType}</Table.Td>
                <Table.Td>
                  {t(`exchangeModule.refusals.${r.reason}`, Object.fromEntries(Object.entries(r.params).map(([k, v]) => [k, typeof v === 'number' ? formatNumber(v, i18n.language) : v])))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/**
 * Receiving a bundle: inspect (decrypt, verify, preview — nothing changes), then Apply, which imports
 * exactly what was previewed in one transaction. Every refusal is one translated sentence.
 */
export function ImportPanel() {
  const { t, i18n } = useTranslation();
  const [inspect] = useInspectBundleMutation();
  const [importBundle] = useImportBundleMutation();
  const { running, run, cancel } = useLongCall('import');
  const [path, setPath] = useState('');
  const [receiptDir, setReceiptDir] = useState('');
  const [pathError, setPathError] = useState<string | null>(null);
  const [receiptError, setReceiptError] = useState<string | null>(null);
  const [inspection, setInspection] = useState<{ path: string; value: BundleInspection } | null>(null);
  const [result, setResult] = useState<MethodOutput<'bundles.import'> | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const startInspect = async () => {
    if (!isFullPath(path)) {
      setPathError(t('exchangeModule.path.notFull'));
      return;
    }
    setPathError(null);
    setInspection(null);
    setResult(null);
    setFailure(null);
    const file = path.trim();
    try {
      const value = await run((callId) => inspect({ callId, path: file }).unwrap());
      setInspection({ path: file, value });
    } catch (err) {
      setFailure(err);
    }
  };

  const apply = async () => {
    if (!inspection) return;
    if (receiptDir.trim() && !isFullPath(receiptDir)) {
      setReceiptError(t('exchangeModule.path.notFull'));
      return;
    }
    setReceiptError(null);
    setFailure(null);
    try {
      const value = await run((callId) =>
        importBundle({ callId, path: inspection.path, previewToken: inspection.value.previewToken, ...(receiptDir.trim() ? { receiptDir: receiptDir.trim() } : {}) }).unwrap(),
      );
      setResult(value);
      setInspection(null);
    } catch (err) {
      setFailure(err);
    }
  };

  const canApply = inspection && inspection.value.sequence !== 'duplicate' && inspection.value.sequence !== 'replay';

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="import-title">
          {t('exchangeModule.import.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('exchangeModule.import.explain')}
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void startInspect();
          }}
        >
          <Group align="flex-end" wrap="wrap">
            <div style={{ flex: 1, minWidth: 280 }}>
              <PathInput label={t('exchangeModule.import.path')} description={t('exchangeModule.import.pathHelp')} value={path} onChange={setPath} error={pathError} testId="import-path" />
            </div>
            <Button type="submit" loading={!!running && !inspection} data-testid="inspect-submit">
              {t('exchangeModule.import.inspect')}
            </Button>
          </Group>
        </form>
        <CallProgress running={running} label={t('exchangeModule.import.progressLabel')} onCancel={cancel} />
        {errorCode(failure) === 'CANCELLED' ? (
          <Alert color="gray" variant="light" role="status">
            {t('exchangeModule.import.cancelled')}
          </Alert>
        ) : (
          <ErrorAlert error={failure} title={t('exchangeModule.import.refusedTitle')} />
        )}
        {inspection && (
          <Paper withBorder p="sm">
            <Stack gap="sm">
              <InspectionView inspection={inspection.value} />
              {canApply && (
                <>
                  <PathInput
                    label={t('exchangeModule.import.receiptDir')}
                    description={t('exchangeModule.import.receiptDirHelp')}
                    value={receiptDir}
                    onChange={setReceiptDir}
                    error={receiptError}
                    testId="import-receipt-dir"
                    optional
                  />
                  <Group>
                    <Button onClick={() => void apply()} loading={!!running} data-testid="import-apply">
                      {t('exchangeModule.import.apply')}
                    </Button>
                    <Button variant="default" onClick={() => setInspection(null)}>
                      {t('common.cancel')}
                    </Button>
                  </Group>
                </>
              )}
            </Stack>
          </Paper>
        )}
        {result && (
          <Alert color={result.status === 'duplicate' ? 'gray' : 'green'} variant="light" role="status" title={t(`exchangeModule.import.result.${result.status}`)} data-testid="import-result">
            <Stack gap="xs">
              <Text size="sm">{t('exchangeModule.import.resultLine', { code: result.sender, seq: formatNumber(result.seq, i18n.language) })}</Text>
              {result.status === 'imported' && <PreviewCounts preview={result.applied} caption={t('exchangeModule.import.appliedCaption')} testId="applied" />}
              {result.missing.length > 0 && <Text size="sm">{t('exchangeModule.inspect.missing', { numbers: result.missing.map((n) => formatNumber(n, i18n.language)).join(', ') })}</Text>}
              {result.receiptPath && (
                <>
                  <Text size="sm">{t('exchangeModule.import.receiptWritten')}</Text>
                  <Code block>{result.receiptPath}</Code>
                </>
              )}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
