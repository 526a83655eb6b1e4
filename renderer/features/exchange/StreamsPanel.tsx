import { useState } from 'react';
import { Alert, Badge, Button, Code, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { mayCall } from '../../app/navigation';
import { formatDateTime, formatNumber } from '../../app/format';
import { selectUser, useAppSelector } from '../../app/store';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useResendBundleMutation, useSentBundlesQuery, useStreamsQuery } from './api';
import { PathInput, isFullPath } from './PathInput';

type SentBundle = { bundleId: string; seq: number; recipients: string[] };

/** Writes a sent bundle again, byte for byte, into a folder (for one that never arrived). */
function ResendDialog({ bundle, onClose }: { bundle: SentBundle; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [resend, { data, error, isLoading }] = useResendBundleMutation();
  const [outDir, setOutDir] = useState('');
  const [pathError, setPathError] = useState<string | null>(null);
  return (
    <Modal opened onClose={onClose} title={t('exchangeModule.sent.resendTitle', { seq: formatNumber(bundle.seq, i18n.language), to: bundle.recipients.join(', ') })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!isFullPath(outDir)) {
            setPathError(t('exchangeModule.path.notFull'));
            return;
          }
          setPathError(null);
          void resend({ bundleId: bundle.bundleId, outDir: outDir.trim() });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('exchangeModule.sent.resendExplain')}</Text>
          <PathInput label={t('exchangeModule.export.outDir')} description={t('exchangeModule.export.outDirHelp')} value={outDir} onChange={setOutDir} error={pathError} testId="resend-out-dir" />
          <ErrorAlert error={error} />
          {data && (
            <Alert color="green" variant="light" role="status" data-testid="resend-result">
              <Code block>{data.path}</Code>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('exchangeModule.close')}
            </Button>
            <Button type="submit" loading={isLoading} data-testid="resend-submit">
              {t('exchangeModule.sent.resend')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Streams per partner, with the bundles that never arrived, and the log of bundles sent. */
export function StreamsPanel() {
  const { t, i18n } = useTranslation();
  const user = useAppSelector(selectUser);
  const streams = useStreamsQuery();
  const sent = useSentBundlesQuery({ limit: 100 });
  const [resending, setResending] = useState<SentBundle | null>(null);
  const mayResend = !!user && mayCall(user.role, 'bundles.resend');

  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-labelledby="streams-title">
        <Stack gap="sm">
          <Title order={2} fz="h4" id="streams-title">
            {t('exchangeModule.streams.title')}
          </Title>
          <ErrorAlert error={streams.error} />
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" striped data-testid="streams-table">
              <Table.Caption>{t('exchangeModule.streams.caption', { count: formatNumber(streams.data?.length ?? 0, i18n.language) })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('exchangeModule.streams.partner')}</Table.Th>
                  <Table.Th scope="col">{t('exchangeModule.streams.direction')}</Table.Th>
                  <Table.Th scope="col">{t('exchangeModule.streams.lastSeq')}</Table.Th>
                  <Table.Th scope="col">{t('exchangeModule.streams.missing')}</Table.Th>
                  <Table.Th scope="col">{t('exchangeModule.streams.updated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(streams.data ?? []).map((s) => (
                  <Table.Tr key={`${s.direction}-${s.streamId}`} data-testid={`stream-${s.direction}-${s.partner}`}>
                    <Table.Td>{s.partner}</Table.Td>
                    <Table.Td>{t(`exchangeModule.streams.${s.direction}`)}</Table.Td>
                    <Table.Td>{formatNumber(s.lastSeq, i18n.language)}</Table.Td>
                    <Table.Td>
                      {s.missing.length === 0 ? (
                        <Badge color="green" variant="light">
                          {t('exchangeModule.streams.complete')}
                        </Badge>
                      ) : (
                        <Stack gap={2} data-testid="stream-gaps">
                          {s.missing.map((seq) => (
                            <Text size="sm" c="orange.9" key={seq}>
                              {s.direction === 'in'
                                ? t('exchangeModule.streams.neverArrived', { seq: formatNumber(seq, i18n.language), code: s.partner })
                                : t('exchangeModule.streams.notAcknowledged', { seq: formatNumber(seq, i18n.language), code: s.partner })}
                            </Text>
                          ))}
                          {s.direction === 'in' && (
                            <Text size="xs" c="dimmed">
                              {t('exchangeModule.streams.askResend', { code: s.partner })}
                            </Text>
                          )}
                        </Stack>
                      )}
                    </Table.Td>
                    <Table.Td>{formatDateTime(s.updatedAt, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="sent-title">
        <Stack gap="sm">
          <Title order={2} fz="h4" id="sent-title">
            {t('exchangeModule.sent.title')}
          </Title>
          <ErrorAlert error={sent.error} />
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" striped data-testid="sent-table">
              <Table.Caption>{t('exchangeModule.sent.caption', { count: formatNumber(sent.data?.length ?? 0, i18n.language) })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('exchangeModule.sent.number')}</Table.Th>
                  <Table.Th scope="col">{t('exchangeModule.sent.to')}</Table.Th>
                  <Table.Th scope="col">{t('exchangeModule.sent.type')}</Table.Th>
                  <Table.Th scope="col">{t('exchangeModule.sent.records')}</Table.Th>
                  <Table.Th scope="col">{t('exchangeModule.sent.created')}</Table.Th>
                  <Table.Th scope="col">{t('exchangeModule.sent.delivered')}</Table.Th>
                  {mayResend && <Table.Th scope="col">{t('exchangeModule.partners.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(sent.data ?? []).map((b) => (
                  <Table.Tr key={b.bundleId} data-testid={`sent-${b.seq}`}>
                    <Table.Td>{formatNumber(b.seq, i18n.language)}</Table.Td>
                    <Table.Td>{b.recipients.join(', ')}</Table.Td>
                    <Table.Td>{t(`exchangeModule.bundleTypes.${b.bundleType}`)}</Table.Td>
                    <Table.Td>{formatNumber(b.records, i18n.language)}</Table.Td>
                    <Table.Td>
                      {formatDateTime(b.createdAt, i18n.language)} · {b.createdBy}
                    </Table.Td>
                    <Table.Td>{b.acknowledgedAt ? formatDateTime(b.acknowledgedAt, i18n.language) : t('exchangeModule.sent.notYet')}</Table.Td>
                    {mayResend && (
                      <Table.Td>
                        <Button size="xs" variant="default" onClick={() => setResending(b)} aria-label={t('exchangeModule.sent.resendFor', { seq: formatNumber(b.seq, i18n.language), to: b.recipients.join(', ') })} data-testid={`resend-${b.seq}`}>
                          {t('exchangeModule.sent.resend')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      </Paper>
      {resending && <ResendDialog bundle={resending} onClose={() => setResending(null)} />}
    </Stack>
  );
}
