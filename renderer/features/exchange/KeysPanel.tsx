import { useState } from 'react';
import { Alert, Badge, Button, Code, Group, Modal, Paper, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { mayCall } from '../../app/navigation';
import { formatDateTime, formatNumber } from '../../app/format';
import { selectUser, useAppSelector } from '../../app/store';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useExportIdentityMutation, useOwnKeysQuery, useRotateKeysMutation } from './api';
import { PathInput, isFullPath } from './PathInput';

const KEY_COLOUR = { active: 'green', retired: 'gray', revoked: 'red' } as const;

/** New keys, announced to every verified partner in key-update bundles written to a folder. */
function RotateDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [rotate, { data, error, isLoading }] = useRotateKeysMutation();
  const [mode, setMode] = useState<'rotate' | 'revoke'>('rotate');
  const [outDir, setOutDir] = useState('');
  const [reason, setReason] = useState('');
  const [pathError, setPathError] = useState<string | null>(null);
  return (
    <Modal opened onClose={onClose} title={t('exchangeModule.keys.rotateTitle')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!isFullPath(outDir)) {
            setPathError(t('exchangeModule.path.notFull'));
            return;
          }
          setPathError(null);
          void rotate({ mode, outDir: outDir.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}) });
        }}
      >
        <Stack gap="sm">
          <Radio.Group label={t('exchangeModule.keys.mode')} value={mode} onChange={(v) => setMode(v === 'revoke' ? 'revoke' : 'rotate')}>
            <Stack gap="xs" mt={4}>
              <Radio value="rotate" label={t('exchangeModule.keys.rotate')} description={t('exchangeModule.keys.rotateHelp')} />
              <Radio value="revoke" label={t('exchangeModule.keys.revoke')} description={t('exchangeModule.keys.revokeHelp')} />
            </Stack>
          </Radio.Group>
          <TextInput label={t('exchangeModule.keys.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} />
          <PathInput label={t('exchangeModule.keys.outDir')} description={t('exchangeModule.keys.outDirHelp')} value={outDir} onChange={setOutDir} error={pathError} testId="rotate-out-dir" />
          <ErrorAlert error={error} />
          {data && (
            <Alert color="green" variant="light" role="status" title={t('exchangeModule.keys.rotated')}>
              {data.bundles.map((b) => (
                <Text size="sm" key={b.path}>
                  {b.partner}: <Code>{b.path}</Code>
                </Text>
              ))}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              {data ? t('exchangeModule.close') : t('common.cancel')}
            </Button>
            {!data && (
              <Button type="submit" color={mode === 'revoke' ? 'red' : undefined} loading={isLoading}>
                {t('exchangeModule.keys.confirm')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Our own keys over time; rotation and revocation; the age identity for escrow (administrators). */
export function KeysPanel() {
  const { t, i18n } = useTranslation();
  const user = useAppSelector(selectUser);
  const { data, error } = useOwnKeysQuery();
  const [exportIdentity, identity] = useExportIdentityMutation();
  const [rotating, setRotating] = useState(false);
  const [out, setOut] = useState('');
  const [pathError, setPathError] = useState<string | null>(null);
  const mayRotate = !!user && mayCall(user.role, 'keys.rotate');
  const mayExport = !!user && mayCall(user.role, 'keys.exportIdentity');

  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-labelledby="keys-title">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} fz="h4" id="keys-title">
              {t('exchangeModule.keys.title')}
            </Title>
            {mayRotate && (
              <Button variant="default" onClick={() => setRotating(true)}>
                {t('exchangeModule.keys.rotateButton')}
              </Button>
            )}
          </Group>
          <ErrorAlert error={error} />
          <Table verticalSpacing="xs" striped>
            <Table.Caption>{t('exchangeModule.keys.caption', { count: formatNumber(data?.length ?? 0, i18n.language) })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('exchangeModule.keys.state')}</Table.Th>
                <Table.Th scope="col">{t('exchangeModule.partners.fingerprint')}</Table.Th>
                <Table.Th scope="col">{t('exchangeModule.keys.created')}</Table.Th>
                <Table.Th scope="col">{t('exchangeModule.keys.ended')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data ?? []).map((k) => (
                <Table.Tr key={k.fingerprint.fingerprint}>
                  <Table.Td>
                    <Badge variant="light" color={KEY_COLOUR[k.state]}>
                      {t(`exchangeModule.keys.states.${k.state}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ff="monospace" fz="xs">
                    {k.fingerprint.digits}
                  </Table.Td>
                  <Table.Td>{formatDateTime(k.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>{k.endedAt ? formatDateTime(k.endedAt, i18n.language) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Paper>
      {mayExport && (
        <Paper withBorder p="md" component="section" aria-labelledby="identity-title">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!isFullPath(out)) {
                setPathError(t('exchangeModule.path.notFull'));
                return;
              }
              setPathError(null);
              void exportIdentity({ out: out.trim() });
            }}
          >
            <Stack gap="sm">
              <Title order={2} fz="h4" id="identity-title">
                {t('exchangeModule.keys.identityTitle')}
              </Title>
              <Alert color="red" variant="light">
                {t('exchangeModule.keys.identityWarning')}
              </Alert>
              <Group align="flex-end" wrap="wrap">
                <div style={{ flex: 1, minWidth: 280 }}>
                  <PathInput label={t('exchangeModule.keys.identityOut')} description={t('exchangeModule.keys.identityOutHelp')} value={out} onChange={setOut} error={pathError} testId="identity-out" />
                </div>
                <Button type="submit" color="red" variant="light" loading={identity.isLoading}>
                  {t('exchangeModule.keys.identityWrite')}
                </Button>
              </Group>
              <ErrorAlert error={identity.error} />
              {identity.data && (
                <Alert color="green" variant="light" role="status">
                  <Code block>{identity.data.path}</Code>
                </Alert>
              )}
            </Stack>
          </form>
        </Paper>
      )}
      {rotating && <RotateDialog onClose={() => setRotating(false)} />}
    </Stack>
  );
}
