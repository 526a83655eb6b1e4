import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, NativeSelect, NumberInput, Skeleton, Stack, Table, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ATTACHMENT_HARD_LIMIT } from '../../../shared/domain/cases/aroundCase';
import { ScoreWeights } from '../../../shared/domain/cases/reintegration';
import { formatNumber } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useCaseSettingsQuery, useUpdateCaseSettingsMutation } from './api';
import { opt, Section } from './ui';

const MB = 1024 * 1024;
const MAX_MB = ATTACHMENT_HARD_LIMIT / MB;
const VERSION = /^[a-z0-9][a-z0-9.-]{1,40}$/;

/**
 * Case settings of the workspace (administrators; `caseSettings.update`): which cases a case worker
 * opens, the largest attachment, and the versioned weights of the reintegration composite score.
 */
export function CaseSettingsPage() {
  const { t, i18n } = useTranslation();
  const settings = useCaseSettingsQuery();
  const [update, updating] = useUpdateCaseSettingsMutation();
  const [scope, setScope] = useState('assigned');
  const [limitMb, setLimitMb] = useState<number | string>(10);
  const [active, setActive] = useState('');
  const [saved, setSaved] = useState(false);
  const [limitError, setLimitError] = useState<string | null>(null);
  const [draft, setDraft] = useState({ version: '', economic: 1 as number | string, social: 1 as number | string, psychosocial: 1 as number | string, description: '' });
  const [draftErrors, setDraftErrors] = useState<Record<string, string | null>>({});
  const s = settings.data;
  useEffect(() => {
    if (!s) return;
    setScope(s.caseWorkerScope);
    setLimitMb(Math.round((s.attachmentMaxBytes / MB) * 100) / 100);
    setActive(s.activeWeightsVersion);
  }, [s]);

  const n = (x: number) => formatNumber(x, i18n.language);

  const save = async () => {
    setSaved(false);
    const mb = typeof limitMb === 'number' ? limitMb : Number.NaN;
    const bytes = Math.round(mb * MB);
    const bad = !(bytes >= 1024 && bytes <= ATTACHMENT_HARD_LIMIT);
    setLimitError(bad ? t('caseFile.settings.limitRange', { max: n(MAX_MB) }) : null);
    if (bad) return;
    const result = await update({ caseWorkerScope: scope === 'organisation' ? 'organisation' : 'assigned', attachmentMaxBytes: bytes, activeWeightsVersion: active });
    if ('data' in result) setSaved(true);
  };

  const addWeights = async () => {
    setSaved(false);
    const weights = ScoreWeights.safeParse({
      version: draft.version.trim(),
      economic: Number(draft.economic),
      social: Number(draft.social),
      psychosocial: Number(draft.psychosocial),
      description: opt(draft.description),
    });
    const e = {
      version: VERSION.test(draft.version.trim()) ? null : t('caseFile.settings.versionBad'),
      weights: [draft.economic, draft.social, draft.psychosocial].every((w) => typeof w === 'number') && weights.success ? null : t('caseFile.settings.weightsBad'),
    };
    setDraftErrors(e);
    if (e.version || e.weights || !weights.success) return;
    const result = await update({ addScoreWeights: weights.data });
    if ('data' in result) {
      setDraft({ version: '', economic: 1, social: 1, psychosocial: 1, description: '' });
      setSaved(true);
    }
  };

  return (
    <Page
      title={t('caseFile.settings.title')}
      description={t('caseFile.settings.description')}
      actions={
        <Button component={Link} to="/cases" variant="default" size="xs">
          {t('caseFile.file.back')}
        </Button>
      }
    >
      <ErrorAlert error={settings.error ?? updating.error} />
      {saved && (
        <Alert color="green" variant="light" role="status" data-testid="settings-saved">
          {t('caseFile.settings.saved')}
        </Alert>
      )}
      {!s ? (
        <Skeleton h={200} />
      ) : (
        <Stack gap="sm">
          <Section id="settings-general" title={t('caseFile.settings.general')}>
            <NativeSelect label={t('caseFile.settings.scope')} value={scope} onChange={(e) => setScope(e.currentTarget.value)} data={[
                { value: 'assigned', label: t('caseFile.settings.scopes.assigned') },
                { value: 'organisation', label: t('caseFile.settings.scopes.organisation') },
              ]} w={340} />
            <NumberInput
              hideControls
              label={t('caseFile.settings.attachmentLimit')}
              description={t('caseFile.settings.attachmentHelp', { max: n(MAX_MB) })}
              value={limitMb}
              onChange={setLimitMb}
              min={0.01}
              max={MAX_MB}
              step={0.5}
              decimalScale={2}
              error={limitError}
              w={340}
            />
            <NativeSelect
              label={t('caseFile.settings.activeWeights')}
              value={active}
              onChange={(e) => setActive(e.currentTarget.value)}
              data={s.scoreWeights.map((w) => ({ value: w.version, label: w.version }))}
              w={340}
            />
            <Button w="fit-content" loading={updating.isLoading} onClick={() => void save()} data-testid="settings-save">
              {t('caseFile.settings.save')}
            </Button>
          </Section>
          <Section id="settings-weights" title={t('caseFile.settings.weights')}>
            <Table verticalSpacing={4} data-testid="weights">
              <Table.Caption>{t('caseFile.settings.weightsNote')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('caseFile.settings.version')}</Table.Th>
                  <Table.Th scope="col">{t('caseFile.reintegration.dimensions.economic')}</Table.Th>
                  <Table.Th scope="col">{t('caseFile.reintegration.dimensions.social')}</Table.Th>
                  <Table.Th scope="col">{t('caseFile.reintegration.dimensions.psychosocial')}</Table.Th>
                  <Table.Th scope="col">{t('caseFile.settings.descriptionLabel')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.scoreWeights.map((w) => (
                  <Table.Tr key={w.version} data-testid="weights-row">
                    <Table.Td ff="monospace">
                      <Group gap={4}>
                        {w.version}
                        {w.version === s.activeWeightsVersion && <Badge size="sm">{t('caseFile.settings.inUse')}</Badge>}
                      </Group>
                    </Table.Td>
                    <Table.Td>{n(w.economic)}</Table.Td>
                    <Table.Td>{n(w.social)}</Table.Td>
                    <Table.Td>{n(w.psychosocial)}</Table.Td>
                    <Table.Td>{w.description ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group align="flex-start" gap="xs" wrap="wrap">
              <TextInput
                label={t('caseFile.settings.version')}
                description={t('caseFile.settings.versionHelp')}
                value={draft.version}
                onChange={(e) => setDraft({ ...draft, version: e.currentTarget.value })}
                error={draftErrors.version}
                w={220}
              />
              {(['economic', 'social', 'psychosocial'] as const).map((dim) => (
                <NumberInput
                  hideControls
                  key={dim}
                  label={t('caseFile.settings.weightOf', { dimension: t(`caseFile.reintegration.dimensions.${dim}`) })}
                  value={draft[dim]}
                  onChange={(value) => setDraft({ ...draft, [dim]: value })}
                  min={0}
                  max={1}
                  step={0.05}
                  decimalScale={2}
                  error={dim === 'economic' ? draftErrors.weights : undefined}
                  w={150}
                />
              ))}
              <TextInput label={t('caseFile.settings.descriptionLabel')} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })} w={260} />
            </Group>
            <Button w="fit-content" variant="default" loading={updating.isLoading} onClick={() => void addWeights()} data-testid="weights-add">
              {t('caseFile.settings.addWeights')}
            </Button>
          </Section>
        </Stack>
      )}
    </Page>
  );
}
