import { useState } from 'react';
import { Alert, Button, Checkbox, Code, Group, MultiSelect, Paper, Radio, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { RECORD_BUNDLE_TYPES } from '../../../shared/domain/exchange';
import type { MethodOutput } from '../../../shared/contract';
import { errorCode } from '../../app/errors';
import { formatBytes, formatNumber } from '../../app/format';
import { selectUser, useAppSelector } from '../../app/store';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useExportBundleMutation, usePartnersQuery } from './api';
import { CallProgress } from './CallProgress';
import { PathInput, isFullPath } from './PathInput';
import { useLongCall } from './useLongCall';

type RecordBundleType = (typeof RECORD_BUNDLE_TYPES)[number];
type Problems = Partial<Record<'to' | 'type' | 'ids' | 'purpose' | 'outDir' | 'overrideReason', string>>;

const isUuid = (value: string) => z.uuid().safeParse(value).success;

/**
 * Writing a bundle for one or more partners: type, content (chosen record ids or everything changed
 * since the last bundle to them), why it is sent, and the folder to write it in. Long exports show
 * progress and can be cancelled; the answer says where the file was written.
 */
export function ExportPanel() {
  const { t, i18n } = useTranslation();
  const user = useAppSelector(selectUser);
  const { data: partners } = usePartnersQuery();
  const [exportBundle] = useExportBundleMutation();
  const { running, run, cancel } = useLongCall('export');
  const [to, setTo] = useState<string[]>([]);
  const [type, setType] = useState<RecordBundleType | null>(null);
  const [mode, setMode] = useState<'sinceLast' | 'ids'>('sinceLast');
  const [ids, setIds] = useState('');
  const [purpose, setPurpose] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [consentRef, setConsentRef] = useState('');
  const [deleteAfter, setDeleteAfter] = useState('');
  const [outDir, setOutDir] = useState('');
  const [override, setOverride] = useState(false);
  const [overrideConsent, setOverrideConsent] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [result, setResult] = useState<MethodOutput<'bundles.export'> | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const candidates = (partners ?? []).filter((p) => p.trust !== 'revoked');
  const unverifiedChosen = candidates.filter((p) => to.includes(p.code) && p.trust === 'unverified').map((p) => p.code);
  const isAdmin = user?.role === 'admin';
  // The types this role may send (the core checks it again): M&E officers NPA bundles, case managers handovers.
  const types = RECORD_BUNDLE_TYPES.filter((bt) =>
    user?.role === 'me_officer' ? bt === 'workplan-progress' || bt === 'plan-structure' : user?.role === 'case_manager' ? bt === 'ownership-transfer' : true,
  );
  const mayOverrideConsent = user?.role === 'admin' || user?.role === 'case_manager';
  const overriding = (unverifiedChosen.length > 0 && override) || overrideConsent;

  const submit = async () => {
    const idList = ids.split(/[\s,]+/).filter(Boolean);
    const found: Problems = {};
    if (to.length === 0) found.to = t('exchangeModule.export.toRequired');
    if (!type) found.type = t('exchangeModule.export.typeRequired');
    if (mode === 'ids' && (idList.length === 0 || !idList.every(isUuid))) found.ids = t('exchangeModule.export.idsInvalid');
    if (purpose.trim().length < 3) found.purpose = t('exchangeModule.export.purposeRequired');
    if (!isFullPath(outDir)) found.outDir = t('exchangeModule.path.notFull');
    if (overriding && overrideReason.trim().length < 10) found.overrideReason = t('exchangeModule.export.overrideReasonRequired');
    setProblems(found);
    if (Object.keys(found).length > 0 || !type) return;
    setResult(null);
    setFailure(null);
    try {
      const answer = await run((callId) =>
        exportBundle({
          callId,
          to,
          type,
          select: mode === 'ids' ? { mode: 'ids', ids: idList } : { mode: 'sinceLast' },
          purpose: purpose.trim(),
          ...(legalBasis.trim() ? { legalBasis: legalBasis.trim() } : {}),
          ...(consentRef.trim() ? { consentRef: consentRef.trim() } : {}),
          ...(deleteAfter ? { deleteAfter } : {}),
          outDir: outDir.trim(),
          overrideUnverified: unverifiedChosen.length > 0 && override,
          overrideConsent,
          ...(overriding ? { overrideReason: overrideReason.trim() } : {}),
        }).unwrap(),
      );
      setResult(answer);
    } catch (err) {
      setFailure(err);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="export-title">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Title order={2} fz="h4" id="export-title">
            {t('exchangeModule.export.title')}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <MultiSelect
              label={t('exchangeModule.export.to')}
              description={t('exchangeModule.export.toHelp')}
              data={candidates.map((p) => ({ value: p.code, label: `${p.code} — ${p.name} (${t(`exchangeModule.trust.${p.trust}`)})` }))}
              value={to}
              onChange={setTo}
              error={problems.to}
              required
              searchable
              data-testid="export-to"
            />
            <Select
              label={t('exchangeModule.export.type')}
              data={types.map((value) => ({ value, label: t(`exchangeModule.bundleTypes.${value}`) }))}
              value={type}
              onChange={(v) => setType(v as RecordBundleType | null)}
              error={problems.type}
              required
              data-testid="export-type"
            />
          </SimpleGrid>
          <Radio.Group label={t('exchangeModule.export.content')} value={mode} onChange={(v) => setMode(v === 'ids' ? 'ids' : 'sinceLast')}>
            <Group mt={4}>
              <Radio value="sinceLast" label={t('exchangeModule.export.sinceLast')} />
              <Radio value="ids" label={t('exchangeModule.export.ids')} />
            </Group>
          </Radio.Group>
          {mode === 'ids' && (
            <Textarea label={t('exchangeModule.export.idsLabel')} description={t('exchangeModule.export.idsHelp')} value={ids} onChange={(e) => setIds(e.currentTarget.value)} error={problems.ids} autosize minRows={2} spellCheck={false} />
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextInput label={t('exchangeModule.export.purpose')} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} error={problems.purpose} required maxLength={500} data-testid="export-purpose" />
            <TextInput label={t('exchangeModule.export.legalBasis')} value={legalBasis} onChange={(e) => setLegalBasis(e.currentTarget.value)} maxLength={500} />
            <TextInput label={t('exchangeModule.export.consentRef')} value={consentRef} onChange={(e) => setConsentRef(e.currentTarget.value)} maxLength={200} />
            <TextInput type="date" label={t('exchangeModule.export.deleteAfter')} value={deleteAfter} onChange={(e) => setDeleteAfter(e.currentTarget.value)} />
          </SimpleGrid>
          <PathInput label={t('exchangeModule.export.outDir')} description={t('exchangeModule.export.outDirHelp')} value={outDir} onChange={setOutDir} error={problems.outDir} testId="export-out-dir" />
          {unverifiedChosen.length > 0 && (
            <Alert color="yellow" variant="light" title={t('exchangeModule.export.unverifiedTitle')}>
              <Stack gap="xs">
                <Text size="sm">{t('exchangeModule.export.unverified', { codes: unverifiedChosen.join(', ') })}</Text>
                {isAdmin && (
                  <Checkbox
                    label={t('exchangeModule.export.override')}
                    description={t('exchangeModule.export.overrideHelp')}
                    checked={override}
                    onChange={(e) => setOverride(e.currentTarget.checked)}
                  />
                )}
              </Stack>
            </Alert>
          )}
          {mayOverrideConsent && (errorCode(failure) === 'CONSENT_REQUIRED' || overrideConsent) && (
            <Checkbox
              label={t('exchangeModule.export.overrideConsent')}
              description={t('exchangeModule.export.overrideConsentHelp')}
              checked={overrideConsent}
              onChange={(e) => setOverrideConsent(e.currentTarget.checked)}
              data-testid="export-override-consent"
            />
          )}
          {overriding && (
            <Textarea
              label={t('exchangeModule.export.overrideReason')}
              description={t('exchangeModule.export.overrideReasonHelp')}
              value={overrideReason}
              onChange={(e) => setOverrideReason(e.currentTarget.value)}
              error={problems.overrideReason}
              required
              autosize
              minRows={2}
              maxLength={1000}
              data-testid="export-override-reason"
            />
          )}
          <Group>
            <Button type="submit" loading={!!running} data-testid="export-submit">
              {t('exchangeModule.export.submit')}
            </Button>
          </Group>
          <CallProgress running={running} label={t('exchangeModule.export.progressLabel')} onCancel={cancel} />
          {errorCode(failure) === 'CANCELLED' ? (
            <Alert color="gray" variant="light" role="status">
              {t('exchangeModule.export.cancelled')}
            </Alert>
          ) : (
            <ErrorAlert error={failure} />
          )}
          {result && (
            <Alert color="green" variant="light" role="status" title={t('exchangeModule.export.doneTitle')} data-testid="export-result">
              <Text size="sm">
                {t('exchangeModule.export.done', {
                  seq: formatNumber(result.seq, i18n.language),
                  records: formatNumber(
                    Object.values(result.records).reduce((a, b) => a + b, 0),
                    i18n.language,
                  ),
                  size: formatBytes(result.bytes, i18n.language),
                })}
              </Text>
              <Code block mt={4} data-testid="export-path">
                {result.path}
              </Code>
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
