import { useState } from 'react';
import { Button, Checkbox, NativeSelect, SimpleGrid, Stack, Table, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/contract/cases';
import { RAPID_INDICATORS } from '../../../../shared/domain/cases/screening';
import { ChangeError, options, Section, todayIso, useCaseChange } from '../ui';
import { FullScreeningForm, FullScreeningSummary } from './FullScreening';

type Answer = 'yes' | 'no' | 'unknown';

/** Rapid screening (the short checklist), then the full screening with its outcome. */
export function ScreeningSection({ v }: { v: CaseView }) {
  const { t } = useTranslation();
  const caseId = v.case.id;
  const { run, error, busy } = useCaseChange(caseId);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [rapidOn, setRapidOn] = useState(todayIso());
  const [needed, setNeeded] = useState(false);
  const hasRapid = v.screenings.some((s) => s.kind === 'rapid');

  const saveRapid = () =>
    run({ method: 'screening.recordRapid', params: { caseId, screenedOn: rapidOn, answers, fullScreeningNeeded: needed, interpreterUsed: false } });

  return (
    <Stack gap="sm">
      <ChangeError error={error} />
      {v.screenings.length > 0 && (
        <Table verticalSpacing={4} data-testid="screenings">
          <Table.Caption>{t('caseFile.screening.done')}</Table.Caption>
          <Table.Tbody>
            {v.screenings.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.screenedOn}</Table.Td>
                <Table.Td>{t(`caseFile.screening.kinds.${s.kind}`)}</Table.Td>
                <Table.Td>{s.kind === 'full' ? t(`caseFile.outcomes.${s.outcome}`) : s.fullScreeningNeeded ? t('caseFile.screening.fullNeeded') : '—'}</Table.Td>
                <Table.Td>{s.screenedBy}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {v.permissions.write && (
        <Section id="rapid" title={t('caseFile.screening.rapidTitle')}>
          <TextInput type="date" label={t('caseFile.screening.date')} value={rapidOn} onChange={(e) => setRapidOn(e.currentTarget.value)} w={180} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {RAPID_INDICATORS.map((code) => (
              <NativeSelect
                key={code}
                label={t(`caseFile.rapid.${code}`)}
                value={answers[code] ?? ''}
                onChange={(e) => {
                  const value = e.currentTarget.value as Answer;
                  setAnswers((a) => ({ ...a, [code]: value }));
                }}
                data={options(t, 'answers', ['yes', 'no', 'unknown'], t('caseFile.form.notAsked'))}
              />
            ))}
          </SimpleGrid>
          <Checkbox label={t('caseFile.screening.fullNeeded')} checked={needed} onChange={(e) => setNeeded(e.currentTarget.checked)} />
          <Button w="fit-content" loading={busy} onClick={() => void saveRapid()} data-testid="rapid-submit">
            {t('caseFile.screening.saveRapid')}
          </Button>
        </Section>
      )}
      <FullScreeningSummary v={v} />
      {v.permissions.write && hasRapid && <FullScreeningForm v={v} />}
    </Stack>
  );
}

